import { requireViewer } from '../auth/auth-checker.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import { visibleBasin, type Asker } from '../basin/basin.access.js';
import type { Basin } from '../basin/basin.entity.js';
import { Role } from '../person/membership.entity.js';

/**
 * Who administers what. The national head administers every basin and alone creates basins; the operator of a basin
 * administers that basin (its organisations, people, roles, chair, settings and SMEs). Another basin answers
 * NOT_FOUND, as everywhere; another role inside the basin, FORBIDDEN.
 */

export const isNetworkHead = (viewer: Viewer | null): boolean => !!viewer?.person.isNetworkHead;

/** The national head, or FORBIDDEN (UNAUTHENTICATED without a session). */
export function requireNetworkHead(ctx: Pick<Asker, 'viewer'>): Viewer {
  const viewer = requireViewer(ctx);
  if (!viewer.person.isNetworkHead) throw new AppError(ErrorCode.FORBIDDEN, 'Only the national head may do this');
  return viewer;
}

/** The basin, for its operator or the national head: NOT_FOUND outside the viewer's basins, FORBIDDEN inside. */
export async function administeredBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  const viewer = requireViewer(ctx);
  const operates = viewer.grants.some((g) => g.basinId === basin.id && g.role === Role.OPERATOR);
  if (!operates && !viewer.person.isNetworkHead) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Only the operator of the basin or the national head may do this');
  }
  return basin;
}
