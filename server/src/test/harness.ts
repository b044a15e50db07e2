import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { loadConfig, type Config } from '../config.js';
import { initORM } from '../db/orm.js';
import { createApp, type RunningApp } from '../app.js';

/**
 * A real server for one test file: its own database (a temp SQLite file, or a fresh PostgreSQL database when
 * DATABASE_URL is a postgres:// URL), real HTTP and websockets on a free port. No mock anywhere.
 */
export interface TestServer {
  url: string;
  wsUrl: string;
  orm: MikroORM;
  running: RunningApp;
  config: Config;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-test-'));
  const pgBase = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
  let databaseUrl = `file:${path.join(tmp, 'test.db')}`;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (pgBase) {
    const name = `agrement_t_${randomBytes(6).toString('hex')}`;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    databaseUrl = pgBase.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: pgBase });
      await again.connect();
      await again.query(`drop database if exists "${name}" with (force)`);
      await again.end();
    };
  }
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { databaseUrl, dataDir: tmp, clientDist: path.join(tmp, 'no-client'), redisUrl: null, ...overrides },
  );
  const orm = await initORM(config);
  const running = await createApp(config, { orm });
  const url = await running.listen(0);
  return {
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    orm,
    running,
    config,
    close: async () => {
      await running.close();
      await orm.close();
      await dropDatabase?.();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  /** Set-Cookie of the response, when any. */
  setCookie: string | null;
  status: number;
}

/**
 * POSTs one operation over real HTTP, with a bearer token or a cookie, and any other headers (an
 * `x-forwarded-for`, which the server trusts from the loopback, stands for another address).
 */
export async function gql<T = Record<string, any>>(
  server: Pick<TestServer, 'url'>,
  query: string,
  variables: Record<string, unknown> = {},
  auth: { token?: string | null; cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...auth.headers };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResult<T>, 'setCookie' | 'status'>;
  return { ...body, setCookie: response.headers.get('set-cookie'), status: response.status };
}

/** The first error code of a result, for assertions. */
export const codeOf = (result: GqlResult<unknown>): string | undefined => result.errors?.[0]?.extensions?.code;

/** Signs in over HTTP and returns a bearer token. */
export async function signInToken(server: Pick<TestServer, 'url'>, email: string, password: string): Promise<string> {
  const result = await gql<{ signIn: { token: string } }>(
    server,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p, bearer: true) { token } }',
    { e: email, p: password },
  );
  if (!result.data?.signIn.token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(result.errors)}`);
  return result.data.signIn.token;
}

/** A graphql-ws client over a real websocket, authenticated in connection_init. */
export function wsClient(
  server: Pick<TestServer, 'wsUrl'>,
  token: string | null,
  options: Partial<Parameters<typeof createClient>[0]> = {},
): Client {
  return createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

/** Runs a query or mutation over the websocket and resolves with its single result. */
export function wsRequest<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
) {
  return new Promise<{
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }>((resolve, reject) => {
    let result: {
      data?: T | null;
      errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
    } | null = null;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value as typeof result),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => (result ? resolve(result) : reject(new Error('no result'))),
      },
    );
  });
}
