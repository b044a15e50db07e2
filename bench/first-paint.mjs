// First paint of the home page, as a signed-in operator opening Agrément with an empty cache.
//
// Starts the built server (`npm run build` first) on a fresh demo database, signs in once, then opens `/` RUNS times
// in a new tab with the browser cache disabled and reports, as medians: first contentful paint, the bytes that
// crossed the network (headers and bodies as sent, i.e. compressed when the server compresses), and the JavaScript
// the page fetched, and when the home page's heading is there (the sign-in check and the page's data answered). Also prints the built client's sizes (client/dist/.sizes.json, written by the build).
//
//   npm run bench:first-paint            # RUNS=7
//   RUNS=15 npm run bench:first-paint
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 7);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      NODE_ENV: 'production',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://localhost:${port}`;
  for (const deadline = Date.now() + 90_000; ;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const server = await startServer();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  locale: 'fr-FR',
  viewport: { width: 1280, height: 900 },
});
try {
  const signInPage = context.pages()[0] ?? (await context.newPage());
  await signInPage.goto(`${server.baseUrl}/sign-in`);
  await signInPage.getByLabel('Adresse e-mail').fill('operateur@demo.agrement.fr');
  await signInPage.getByLabel('Mot de passe').fill('agrement-demo');
  await signInPage.getByRole('button', { name: 'Se connecter' }).click();
  await signInPage.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

  const samples = [];
  for (let run = 0; run < runs; run++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const types = new Map();
    let wire = 0;
    let js = 0;
    cdp.on('Network.responseReceived', ({ requestId, type }) => types.set(requestId, type));
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      wire += encodedDataLength;
      if (types.get(requestId) === 'Script') js += encodedDataLength;
    });
    await page.goto(`${server.baseUrl}/`, { waitUntil: 'networkidle' });
    await page.locator('#main-content h1').first().waitFor();
    const ready = await page.evaluate(() => performance.now());
    if (run === 0 && process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    samples.push({ fcp, ready, wire, js });
    await page.close();
  }
  const sizes = JSON.parse(fs.readFileSync(path.join(root, 'client', 'dist', '.sizes.json'), 'utf8'));
  console.log(`home page, signed in, empty cache, median of ${runs}:`);
  console.log(`  first contentful paint  ${median(samples.map((s) => s.fcp)).toFixed(0)} ms`);
  console.log(`  home page's heading     ${median(samples.map((s) => s.ready)).toFixed(0)} ms`);
  console.log(
    `  bytes on the wire       ${kb(median(samples.map((s) => s.wire)))} (of which JS ${kb(median(samples.map((s) => s.js)))})`,
  );
  console.log(
    `built client: initial JS ${kb(sizes.initialJs.gzip)} gzip (${kb(sizes.initialJs.raw)} raw), all JS ${kb(sizes.allJs.gzip)} gzip`,
  );
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
