import type { Context, Grant, Viewer } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import type { Role } from '../person/membership.entity.js';
import { Basin } from './basin.entity.js';

/**
 * Who may read what of a basin. The basin is the tenant boundary: a basin where the viewer holds no role looks
 * exactly like one that does not exist (NOT_FOUND, never FORBIDDEN), and so does every record in it. Within a basin
 * the viewer belongs to, a role that does not allow an act is FORBIDDEN.
 */

/** What the access checks need of a request: the viewer and an entity manager (HTTP, websocket or file route). */
export type Asker = Pick<Context, 'em' | 'viewer'>;

/** The viewer holds a role in the basin (an SME leader too), or is the programme's national head. */
export function belongsToBasin(viewer: Viewer | null, basinId: string): boolean {
  return !!viewer && (viewer.person.isNetworkHead || viewer.grants.some((g) => g.basinId === basinId));
}

/** Roles that see one file of the basin, never its committee data: an SME leader its own, an expert one project's paper. */
const OUTSIDERS: readonly string[] = ['SME', 'EXPERT'];

/**
 * The viewer reads the basin's committee data — meetings, papers, people, figures: any role there except an SME
 * leader or an expert alone (who see only their own file), or the national head.
 */
export function readsBasin(viewer: Viewer | null, basinId: string): boolean {
  return (
    !!viewer &&
    (viewer.person.isNetworkHead || viewer.grants.some((g) => g.basinId === basinId && !OUTSIDERS.includes(g.role)))
  );
}

/** The basins whose committee data the viewer reads through a role (the national head reads them all besides). */
export function basinsRead(viewer: Viewer | null): string[] {
  return [...new Set(viewer?.grants.filter((g) => !OUTSIDERS.includes(g.role)).map((g) => g.basinId) ?? [])];
}

/** The basin, when the viewer belongs to it; NOT_FOUND otherwise, whether it exists or not. */
export async function visibleBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const viewer = requireViewer(ctx);
  const basin = belongsToBasin(viewer, basinId) ? await ctx.em.findOne(Basin, basinId) : null;
  if (!basin) throw notFound('Basin');
  return basin;
}

/** The basin, for its committee data: NOT_FOUND outside it, FORBIDDEN for an SME leader of it. */
export async function readableBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  if (!readsBasin(ctx.viewer, basin.id)) throw new AppError(ErrorCode.FORBIDDEN, "You cannot read this basin's data");
  return basin;
}

/**
 * For an act on a basin the caller names (create a project, invite a person…): the viewer's grant of one of
 * `roles` there. NOT_FOUND outside the basin, FORBIDDEN inside it without the role.
 */
export async function requireBasinRole(ctx: Asker, basinId: string, ...roles: Role[]): Promise<Grant> {
  const basin = await visibleBasin(ctx, basinId);
  const grant = requireViewer(ctx).grants.find((g) => g.basinId === basin.id && roles.includes(g.role));
  if (!grant) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have this role in this basin');
  return grant;
}

/** Field rule: the basin's figures (its triennial convention) are for those who read its committee data. */
export const readsBasinFigures = (ctx: Pick<Context, 'viewer'>, basin: Basin): boolean =>
  readsBasin(ctx.viewer, basin.id);
