import { createApp } from 'vue';
import 'primeicons/primeicons.css';
import './styles.css';
import App from './App.vue';
import { i18n, currentLocale, loadLocaleMessages } from './i18n';
import { router } from './router';
import { appLayout } from './components/appLayout';
import { vScrollRegion } from './lib/scrollRegion';

const app = createApp(App);
app.directive('scroll-region', vScrollRegion);
app.use(i18n);
app.use(router);
// index.html's shell stays on screen while the first page is resolved (the sign-in check, the page's chunk, English
// messages when chosen) and the rest of the first page's code arrives: mounting earlier would only replace the shell
// with a blank page.
void Promise.all([
  router.isReady(),
  loadLocaleMessages(currentLocale()),
  appLayout(),
  import('./plugins').then(({ installPlugins }) => installPlugins(app)),
])
  .catch(() => undefined)
  .then(() => app.mount('#app'));
