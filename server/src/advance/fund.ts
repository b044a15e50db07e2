import type { EntityManager } from '@mikro-orm/core';
import { Contribution, ContributionKind } from '../basin/contribution.entity.js';
import {
  TreasuryAccount,
  TreasuryMovement,
  TreasuryMovementKind,
  signedAmount,
} from '../treasury/treasury-movement.entity.js';
import { Advance, AdvanceStatus, Repayment } from './advance.entity.js';
import { currentConvention } from '../partnership/periods.js';

/** The programme's reference loss rate (taux de sinistre), in % of sums lent. */
export const REFERENCE_LOSS_RATE = 6;

export interface FundFigures {
  granted: number;
  lent: number;
  repaid: number;
  outstanding: number;
  losses: number;
  /** Losses in % of sums lent (0 when nothing was lent). */
  lossRate: number;
  referenceLossRate: number;
  /** Paid into the fund: endowment movements and cash contributions directed to the fund. */
  endowment: number;
  /** Cash in the fund: endowment − lent + repaid. */
  available: number;
  criticalSize: number;
  advancesCount: number;
}

/** Money paid into the advances fund: its endowment movements, and the cash contributions that count and go to it. */
export async function fundEndowment(em: EntityManager, basinId: string): Promise<number> {
  const movements = await em.find(TreasuryMovement, {
    basin: basinId,
    account: TreasuryAccount.ADVANCES_FUND,
    kind: TreasuryMovementKind.ENDOWMENT,
  });
  const contributions = await em.find(Contribution, {
    basin: basinId,
    kind: ContributionKind.CASH,
    toAdvancesFund: true,
    supersededAt: null,
  });
  return movements.reduce((sum, m) => sum + signedAmount(m), 0) + contributions.reduce((sum, c) => sum + c.amount, 0);
}

/** What advances moved: granted, lent, repaid, lost, and the loss rate, of the advances given with their repayments. */
export function advanceFlows(
  advances: readonly Advance[],
  repayments: readonly Repayment[],
): Pick<FundFigures, 'granted' | 'lent' | 'repaid' | 'outstanding' | 'losses' | 'lossRate' | 'advancesCount'> {
  const disbursed = advances.filter((a) => a.status !== AdvanceStatus.GRANTED);
  const lent = disbursed.reduce((sum, a) => sum + a.amount, 0);
  const repaid = repayments.reduce((sum, r) => sum + r.amount, 0);
  const losses = advances.reduce((sum, a) => sum + a.lossAmount, 0);
  return {
    granted: advances.reduce((sum, a) => sum + a.amount, 0),
    lent,
    repaid,
    outstanding: lent - repaid - losses,
    losses,
    lossRate: lent ? Math.round((losses / lent) * 1000) / 10 : 0,
    advancesCount: advances.length,
  };
}

/**
 * The advances fund of a basin. Its cash is never stored: it is read from what moved it — endowments, advances
 * disbursed, repayments received — so that the fund, the treasury and the dashboard cannot drift apart.
 */
export async function fundFigures(em: EntityManager, basinId: string): Promise<FundFigures> {
  const advances = await em.find(Advance, { project: { basin: basinId } });
  const repayments = await em.find(Repayment, { advance: { project: { basin: basinId } } });
  const convention = await currentConvention(em, basinId);
  const flows = advanceFlows(advances, repayments);
  const endowment = await fundEndowment(em, basinId);
  return {
    ...flows,
    referenceLossRate: REFERENCE_LOSS_RATE,
    endowment,
    available: endowment - flows.lent + flows.repaid,
    criticalSize: convention?.advancesFundTarget ?? 400000,
  };
}
