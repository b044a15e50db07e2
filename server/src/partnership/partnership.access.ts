import type { Viewer } from '../context.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import type { Asker } from '../basin/basin.access.js';
import { readableBasin, readsBasin, requireBasinRole } from '../basin/basin.access.js';
import type { FieldRule } from '../auth/readable-when.js';
import type { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Role } from '../person/membership.entity.js';
import { readsProgrammeMoney } from '../contribution/contribution.access.js';

/**
 * Who reads and writes the basin's partnership conventions. The operator drafts, records signatures and renews; the
 * steering committee (observers) and the national head read everything, partners' money included. The other roles
 * that read the basin's committee data (chair, members) read its conventions' periods, headline targets and
 * objectives, as the dashboard shows them, but not the partners' commitments nor the budget annex (null for them).
 * An SME leader or an expert reads none. Outside the basin: NOT_FOUND, like a convention that does not exist.
 */
export const readsConventionTerms = (viewer: Viewer | null, basinId: string): boolean =>
  readsProgrammeMoney(viewer, basinId);

/** The basin, for its list of conventions: NOT_FOUND outside it, FORBIDDEN to an SME leader or an expert. */
export const conventionsBasin = (ctx: Asker, basinId: string): Promise<Basin> => readableBasin(ctx, basinId);

/** Another basin's record answers as one that does not exist. */
const asNotFound = (what: string) => (error: AppError) => {
  throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound(what) : error;
};

/** A convention the viewer reads in full (see {@link conventionsBasin}). */
export async function readableConvention(ctx: Asker, conventionId: string): Promise<TriennialConvention> {
  const convention = await ctx.em.findOne(TriennialConvention, conventionId);
  if (!convention) throw notFound('Convention');
  await conventionsBasin(ctx, convention.basin.id).catch(asNotFound('Convention'));
  return convention;
}

/** The basin id of a convention the viewer may write: its operator only. */
export async function writableConvention(ctx: Asker, conventionId: string): Promise<string> {
  const convention = await ctx.em.fork().findOne(TriennialConvention, conventionId);
  if (!convention) throw notFound('Convention');
  await requireBasinRole(ctx, convention.basin.id, Role.OPERATOR).catch(asNotFound('Convention'));
  return convention.basin.id;
}

/** A basin where the viewer is operator (for a first convention). */
export const operatedBasin = (ctx: Asker, basinId: string) => requireBasinRole(ctx, basinId, Role.OPERATOR);

/** Field rule: a convention's partners, their commitments and its budget annex (see {@link readsConventionTerms}). */
export const readsConventionMoney: FieldRule<TriennialConvention> = (ctx, convention) =>
  readsConventionTerms(ctx.viewer, convention.basin.id);

/** Field rule: a convention's objectives, for whoever reads the basin's committee data (like its targets). */
export const readsConventionObjectives: FieldRule<TriennialConvention> = (ctx, convention) =>
  readsBasin(ctx.viewer, convention.basin.id);
