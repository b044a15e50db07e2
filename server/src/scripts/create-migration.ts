/**
 * Writes a new migration for both databases from the difference between the entities and the schema that the
 * existing migrations build. Run from the compiled server: `npm run migration:create -w server -- <name>`.
 * SQLite uses a throwaway file; PostgreSQL uses a scratch database on MIGRATION_PG_URL (default: local `test`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initORM } from '../db/orm.js';
import { repoRoot } from '../config.js';

const name = process.argv[2] ?? 'change';

async function create(dialect: 'sqlite' | 'postgresql', databaseUrl: string): Promise<void> {
  const folder = path.join(repoRoot, 'server', 'src', 'migrations', dialect);
  const orm = await initORM({ databaseUrl }, { migrations: { path: folder, pathTs: folder } });
  try {
    const result = await orm.getMigrator().createMigration(folder, false, false, name);
    if (!result.fileName) {
      console.log(`${dialect}: no changes`);
      return;
    }
    console.log(`${dialect}: wrote ${result.fileName}`);
    const files = fs
      .readdirSync(folder)
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .sort();
    const imports = files.map(
      (f, i) => `import { ${className(folder, f)} as M${i} } from './${f.replace(/\.ts$/, '.js')}';`,
    );
    const list = files.map((f, i) => `  { name: '${f.replace(/\.ts$/, '')}', class: M${i} },`);
    const exportName = dialect === 'sqlite' ? 'sqliteMigrations' : 'postgresqlMigrations';
    fs.writeFileSync(
      path.join(folder, 'index.ts'),
      [
        "import type { MigrationObject } from '@mikro-orm/core';",
        ...imports,
        '',
        '/** Applied in this order; `npm run migration:create -w server` appends to this list. */',
        `export const ${exportName}: MigrationObject[] = [`,
        ...list,
        '];',
        '',
      ].join('\n'),
    );
  } finally {
    await orm.close();
  }
}

function className(folder: string, file: string): string {
  const source = fs.readFileSync(path.join(folder, file), 'utf8');
  const match = /export class (\w+)/.exec(source);
  if (!match?.[1]) throw new Error(`no class in ${file}`);
  return match[1];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-migration-'));
await create('sqlite', `file:${path.join(tmp, 'scratch.db')}`);
const pgUrl = process.env.MIGRATION_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/agrement_migrations';
const { Client } = await import('pg');
const admin = new Client({ connectionString: pgUrl.replace(/\/[^/]+$/, '/postgres') });
await admin.connect();
const dbName = pgUrl.split('/').pop() ?? 'agrement_migrations';
await admin.query(`drop database if exists "${dbName}"`);
await admin.query(`create database "${dbName}"`);
await admin.end();
await create('postgresql', pgUrl);
