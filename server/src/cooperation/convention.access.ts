import type { Asker } from '../basin/basin.access.js';
import { notFound } from '../errors.js';
import { readableProject } from '../project/project.access.js';
import { ConventionSignature } from './convention.entity.js';

/**
 * A convention is read with its project: the basin's committee roles and the project's SME leader (who signs it
 * first). A signature of a convention the viewer cannot see is NOT_FOUND; recording it then needs the OPERATOR role.
 */
export async function readableSignature(ctx: Asker, id: string): Promise<ConventionSignature> {
  const signature = await ctx.em.findOne(ConventionSignature, id, { populate: ['convention'] });
  if (!signature) throw notFound('Signature');
  try {
    await readableProject(ctx, signature.convention.getEntity().project.id);
  } catch {
    throw notFound('Signature');
  }
  return signature;
}
