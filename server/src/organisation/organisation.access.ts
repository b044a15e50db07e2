import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { readsBasin, type Asker } from '../basin/basin.access.js';
import { Organisation } from './organisation.entity.js';

/** An organisation of a basin whose committee data the viewer reads; NOT_FOUND otherwise. */
export async function readableOrganisation(ctx: Asker, organisationId: string): Promise<Organisation> {
  const organisation = await ctx.em.findOne(Organisation, organisationId);
  if (!organisation || !readsBasin(ctx.viewer, organisation.basin.id)) throw notFound('Organisation');
  return organisation;
}

/** Field rule: an organisation's people are listed to those who may read its basin's people, as `members` does. */
export const readsPeopleOf = (ctx: Pick<Context, 'viewer'>, organisation: Organisation): boolean =>
  readsBasin(ctx.viewer, organisation.basin.id);
