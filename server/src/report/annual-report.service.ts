import type { EntityManager } from '@mikro-orm/core';
import type { Basin } from '../basin/basin.entity.js';
import { Contribution } from '../basin/contribution.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import {
  type BasinDashboard,
  type PeriodActivity,
  basinActivity,
  basinDashboard,
} from '../dashboard/dashboard.service.js';
import { type BudgetVsActual, budgetVsActualOf, statementOf } from '../contribution/contribution.service.js';
import {
  type AdvancesFundAccount,
  type RunningCostsAccount,
  advancesFundAccount,
  advancesFundLines,
  runningCostsAccount,
} from '../treasury/treasury.service.js';
import { TreasuryMovementKind } from '../treasury/treasury-movement.entity.js';

/** The advances fund's movements of one calendar year, read from the treasury's lines. */
export interface YearAdvances {
  /** Paid into the fund (endowments and cash contributions to the fund), reversals deducted. */
  endowed: number;
  disbursedCount: number;
  disbursed: number;
  repaymentsCount: number;
  repaid: number;
  lossesCount: number;
  losses: number;
}

/** One funder's contributions: in the report's year, and over all years. */
export interface FunderYear {
  organisation: Organisation;
  cash: number;
  inKind: number;
  total: number;
  /** Everything the funder contributed, every year. */
  allYears: number;
}

export interface AnnualReport {
  basin: Basin;
  /** The calendar year reported on. */
  year: number;
  /** The day the report was drawn up (UTC), ISO. */
  drawnUpOn: string;
  /** The dashboard as it reads today: the convention's years, jobs, competence days, advances, resources. */
  dashboard: BasinDashboard;
  /** The committee's activity in the calendar year, counted as the dashboard counts its years. */
  activity: PeriodActivity;
  advancesInYear: YearAdvances;
  /** The convention's budget by source against the year's contributions. */
  budget: BudgetVsActual;
  funders: FunderYear[];
  advancesFund: Omit<AdvancesFundAccount, 'movements'>;
  /** The running costs account, with the year's expenses against the yearly cap. */
  runningCosts: Omit<RunningCostsAccount, 'movements'>;
}

/** The years a report can be drawn up for: from the first decision, contribution or convention year to this one. */
export async function reportYears(em: EntityManager, basin: Basin): Promise<number[]> {
  const thisYear = new Date().getUTCFullYear();
  const dashboard = await basinDashboard(em, basin.id);
  const firstDecision = await em.findOne(Decision, { project: { basin } }, { orderBy: { decidedAt: 'asc' } });
  const firstContribution = await em.findOne(Contribution, { basin }, { orderBy: { year: 'asc' } });
  const first = Math.min(
    thisYear,
    firstDecision ? firstDecision.decidedAt.getUTCFullYear() : thisYear,
    firstContribution?.year ?? thisYear,
    dashboard.convention ? Number(dashboard.convention.startsOn.slice(0, 4)) : thisYear,
  );
  const years: number[] = [];
  // one a calendar year since the basin's first activity, fifty at most
  for (let year = thisYear; year >= Math.max(first, thisYear - 49); year -= 1) years.push(year);
  return years;
}

/**
 * The annual activity report of a basin, for its funders and its steering committee. Every figure comes from the
 * service that shows it elsewhere — the dashboard, the budget against actual, the funders' statements, the two
 * treasury accounts — so that the report and the screens cannot disagree. The caller checks who may read it.
 */
export async function annualReport(em: EntityManager, basin: Basin, year: number): Promise<AnnualReport> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const inYear = (day: string) => day >= from && day < to;
  const lines = (await advancesFundLines(em, basin.id)).filter((line) => inYear(line.on));
  const ofKind = (kind: TreasuryMovementKind) => lines.filter((line) => line.kind === kind);
  const sum = (kind: TreasuryMovementKind, field: 'amount' | 'cashEffect' = 'amount') =>
    ofKind(kind).reduce((total, line) => total + line[field], 0);

  const contributors = await em.find(
    Organisation,
    { basin, id: { $in: (await em.find(Contribution, { basin })).map((c) => c.organisation.id) } },
    { orderBy: { name: 'asc' } },
  );
  const funders: FunderYear[] = [];
  for (const organisation of contributors) {
    const statement = await statementOf(em, organisation);
    const row = statement.years.find((y) => y.year === year);
    funders.push({
      organisation,
      cash: row?.cash ?? 0,
      inKind: row?.inKind ?? 0,
      total: row?.total ?? 0,
      allYears: statement.total,
    });
  }
  const fund = await advancesFundAccount(em, basin.id);
  const costs = await runningCostsAccount(em, basin.id, year);

  return {
    basin,
    year,
    drawnUpOn: new Date().toISOString().slice(0, 10),
    dashboard: await basinDashboard(em, basin.id),
    activity: await basinActivity(em, basin.id, from, to),
    advancesInYear: {
      endowed: sum(TreasuryMovementKind.ENDOWMENT, 'cashEffect'),
      disbursedCount: ofKind(TreasuryMovementKind.DISBURSEMENT).length,
      disbursed: sum(TreasuryMovementKind.DISBURSEMENT),
      repaymentsCount: ofKind(TreasuryMovementKind.REPAYMENT).length,
      repaid: sum(TreasuryMovementKind.REPAYMENT),
      lossesCount: ofKind(TreasuryMovementKind.LOSS).length,
      losses: sum(TreasuryMovementKind.LOSS),
    },
    budget: await budgetVsActualOf(em, basin, year),
    funders,
    advancesFund: {
      balance: fund.balance,
      endowed: fund.endowed,
      disbursed: fund.disbursed,
      repaid: fund.repaid,
      writtenOff: fund.writtenOff,
    },
    runningCosts: {
      balance: costs.balance,
      credited: costs.credited,
      spent: costs.spent,
      year: costs.year,
      cap: costs.cap,
      spentThisYear: costs.spentThisYear,
      leftThisYear: costs.leftThisYear,
    },
  };
}
