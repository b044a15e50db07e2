import { AppError, ErrorCode } from '../errors.js';
import type { Asker } from '../basin/basin.access.js';
import { visibleBasin } from '../basin/basin.access.js';
import type { Basin } from '../basin/basin.entity.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Contribution } from '../basin/contribution.entity.js';
import { Role } from '../person/membership.entity.js';
import { readsProgrammeMoney } from '../contribution/contribution.access.js';

/** Roles that never read the report on their own: an SME leader's or an expert's grant names no funder. */
const NOT_FUNDERS: readonly Role[] = [Role.SME, Role.EXPERT];

/**
 * Who reads the annual activity report: those who read the programme's money (the operator, the steering committee,
 * the national head) and the basin's funders — whoever holds a role in the basin for an organisation that has
 * contributed there (a correction's superseded entry does not make a funder). NOT_FOUND outside the basin,
 * FORBIDDEN to the basin's other roles.
 */
export async function reportBasin(ctx: Asker, basinId: string): Promise<Basin> {
  const basin = await visibleBasin(ctx, basinId);
  const viewer = requireViewer(ctx);
  if (readsProgrammeMoney(viewer, basin.id)) return basin;
  const organisations = viewer.grants
    .filter((g) => g.basinId === basin.id && g.organisationId && !NOT_FUNDERS.includes(g.role))
    .map((g) => g.organisationId!);
  const funder =
    organisations.length > 0 &&
    (await ctx.em.count(Contribution, { basin, organisation: { $in: organisations }, supersededAt: null })) > 0;
  if (!funder)
    throw new AppError(
      ErrorCode.FORBIDDEN,
      'The annual report is for the operator, the steering committee, the funders and the national head',
    );
  return basin;
}
