import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';

/**
 * Counts the SQL statements an ORM sends (knex's `query` event): for benchmarks (`/metrics` when METRICS=true)
 * and for tests that hold a screen to a number of statements.
 */
export function countQueries(orm: MikroORM): { readonly total: number } {
  const counter = { total: 0 };
  (orm.em.getConnection() as AbstractSqlConnection).getKnex().on('query', () => {
    counter.total += 1;
  });
  return counter;
}
