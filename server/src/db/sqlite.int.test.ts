import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { initORM } from './orm.js';

/** SQLite's settings hold on every connection the pool makes, not only on the first one. */

let orm: MikroORM;
let folder: string;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-sqlite-'));
  orm = await initORM({ databaseUrl: `file:${path.join(folder, 'test.db')}` });
});
afterAll(async () => {
  vi.useRealTimers();
  await orm?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const settings = async () => {
  const connection = orm.em.fork().getConnection();
  const read = async (pragma: string) =>
    Object.values((await connection.execute<Record<string, unknown>[]>(`pragma ${pragma}`))[0] ?? {})[0];
  return {
    foreignKeys: await read('foreign_keys'),
    journal: await read('journal_mode'),
    busyTimeout: await read('busy_timeout'),
    secureDelete: await read('secure_delete'),
  };
};

describe('a SQLite connection', () => {
  it('should enforce foreign keys, write ahead, wait on locks and zero deletes, also once the pool replaced it', async () => {
    const expected = { foreignKeys: 1, journal: 'wal', busyTimeout: 5000, secureDelete: 1 };
    expect(await settings()).toEqual(expected);
    // the libsql dialect retires a connection after 10 s: the next query runs on a new one
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    const [{ n: before }] = await orm.em.getConnection().execute<{ n: number }[]>('select total_changes() as n');
    expect(await settings()).toEqual(expected);
    expect(before).toBe(0); // it was a new connection indeed
  });
});
