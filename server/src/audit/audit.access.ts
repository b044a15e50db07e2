import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode } from '../errors.js';
import { visibleBasin, type Asker } from '../basin/basin.access.js';
import type { Basin } from '../basin/basin.entity.js';
import { Role } from '../person/membership.entity.js';

/**
 * Who reads a basin's audit trail: its operator, its steering committee (the OBSERVER role, see "The steering
 * committee" in docs/DECISIONS.md) and the national head. Another basin answers NOT_FOUND; another role of the basin,
 * FORBIDDEN. Nobody writes the trail through the API.
 */
export const AUDIT_READER_ROLES: readonly Role[] = [Role.OPERATOR, Role.OBSERVER];

export async function auditedBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  const viewer = requireViewer(ctx);
  const reads = viewer.grants.some((g) => g.basinId === basin.id && AUDIT_READER_ROLES.includes(g.role));
  if (!reads && !viewer.person.isNetworkHead) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      "Only the basin's operator, its steering committee or the national head reads the audit trail",
    );
  }
  return basin;
}
