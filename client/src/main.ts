import { createApp, h, provide } from 'vue';
import { DefaultApolloClient } from '@vue/apollo-composable';
import PrimeVue from 'primevue/config';
import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';
import 'primeicons/primeicons.css';
import './styles.css';
import App from './App.vue';
import { apolloClient } from './apollo';
import { i18n, currentLocale } from './i18n';
import { primeVueLocales } from './i18n/primevue-locales';
import { router } from './router';

/** Aura in a sober blue; primary colours darkened so that white text on them stays above 4.5:1. */
const AgrementPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{blue.50}',
      100: '{blue.100}',
      200: '{blue.200}',
      300: '{blue.300}',
      400: '{blue.400}',
      500: '{blue.500}',
      600: '{blue.600}',
      700: '{blue.700}',
      800: '{blue.800}',
      900: '{blue.900}',
      950: '{blue.950}',
    },
    colorScheme: {
      light: {
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
        highlight: {
          background: '{primary.50}',
          focusBackground: '{primary.100}',
          color: '{primary.800}',
          focusColor: '{primary.900}',
        },
      },
    },
  },
});

const app = createApp({
  setup() {
    provide(DefaultApolloClient, apolloClient);
  },
  render: () => h(App),
});

app.use(PrimeVue, {
  theme: { preset: AgrementPreset, options: { darkModeSelector: false, cssLayer: false } },
  locale: primeVueLocales[currentLocale()],
});
app.use(i18n);
app.use(router);
app.mount('#app');
