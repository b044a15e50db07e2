import type { AuthChecker } from 'type-graphql';
import type { Context, Viewer } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Role } from '../person/membership.entity.js';

/**
 * The one gate for `@Authorized(...)`, used alike by HTTP and websocket operations: a session is required, and
 * when roles are named the viewer must hold one of them in some basin. Which basin's data the operation touches is
 * then checked with the feature's `<feature>.access.ts` (a record of another basin is NOT_FOUND) and, for an act on a
 * record the viewer can see, {@link requireRole}.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const viewer = requireViewer(context);
  if (roles.length === 0) return true;
  if (viewer.grants.some((g) => roles.includes(g.role))) return true;
  throw new AppError(ErrorCode.FORBIDDEN, 'Your role does not allow this');
};

export function requireViewer(context: Pick<Context, 'viewer'>): Viewer {
  if (!context.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please sign in');
  return context.viewer;
}

/**
 * Throws FORBIDDEN unless the viewer holds one of `roles` in this basin. Returns the matching grant. Only for a
 * basin the viewer is known to see (that of a record already read); for a basin the caller names, use
 * `requireBasinRole` of `basin.access.ts`, which answers NOT_FOUND outside the viewer's basins.
 */
export function requireRole(context: Pick<Context, 'viewer'>, basinId: string, ...roles: Role[]) {
  const viewer = requireViewer(context);
  const grant = viewer.grants.find((g) => g.basinId === basinId && roles.includes(g.role));
  if (!grant) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have this role in this basin');
  return grant;
}

export function hasRole(viewer: Viewer | null, basinId: string, ...roles: Role[]): boolean {
  return !!viewer?.grants.some((g) => g.basinId === basinId && roles.includes(g.role));
}
