import { watch, type App } from 'vue';
import { DefaultApolloClient } from '@vue/apollo-composable';
import PrimeVue from 'primevue/config';
import { definePreset } from '@primeuix/themes';
import Aura from './lib/aura';
import { apolloClient } from './apollo';
import { i18n, currentLocale } from './i18n';
import { primeVueLocales } from './i18n/primevue-locales';

/**
 * The severities' colours, one shade darker than Aura's 500 (on which white text and coloured text on white fall
 * between 2.3:1 and 3.8:1): 700 on white and white on 700 are all above 4.5:1 (WCAG AA), so is 600 for grey text on
 * the page's background. Hover and active go darker still.
 */
const SEVERITIES = { info: 'sky', success: 'green', warn: 'orange', help: 'purple', danger: 'red' } as const;
const solid = (hue: string) => ({
  background: `{${hue}.700}`,
  hoverBackground: `{${hue}.800}`,
  activeBackground: `{${hue}.900}`,
  borderColor: `{${hue}.700}`,
  hoverBorderColor: `{${hue}.800}`,
  activeBorderColor: `{${hue}.900}`,
  focusRing: { color: `{${hue}.700}`, shadow: 'none' },
});
const byHue = <T>(make: (hue: string) => T) =>
  Object.fromEntries(Object.entries(SEVERITIES).map(([severity, hue]) => [severity, make(hue)])) as Record<
    keyof typeof SEVERITIES,
    T
  >;
const buttonColours = {
  root: byHue(solid),
  outlined: {
    ...byHue((hue) => ({ color: `{${hue}.700}`, borderColor: `{${hue}.300}` })),
    secondary: { color: '{surface.600}', borderColor: '{surface.300}' },
  },
  text: { ...byHue((hue) => ({ color: `{${hue}.700}` })), secondary: { color: '{surface.600}' } },
};

/** Aura in a sober blue; primary colours darkened so that white text on them stays above 4.5:1. */
const AgrementPreset = definePreset(Aura, {
  components: { button: { colorScheme: { light: buttonColours } } },
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
        // Aura's muted text (slate 500) is 4.4:1 on the page's background: one shade darker
        text: { mutedColor: '{surface.600}' },
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

/**
 * PrimeVue copies a button's label into `aria-label`. The visible text already names the button; the copy only makes
 * the button answer to searches by label ("Jours" would find "Engager ces jours" as well as the field) and hides a
 * badge from its name. Keep `aria-label` only where we give one ourselves (icon-only buttons, longer names).
 */
const buttonRoot = ({ instance }: { instance: { $attrs: Record<string, unknown> } }) => ({
  'aria-label': instance.$attrs['aria-label'] as string | undefined,
});

/**
 * PrimeVue with our theme, and Apollo for the composables: a chunk of its own (the theme engine, the composables)
 * that main.ts fetches beside the sign-in check, before the first page is mounted.
 */
export function installPlugins(app: App): void {
  app.provide(DefaultApolloClient, apolloClient);
  app.use(PrimeVue, {
    theme: { preset: AgrementPreset, options: { darkModeSelector: false, cssLayer: false } },
    locale: primeVueLocales[currentLocale()],
    // PrimeIcons draw with a private-use character in `::before`, which browsers would read into the button's name
    // (" Importer"): the icon is decoration, hidden from assistive technologies.
    pt: { button: { root: buttonRoot, icon: { 'aria-hidden': 'true' }, loadingIcon: { 'aria-hidden': 'true' } } },
  });
  // PrimeVue's own strings follow the interface language.
  watch(i18n.global.locale, (locale) => {
    app.config.globalProperties.$primevue.config.locale = primeVueLocales[locale];
  });
}
