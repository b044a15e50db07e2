import { DataloaderType, type MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { type Config, isPostgres } from '../config.js';
import { entities } from './entities.js';
import { SqliteDriver, sqlitePool } from './sqlite.js';
import { sqliteMigrations } from '../migrations/sqlite/index.js';
import { postgresqlMigrations } from '../migrations/postgresql/index.js';
import { AuditSubscriber } from '../audit/audit.subscriber.js';
import { checkAuditPolicies } from '../audit/audit-policy.js';

export type Dialect = 'sqlite' | 'postgresql';

/** Options shared by both databases; `overrides` lets tests and scripts change any of them. */
export function ormOptions(config: Pick<Config, 'databaseUrl'>, overrides: Partial<Options> = {}): Options {
  const dialect: Dialect = isPostgres(config) ? 'postgresql' : 'sqlite';
  const base: Options = {
    entities,
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    debug: false,
    allowGlobalContext: false,
    extensions: [Migrator],
    // every write through the unit of work is recorded in the audit trail (audit/audit.subscriber.ts)
    subscribers: [new AuditSubscriber()],
    migrations: {
      migrationsList: dialect === 'sqlite' ? sqliteMigrations : postgresqlMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    ...(dialect === 'postgresql'
      ? { clientUrl: config.databaseUrl }
      : { dbName: config.databaseUrl.replace(/^file:/, '') }),
  };
  return { ...base, ...overrides, migrations: { ...base.migrations, ...overrides.migrations } };
}

/** Opens the database named by DATABASE_URL (SQLite file by default, or PostgreSQL) and applies pending migrations. */
export async function initORM(
  config: Pick<Config, 'databaseUrl'>,
  overrides: Partial<Options> = {},
  migrate = true,
): Promise<MikroORM> {
  const options = ormOptions(config, overrides);
  let orm: MikroORM;
  if (isPostgres(config)) {
    const { MikroORM: PgORM } = await import('@mikro-orm/postgresql');
    orm = await PgORM.init(options as never);
  } else {
    const { MikroORM: LibSqlORM } = await import('@mikro-orm/libsql');
    orm = await LibSqlORM.init({
      ...options,
      driver: SqliteDriver,
      pool: { ...sqlitePool(String(options.dbName)), ...options.pool },
    } as never);
  }
  checkAuditPolicies(Object.values(orm.getMetadata().getAll()));
  if (migrate) await orm.getMigrator().up();
  return orm;
}
