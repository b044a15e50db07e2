import base from '@primeuix/themes/aura/base';
import badge from '@primeuix/themes/aura/badge';
import button from '@primeuix/themes/aura/button';
import iconfield from '@primeuix/themes/aura/iconfield';
import inputtext from '@primeuix/themes/aura/inputtext';
import message from '@primeuix/themes/aura/message';
import progressbar from '@primeuix/themes/aura/progressbar';
import progressspinner from '@primeuix/themes/aura/progressspinner';
import ripple from '@primeuix/themes/aura/ripple';
import tag from '@primeuix/themes/aura/tag';
import textarea from '@primeuix/themes/aura/textarea';

/**
 * PrimeVue's Aura theme with the design tokens of the components we use, and only those: the full preset carries
 * the tokens of ~90 components (105 KB of the first page's script). A PrimeVue component added to the client needs
 * its line here, or it renders unstyled; `client/scripts/check-theme.mjs` (run by the build) says which is missing.
 */
export default {
  ...base,
  components: { badge, button, iconfield, inputtext, message, progressbar, progressspinner, ripple, tag, textarea },
};
