import type { Viewer } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Asker } from '../basin/basin.access.js';
import { visibleBasin } from '../basin/basin.access.js';
import { requireViewer } from '../auth/auth-checker.js';
import type { Basin } from '../basin/basin.entity.js';
import { Role } from '../person/membership.entity.js';

/**
 * Who reads the programme's money. The whole ledger, the budget against actual and the two accounts: the operator who
 * keeps them, the steering committee (observers) and the national head. A funder — anyone who holds a role in the
 * basin for an organisation — reads the statement of its own organisation only. Outside the basin: NOT_FOUND.
 */
export function readsProgrammeMoney(viewer: Viewer | null, basinId: string): boolean {
  return (
    !!viewer &&
    (viewer.person.isNetworkHead ||
      viewer.grants.some((g) => g.basinId === basinId && (g.role === Role.OPERATOR || g.role === Role.OBSERVER)))
  );
}

/** The viewer holds a role in the basin for this organisation: it is theirs. */
export const speaksFor = (viewer: Viewer | null, basinId: string, organisationId: string): boolean =>
  !!viewer?.grants.some((g) => g.basinId === basinId && g.organisationId === organisationId);

/** The basin, for its ledger, budget and accounts: NOT_FOUND outside it, FORBIDDEN to other roles in it. */
export async function moneyBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  if (!readsProgrammeMoney(requireViewer(ctx), basin.id))
    throw new AppError(ErrorCode.FORBIDDEN, "The programme's accounts are for the operator and the steering committee");
  return basin;
}

/** The basin, for a funder's statement: as {@link moneyBasin}, or the funder's own people. */
export async function statementBasin(ctx: Asker, basinId: string, organisationId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  const viewer = requireViewer(ctx);
  if (!readsProgrammeMoney(viewer, basin.id) && !speaksFor(viewer, basin.id, organisationId))
    throw new AppError(ErrorCode.FORBIDDEN, "You read your own organisation's statement only");
  return basin;
}
