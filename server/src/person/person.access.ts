import type { Context } from '../context.js';
import { batchLoader, perRequest } from '../common/batch.js';
import { basinsRead } from '../basin/basin.access.js';
import { Membership } from './membership.entity.js';
import type { Person } from './person.entity.js';

/** Per request: which of the people asked about belong to a basin whose people the viewer reads. */
const sharesReadableBasin = perRequest((request) => {
  const ctx = request as Context;
  const basinIds = basinsRead(ctx.viewer);
  return batchLoader(async (personIds) => {
    if (basinIds.length === 0) return new Map<string, boolean>();
    const rows = await ctx.em.find(
      Membership,
      { person: { $in: personIds }, basin: { $in: basinIds } },
      { fields: ['person'] },
    );
    return new Map(rows.map((m) => [m.person.id, true]));
  }, false);
});

/**
 * Field rule: a person's contact details (email) are for the person themself, the national head, and those who
 * may read the people of a basin the person belongs to — the same people to whom `members` lists them. Anyone
 * else (an SME leader, another basin's committee) sees null, whatever path led to the person.
 */
export async function readsContactOf(ctx: Context, person: Person): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.person.id === person.id || viewer.person.isNetworkHead) return true;
  return sharesReadableBasin(ctx)(person.id);
}
