import type { Configuration, EntityManager, MikroORM } from '@mikro-orm/core';
import { LibSqlDriver, LibSqlPlatform } from '@mikro-orm/libsql';

/** SQLite's own behaviours that the rest of the code relies on, in one place. PostgreSQL needs none of them. */

/**
 * MikroORM 6.6's SQLite platform turns a Date into a number when it computes what changed, but keeps the Date it
 * hydrated in the entity's snapshot: every loaded entity then looked changed, and a flush rewrote the datetime
 * columns (and moved `updatedAt`) of every row it had read. Here dates are compared as dates, as on PostgreSQL;
 * libsql itself stores a Date as its epoch milliseconds, as before, so nothing changes on disk.
 */
export class SqlitePlatform extends LibSqlPlatform {
  override processDateProperty(value: unknown): string | number | Date {
    return value as Date;
  }
}

/** The libsql driver with {@link SqlitePlatform}: pass it as `driver` when opening SQLite. */
export class SqliteDriver extends LibSqlDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { platform: SqlitePlatform }).platform = new SqlitePlatform();
  }
}

export const isSqlite = (orm: MikroORM): boolean =>
  orm.config.get('dbName') !== undefined && !orm.config.get('clientUrl');

/**
 * Set on every SQLite connection, when the pool makes it — and it makes them often: the libsql dialect of MikroORM
 * 6.6 retires a connection after 10 seconds, so settings applied once at start were lost on the next connection.
 * - foreign keys are enforced;
 * - WAL lets readers go on while a vote is written (not for `:memory:`);
 * - busy_timeout waits for a lock instead of failing;
 * - secure_delete zeroes what a DELETE removes.
 */
export function sqlitePool(file: string) {
  const pragmas = [
    'pragma foreign_keys = on',
    ...(file.includes(':memory:') ? [] : ['pragma journal_mode = wal']),
    'pragma busy_timeout = 5000',
    'pragma secure_delete = on',
  ];
  return {
    afterCreate(connection: { exec(sql: string): void }, done: (error: Error | null, connection: unknown) => void) {
      try {
        for (const pragma of pragmas) connection.exec(pragma);
        done(null, connection);
      } catch (error) {
        done(error as Error, connection);
      }
    },
  };
}

/**
 * After rows that must not survive on disk were deleted (a secret ballot's box, at close): copies the write-ahead
 * log into the database and truncates it to zero bytes, so that no earlier page image of those rows remains in the
 * `-wal` file. A no-op on PostgreSQL, whose own log is the server's business (see docs/BALLOT-SECRECY.md).
 */
export async function forgetDeletedRows(orm: MikroORM): Promise<void> {
  if (!isSqlite(orm)) return;
  const connection = orm.em.fork().getConnection();
  // secure_delete zeroes deleted cells, but a b-tree keeps stale copies of moved cells in its pages' free space:
  // VACUUM rebuilds every page from the live rows only
  await connection.execute('vacuum');
  await connection.execute('pragma wal_checkpoint(TRUNCATE)');
}

/** Whether this entity manager talks to SQLite (for the few statements whose SQL differs, such as row locks). */
export const onSqlite = (em: EntityManager): boolean => em.getPlatform() instanceof LibSqlPlatform;
