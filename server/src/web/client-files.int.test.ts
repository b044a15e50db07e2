import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

/** A built client as `npm run build` leaves it: fingerprinted assets with their .br and .gz twins. */
const script = `console.log(${JSON.stringify('Agrément '.repeat(400))});\n`;
const html = `<!doctype html><html><head><title>Agrément</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;
let clientDist: string;
let server: TestServer;

beforeAll(async () => {
  clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-client-'));
  fs.mkdirSync(path.join(clientDist, 'assets'));
  const write = (name: string, text: string, twins: boolean) => {
    fs.writeFileSync(path.join(clientDist, name), text);
    if (!twins) return;
    fs.writeFileSync(path.join(clientDist, `${name}.br`), brotliCompressSync(text));
    fs.writeFileSync(path.join(clientDist, `${name}.gz`), gzipSync(text));
  };
  write('index.html', html, true);
  write('assets/index-Ab12Cd34.js', script, true);
  write('assets/tiny-Ef56Gh78.js', 'export{};', false);
  write('.sizes.json', JSON.stringify({ initialJs: 1, pad: 'x'.repeat(2000) }), true);
  server = await startTestServer({ clientDist });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(clientDist, { recursive: true, force: true });
});

/** A request with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(address: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request(`${server.url}${address}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the built client', () => {
  it('should send brotli to a browser that accepts it, with the type of the original file', async () => {
    const response = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
    expect(response.body.length).toBeLessThan(script.length / 5);
  });

  it('should send gzip to a browser that accepts only gzip, and the file as is to one that accepts neither', async () => {
    const gzipped = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    const refused = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('should let browsers keep fingerprinted files for a year, compressed or not', async () => {
    for (const address of ['/assets/index-Ab12Cd34.js', '/assets/tiny-Ef56Gh78.js']) {
      const response = await get(address, { 'accept-encoding': 'br' });
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('should answer a page of the application with index.html, compressed, to be revalidated every time', async () => {
    const response = await get('/meetings/42/live', { 'accept-encoding': 'gzip, br', accept: 'text/html,*/*;q=0.8' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.body).toString()).toBe(html);
  });

  it('should answer 404 for a missing script rather than the page', async () => {
    const response = await get('/assets/index-Gone0000.js', { accept: '*/*' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/json/);
  });

  it('should not serve a file outside the list, nor a dotfile', async () => {
    expect((await get('/assets/..%2f..%2fetc%2fpasswd', { 'accept-encoding': 'br' })).body.toString()).not.toMatch(
      /root:/,
    );
    const dotfile = await get('/.sizes.json', { 'accept-encoding': 'br' });
    expect(dotfile.status).toBe(404);
    expect(dotfile.body.toString()).not.toContain('initialJs');
  });
});

describe('GraphQL answers', () => {
  it('should be compressed when the client accepts it', async () => {
    const query = JSON.stringify({ query: '{ __schema { types { name description } } }' });
    const headers = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
    const compressed = await get('/graphql', { ...headers, 'accept-encoding': 'gzip, br' }, 'POST', query);
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    const plain = await get('/graphql', headers, 'POST', query);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(brotliDecompressSync(compressed.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
  });
});
