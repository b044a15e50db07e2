// After `vite build`: writes a gzip and a brotli twin of every text asset (the server picks one by Accept-Encoding,
// so nothing is compressed per request), then prints what the first page costs.
//
// A few lines of node:zlib rather than a Vite plugin: the server must find exactly the `.gz`/`.br` names it looks
// for, the plugins we looked at lag Vite's major versions, and the same pass measures the sizes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|woff|ttf|eot|map)$/;
/** Below this, the headers outweigh the saving. */
const MIN_BYTES = 1024;

/** Every file under dist, relative to it. */
function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(dist, path)];
  });
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 });
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });

const sizes = new Map();
for (const file of filesUnder(dist)) {
  if (!COMPRESSIBLE.test(file) || file.endsWith('.map')) continue;
  const bytes = readFileSync(join(dist, file));
  const gz = gzip(bytes);
  const br = brotli(bytes);
  sizes.set(file, { raw: bytes.length, gzip: gz.length, brotli: br.length });
  if (bytes.length < MIN_BYTES) continue;
  writeFileSync(join(dist, `${file}.gz`), gz);
  writeFileSync(join(dist, `${file}.br`), br);
}

// What index.html makes the browser fetch before anything runs: the entry, its preloaded imports, the stylesheet.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
const sum = (files, key) => files.reduce((total, file) => total + (sizes.get(file)?.[key] ?? 0), 0);
const js = (files) => files.filter((file) => file.endsWith('.js'));
const allFiles = [...sizes.keys()];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const report = {
  initialJs: {
    files: js(initial).length,
    raw: sum(js(initial), 'raw'),
    gzip: sum(js(initial), 'gzip'),
    brotli: sum(js(initial), 'brotli'),
  },
  initialCss: {
    raw: sum(
      initial.filter((f) => f.endsWith('.css')),
      'raw',
    ),
    gzip: sum(
      initial.filter((f) => f.endsWith('.css')),
      'gzip',
    ),
  },
  allJs: { files: js(allFiles).length, raw: sum(js(allFiles), 'raw'), gzip: sum(js(allFiles), 'gzip') },
  all: { raw: sum(allFiles, 'raw'), gzip: sum(allFiles, 'gzip'), brotli: sum(allFiles, 'brotli') },
};
writeFileSync(join(dist, '.sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(
  [
    `initial JS   ${report.initialJs.files} files: ${kb(report.initialJs.raw)}, ${kb(report.initialJs.gzip)} gzip, ${kb(report.initialJs.brotli)} brotli`,
    `initial CSS  ${kb(report.initialCss.raw)}, ${kb(report.initialCss.gzip)} gzip`,
    `all JS       ${report.allJs.files} files: ${kb(report.allJs.raw)}, ${kb(report.allJs.gzip)} gzip`,
    `all assets   ${kb(report.all.raw)}, ${kb(report.all.gzip)} gzip, ${kb(report.all.brotli)} brotli (source maps excluded)`,
  ].join('\n'),
);
const BUDGET = 150 * 1024;
if (report.initialJs.gzip > BUDGET) console.warn(`initial JS is over its budget of ${kb(BUDGET)} gzip`);
