import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { repoRoot, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { gql, signInToken, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';

/** Safe defaults: nothing of a request in the log, no stack trace or path in an answer, no schema hints, 404s. */
let server: TestServer;
let basin: TestBasin;
let operator: string;
const SECRET = 'Hunter2-Correct-Horse';

/** Another instance on the same database, with its own settings and a logger that keeps every line. */
async function variant(overrides: Partial<Config>) {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      lines.push(JSON.stringify({ level, message, ...fields }));
  const logger: Logger = { info: keep('info'), warn: keep('warn'), error: keep('error') };
  const running = await createApp({ ...server.config, ...overrides }, { orm: server.orm, logger });
  const url = await running.listen(0);
  return { url, wsUrl: `${url.replace(/^http/, 'ws')}/graphql`, lines, close: () => running.close() };
}

beforeAll(async () => {
  server = await startTestServer();
  basin = await createTestBasin(server.orm.em.fork(), 'safe');
  operator = await signInToken(server, 'operator@safe.test', PASSWORD);
});
afterAll(() => server?.close());

describe('the log', () => {
  it('should keep nothing of a malformed JSON body, not even the password in it', async () => {
    const instance = await variant({});
    try {
      const body = `{"query":"mutation { signIn(email: \\"a@b.c\\", password: \\"${SECRET}\\") { expiresAt } }",`;
      const response = await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(instance.lines.join('\n')).not.toContain(SECRET);
      expect(instance.lines.map((line) => JSON.parse(line))).toContainEqual({
        level: 'info',
        message: 'request refused',
        route: '/graphql',
        kind: 'entity.parse.failed',
        status: 400,
        bytes: Buffer.byteLength(body),
      });
    } finally {
      await instance.close();
    }
  });

  it('should keep nothing of the address of a failed file request (it may hold a calendar secret)', async () => {
    const instance = await variant({});
    try {
      const response = await fetch(`${instance.url}/calendar/%E0%A4%A-${SECRET}.ics`);
      expect(response.status).toBe(400);
      expect(instance.lines.join('\n')).not.toContain(SECRET);
    } finally {
      await instance.close();
    }
  });
});

describe('answers in development', () => {
  let dev: Awaited<ReturnType<typeof variant>>;
  const clientDist = path.join(repoRoot, 'server', 'node_modules', '.safe-defaults-client');
  beforeAll(async () => {
    fs.mkdirSync(clientDist, { recursive: true });
    fs.writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>Agrément</title>');
    dev = await variant({ nodeEnv: 'development', clientDist });
  });
  afterAll(async () => {
    await dev.close();
    fs.rmSync(clientDist, { recursive: true, force: true });
  });

  /** No stack frame, no file path, no HTML error page. */
  const expectNoLeak = (text: string) => {
    expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\/|\.ts\b|\.js\b|<pre>|stacktrace/i);
  };

  it.each([
    ['an unknown address', '/nothing/here', 404],
    ['an address that is not valid UTF-8', '/files/attachments/%E0%A4%A/x', 400],
    ['a static file outside the client', '/%2e%2e/%2e%2e/etc/passwd', 404],
    ['an API address without a query', '/graphql/nothing', 400],
  ])('should answer %s in JSON, without a stack trace', async (_what, address, status) => {
    const response = await fetch(`${dev.url}${address}`);
    const text = await response.text();
    expect(response.status).toBe(status);
    expectNoLeak(text);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });

  it('should answer a malformed body and a too large one in JSON, without a stack trace', async () => {
    for (const body of ['{"query": ', JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 1024 * 1024) })]) {
      const response = await fetch(`${dev.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect([400, 413]).toContain(response.status);
      expectNoLeak(await response.text());
    }
  });

  it('should answer GraphQL errors without a stack trace', async () => {
    const response = await fetch(`${dev.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ project(id: "nothing") { id } }' }),
    });
    expectNoLeak(await response.text());
  });
});

describe('GraphQL hints in production', () => {
  let production: Awaited<ReturnType<typeof variant>>;
  beforeAll(async () => {
    production = await variant({ nodeEnv: 'production' });
  });
  afterAll(() => production.close());

  it('should answer a misspelt field, argument or enum value without a "Did you mean" suggestion, over HTTP', async () => {
    const misspelt = [
      '{ me { persn { id } } }',
      '{ meetings(basinId: "x", limt: 3) { totalCount } }',
      '{ members(basinId: "x", role: CHAR) { totalCount } }',
    ];
    for (const query of misspelt) {
      const result = await gql(production, query, {}, { token: operator });
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.map((e) => e.message).join(' ')).not.toMatch(/did you mean/i);
    }
    const variables = await gql(
      production,
      'query($r: Role) { members(basinId: "x", role: $r) { totalCount } }',
      { r: 'CHAR' },
      { token: operator },
    );
    expect(variables.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variables.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it('should answer a misspelt field without a suggestion over websockets, and refuse introspection there too', async () => {
    const client = wsClient(production, operator);
    try {
      const misspelt = await wsRequest(client, '{ me { persn { id } } }').catch((error: Error) => error.message);
      expect(String(JSON.stringify(misspelt))).toContain('Cannot query field');
      expect(String(JSON.stringify(misspelt))).not.toMatch(/did you mean/i);
      const introspection = await wsRequest(client, '{ __schema { types { name } } }').catch(
        (error: Error) => error.message,
      );
      expect(String(JSON.stringify(introspection))).toContain('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await client.dispose();
    }
  });
});

describe('names that look like prototype keys in addresses', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
  const addresses = (name: string) => [
    `/files/attachments/${name}/file.pdf`,
    `/files/attachments/${basin.basin.id}/${name}`,
    `/files/minutes/${name}.pdf`,
    `/files/conventions/${name}.pdf`,
    `/files/exports/${basin.basin.id}/${name}.csv`,
    `/files/exports/${basin.basin.id}/${name}.xlsx`,
    `/files/exports/${name}/projects.csv`,
    `/calendar/${name}.ics`,
    `/calendar/${name}${'x'.repeat(30)}.ics`,
  ];

  it.each(names)('should answer 404 for %s on every file and calendar route', async (name) => {
    for (const address of addresses(name)) {
      const response = await fetch(`${server.url}${address}`, { headers: { authorization: `Bearer ${operator}` } });
      expect(response.status, address).toBe(404);
    }
  });
});
