import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';

/**
 * Serialises the acts that move a basin's money: touching the basin's row as the transaction's first statement takes
 * its row lock on PostgreSQL (READ COMMITTED: a later read then sees what the previous holder committed) and the
 * write lock on SQLite (a first write, so no read lock has to be upgraded). Call it before reading any balance.
 */
export async function lockBasinTreasury(tem: EntityManager, basinId: string): Promise<void> {
  await tem.nativeUpdate(Basin, { id: basinId }, { updatedAt: new Date() });
}
