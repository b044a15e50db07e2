// Fails the build when a PrimeVue component used by the client has no design tokens in src/lib/aura.ts (it would
// render unstyled): the theme lists the components it styles, to keep the others out of the first page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));
/** Components styled by another one's tokens, or that have none of their own. */
const COVERED_BY = { inputicon: 'iconfield', config: null, usetoast: null };
/** Components that use others inside (Button shows a Badge; the ripple effect is on by default in buttons). */
const USES = { button: ['badge', 'ripple'] };

const files = (directory) =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(directory, entry.name))
      : /\.(vue|ts)$/.test(entry.name)
        ? [join(directory, entry.name)]
        : [],
  );
const used = new Set();
for (const file of files(src)) {
  for (const [, name] of readFileSync(file, 'utf8').matchAll(/from 'primevue\/([a-z]+)'/g)) {
    const styled = name in COVERED_BY ? COVERED_BY[name] : name;
    if (!styled) continue;
    used.add(styled);
    for (const inner of USES[styled] ?? []) used.add(inner);
  }
}
const theme = readFileSync(join(src, 'lib', 'aura.ts'), 'utf8');
const missing = [...used].filter((name) => !theme.includes(`from '@primeuix/themes/aura/${name}'`));
if (missing.length > 0) {
  console.error(`PrimeVue components without their tokens in client/src/lib/aura.ts: ${missing.join(', ')}`);
  process.exit(1);
}
