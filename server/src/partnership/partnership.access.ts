import type { Viewer } from '../context.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import type { Asker } from '../basin/basin.access.js';
import { readsBasin, requireBasinRole, visibleBasin } from '../basin/basin.access.js';
import type { FieldRule } from '../auth/readable-when.js';
import { requireViewer } from '../auth/auth-checker.js';
import type { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Role } from '../person/membership.entity.js';
import { readsProgrammeMoney } from '../contribution/contribution.access.js';

/**
 * Who reads and writes the basin's partnership conventions. The operator drafts, records signatures and renews; the
 * steering committee (observers) and the national head read everything, partners' money included. Other roles of
 * the basin read a convention's headline targets and objectives where the dashboard shows them, not its partners'
 * commitments nor its budget annex. Outside the basin: NOT_FOUND, like a convention that does not exist.
 */
export const readsConventionTerms = (viewer: Viewer | null, basinId: string): boolean =>
  readsProgrammeMoney(viewer, basinId);

/** The basin, for its list of conventions: NOT_FOUND outside it, FORBIDDEN to roles that do not read them. */
export async function conventionsBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  if (!readsConventionTerms(requireViewer(ctx), basin.id))
    throw new AppError(ErrorCode.FORBIDDEN, 'The conventions are for the operator and the steering committee');
  return basin;
}

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
