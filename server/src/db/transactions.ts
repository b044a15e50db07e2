import type { Transaction } from '@mikro-orm/core';

/**
 * The outermost transaction of a (possibly nested) transaction context. MikroORM's SQL connection marks a savepoint's
 * transaction with a private symbol pointing at its parent (`Symbol('parentTransaction')`, in @mikro-orm/knex 6.6's
 * AbstractSqlConnection) and runs commit hooks on the root only: what must happen at commit is keyed by the root.
 */
export function rootTransaction(trx: Transaction): Transaction {
  let current = trx as Record<symbol, unknown>;
  for (;;) {
    const parent = Object.getOwnPropertySymbols(current).find((s) => s.description === 'parentTransaction');
    if (!parent || !current[parent]) return current as Transaction;
    current = current[parent] as Record<symbol, unknown>;
  }
}
