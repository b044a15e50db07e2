import type { Asker } from '../basin/basin.access.js';
import { notFound } from '../errors.js';
import { readableProject } from '../project/project.access.js';
import { Advance } from './advance.entity.js';

/**
 * An advance is read by whoever may see its project: the basin's committee roles, and the project's own SME leader
 * (its schedule). Anyone else gets NOT_FOUND; the operator's acts on it then check the OPERATOR role.
 */
export async function readableAdvance(ctx: Asker, id: string): Promise<Advance> {
  const advance = await ctx.em.findOne(Advance, id);
  if (!advance) throw notFound('Advance');
  try {
    await readableProject(ctx, advance.project.id);
  } catch {
    throw notFound('Advance');
  }
  return advance;
}
