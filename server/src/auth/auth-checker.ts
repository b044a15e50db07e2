import type { AuthChecker } from 'type-graphql';
import type { Context, Viewer } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Role } from '../person/membership.entity.js';

/**
 * The one gate for `@Authorized(...)`, used alike by HTTP and websocket operations: a session is required, and
 * when roles are named the viewer must hold one of them in some basin. Which basin's data the operation touches is
 * then checked by the service, with {@link requireRole} or {@link requireBasinReader}.
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

/** Throws FORBIDDEN unless the viewer holds one of `roles` in this basin. Returns the matching grant. */
export function requireRole(context: Pick<Context, 'viewer'>, basinId: string, ...roles: Role[]) {
  const viewer = requireViewer(context);
  const grant = viewer.grants.find((g) => g.basinId === basinId && roles.includes(g.role));
  if (!grant) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have this role in this basin');
  return grant;
}

export function hasRole(viewer: Viewer | null, basinId: string, ...roles: Role[]): boolean {
  return !!viewer?.grants.some((g) => g.basinId === basinId && roles.includes(g.role));
}

/**
 * Throws FORBIDDEN unless the viewer may read the basin's committee data: any role there except an SME leader
 * alone (who sees only its own file), or the programme's national head.
 */
export function requireBasinReader(context: Pick<Context, 'viewer'>, basinId: string): Viewer {
  const viewer = requireViewer(context);
  if (viewer.person.isNetworkHead) return viewer;
  if (viewer.grants.some((g) => g.basinId === basinId && g.role !== 'SME')) return viewer;
  throw new AppError(ErrorCode.FORBIDDEN, 'You cannot read this basin');
}
