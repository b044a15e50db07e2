import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from '../logger.js';

/** The build's fingerprinted files: their name changes with their content, so a browser may keep them for good. */
const HASHED_DIRECTORY = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else at the root (index.html, unhashed files): ask again every time, answered cheaply by the ETag. */
const REVALIDATE = 'no-cache';

/** The twins the client build writes (client/scripts/precompress.mjs), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The built Vue client at `/`, with the single-page fallback for its routes. Each file is sent in the best encoding
 * the browser accepts among those written at build time (brotli, gzip, or as is), so nothing is compressed per
 * request; fingerprinted files under /assets/ are cached for a year, the rest revalidated.
 */
export function serveClient(expressApp: express.Express, clientDist: string, logger: Logger): void {
  const index = path.join(clientDist, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn('client not built: run `npm run build` to serve it', { clientDist });
    expressApp.get('/', (_req, res) => {
      res.type('text').send('Agrément API is running at /graphql. The client is not built: run `npm run build`.');
    });
    return;
  }
  const precompressed = precompressedFiles(clientDist);
  const cacheControl = (urlPath: string) => (urlPath.startsWith(HASHED_DIRECTORY) ? IMMUTABLE : REVALIDATE);
  const options = { root: clientDist, cacheControl: false, dotfiles: 'deny' } as const;

  /** The file's best twin for this browser, or undefined to send it as is. */
  const twinFor = (req: express.Request, res: express.Response, urlPath: string) => {
    const twins = precompressed.get(urlPath);
    if (!twins) return undefined;
    res.vary('Accept-Encoding');
    return bestTwin(twins, req.headers['accept-encoding']);
  };

  // Precompressed files, listed once at start: a request never reaches the disk with a path we did not list.
  expressApp.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const twin = twinFor(req, res, req.path);
    if (!twin) return next();
    res.setHeader('Cache-Control', cacheControl(req.path));
    res.type(path.extname(req.path)); // the original's type: a .br alone would be application/octet-stream
    res.setHeader('Content-Encoding', twin.name);
    res.sendFile(req.path + twin.suffix, options, (error) => {
      if (!error || res.headersSent) return;
      res.removeHeader('Content-Encoding'); // gone since start (a new build): the file as is, below
      next();
    });
  });
  // Files without twins (small, or already compressed such as fonts), and any written by a later build.
  expressApp.use(
    express.static(clientDist, {
      index: false,
      cacheControl: false,
      dotfiles: 'deny',
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', cacheControl(`/${path.relative(clientDist, file).split(path.sep).join('/')}`));
      },
    }),
  );
  // The application's own addresses, when a browser navigates to them; anything else unknown (a chunk gone since a
  // deploy, a script's typo) is a 404 in JSON, not a page of HTML that would fail as a script.
  expressApp.get(/^\/(?!graphql|files|healthz).*/, (req, res, next) => {
    if (req.path !== '/' && !/\btext\/html\b/.test(req.headers.accept ?? '')) return next();
    const twin = twinFor(req, res, '/index.html');
    res.setHeader('Cache-Control', REVALIDATE);
    if (twin) {
      res.type('html');
      res.setHeader('Content-Encoding', twin.name);
    }
    res.sendFile(twin ? `index.html${twin.suffix}` : 'index.html', options, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
}

/**
 * The twin with the highest quality in Accept-Encoding, brotli first among equals (browsers list gzip first, and
 * express's `acceptsEncodings` would follow their order); undefined when the file as is does at least as well.
 */
export function bestTwin<T extends { name: string }>(twins: readonly T[], header: string | undefined): T | undefined {
  const quality = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) quality.set(name, q === undefined ? 1 : Number(q) || 0);
  }
  const of = (name: string) => quality.get(name) ?? quality.get('*') ?? (name === 'identity' ? 1 : 0);
  let best: T | undefined;
  let bestQuality = 0;
  for (const twin of twins) {
    if (of(twin.name) > bestQuality) [best, bestQuality] = [twin, of(twin.name)];
  }
  return bestQuality >= of('identity') ? best : undefined;
}

/** Every file under `directory`, as the URL path that serves it (`/assets/index-abc.js`); dotfiles left out. */
function listFiles(directory: string, prefix = ''): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const urlPath = `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(path.join(directory, entry.name), urlPath) : [urlPath];
  });
}

/** URL path → its compressed twins on disk, best first. */
function precompressedFiles(clientDist: string): Map<string, { name: string; suffix: string }[]> {
  const files = new Set(listFiles(clientDist));
  const found = new Map<string, { name: string; suffix: string }[]>();
  for (const urlPath of files) {
    const variants = ENCODINGS.filter((encoding) => files.has(urlPath + encoding.suffix));
    if (variants.length > 0) found.set(urlPath, [...variants]);
  }
  return found;
}
