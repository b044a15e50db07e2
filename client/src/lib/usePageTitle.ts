import { watchEffect } from 'vue';
import { i18n } from '@/i18n';

/** Keeps the tab's title in step with the page (and the language): "Projets · Agrément". */
export function usePageTitle(title: () => string | null | undefined): void {
  watchEffect(() => {
    const name = i18n.global.t('app.name');
    const page = title();
    document.title = page ? `${page} · ${name}` : name;
  });
}
