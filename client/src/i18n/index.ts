import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import fr, { type MessageSchema } from './fr';

/** The interface languages: French by default, English one click away. */
export type Locale = 'fr' | 'en';

const STORAGE_KEY = 'agrement.locale';

declare module 'vue-i18n' {
  // Typed keys for `t()` everywhere.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

function storedLocale(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'fr',
  // French, the default and the fallback, ships with the first page; English is fetched when it is chosen.
  messages: { fr } as Record<Locale, MessageSchema>,
});

/** Makes sure the messages of `locale` are loaded (English is its own chunk). */
export async function loadLocaleMessages(locale: Locale): Promise<void> {
  if (locale === 'fr' || i18n.global.availableLocales.includes(locale)) return;
  const { default: messages } = await import('./en');
  i18n.global.setLocaleMessage(locale, messages);
}

/** The language in use now (read outside components, e.g. by the websocket's connection parameters). */
export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Switches the interface language, remembers it and tells assistive technologies through `<html lang>`. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadLocaleMessages(locale);
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
}

/** The language for components: the current one, and a toggle between the two. */
export function useLocale() {
  const locale = computed(() => i18n.global.locale.value);
  const toggle = () => setLocale(locale.value === 'fr' ? 'en' : 'fr');
  return { locale, setLocale, toggle };
}

document.documentElement.lang = currentLocale();
