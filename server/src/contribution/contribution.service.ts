import type { EntityManager } from '@mikro-orm/core';
import type { Asker } from '../basin/basin.access.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionKind, ContributionOrigin } from '../basin/contribution.entity.js';
import { companyCompetences } from '../dashboard/dashboard.service.js';
import { RESOURCE_SOURCES, type ResourceSource, SOURCE_OF_KIND, SOURCE_OF_ORIGIN } from './sources.js';
import {
  MAX_CONTRIBUTION,
  type ContributionInput,
  type CorrectContributionInput,
  type RecordContributionInput,
} from './contribution.inputs.js';
import { moneyBasin, statementBasin } from './contribution.access.js';
import { fundFigures } from '../advance/fund.js';
import { lockBasinTreasury } from '../treasury/treasury-lock.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';
import { currentConvention } from '../partnership/periods.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks what the input types cannot: the day, the link to the fund, and that the funder is of this basin. */
async function checkedFields(tem: EntityManager, basinId: string, input: ContributionInput, correcting: boolean) {
  if (input.receivedOn && (!ISO_DATE.test(input.receivedOn) || Number.isNaN(Date.parse(input.receivedOn))))
    throw badInput('Give the day received as YYYY-MM-DD', { receivedOn: 'invalid' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw badInput('The year is between 2000 and 2100', { year: 'range' });
  if (!Number.isInteger(input.amount) || input.amount < (correcting ? 0 : 1) || input.amount > MAX_CONTRIBUTION)
    throw badInput(`A contribution is a positive number of euros, at most ${MAX_CONTRIBUTION}`, { amount: 'range' });
  if (input.toAdvancesFund && input.kind !== ContributionKind.CASH)
    throw badInput('Only cash goes into the advances fund', { toAdvancesFund: 'cashOnly' });
  const organisation = await tem.findOne(Organisation, { id: input.organisationId, basin: basinId });
  if (!organisation) throw notFound('Organisation');
  return {
    organisation,
    year: input.year,
    amount: input.amount,
    kind: input.kind,
    origin: input.origin,
    receivedOn: input.receivedOn || null,
    label: input.label.trim(),
    toAdvancesFund: input.toAdvancesFund,
  };
}

/** The operator records a contribution (cash or valued in kind) of a funder of the basin. */
export async function recordContribution(ctx: Asker, input: RecordContributionInput): Promise<Contribution> {
  await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
  const viewer = requireViewer(ctx);
  return ctx.em.transactional(async (tem) => {
    const fields = await checkedFields(tem, input.basinId, input, false);
    return tem.create(Contribution, {
      basin: tem.getReference(Basin, input.basinId),
      ...fields,
      recordedBy: tem.getReference(Person, viewer.person.id),
    });
  });
}

/**
 * The operator corrects an entry: a new entry takes its place and says why; the old one stays, marked superseded, so
 * that the ledger keeps what was recorded first. An entry is corrected once (its correction is corrected next), and
 * of two corrections racing for one entry, one wins: the mark is a conditional update.
 */
export async function correctContribution(ctx: Asker, input: CorrectContributionInput): Promise<Contribution> {
  const viewer = requireViewer(ctx);
  const original = await ctx.em.fork().findOne(Contribution, input.contributionId);
  if (!original) throw notFound('Contribution');
  // another basin's entry answers NOT_FOUND, like one that does not exist
  await requireBasinRole(ctx, original.basin.id, Role.OPERATOR).catch((error: AppError) => {
    throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound('Contribution') : error;
  });
  return ctx.em.transactional(async (tem) => {
    // the fund's cash may change: the basin's lock first, as for a disbursement
    await lockBasinTreasury(tem, original.basin.id);
    const fields = await checkedFields(tem, original.basin.id, input, true);
    const supersededAt = new Date();
    const marked = await tem.nativeUpdate(Contribution, { id: original.id, supersededAt: null }, { supersededAt });
    if (marked === 0) {
      const next = await tem.findOne(Contribution, { corrects: original.id });
      throw new AppError(ErrorCode.CONTRIBUTION_SUPERSEDED, 'This entry was corrected already', {
        correctedById: next?.id ?? null,
      });
    }
    await recordNativeWrites(tem, 'Contribution', 'UPDATE', [
      { id: original.id, before: { supersededAt: null }, after: { supersededAt } },
    ]);
    const correction = tem.create(Contribution, {
      basin: tem.getReference(Basin, original.basin.id),
      ...fields,
      corrects: tem.getReference(Contribution, original.id),
      correctionReason: input.reason.trim(),
      recordedBy: tem.getReference(Person, viewer.person.id),
    });
    if (original.toAdvancesFund) {
      // cash taken back from the fund must not be cash it has lent already
      await tem.flush();
      const { available } = await fundFigures(tem, original.basin.id);
      if (available < 0) {
        throw new AppError(
          ErrorCode.FUND_INSUFFICIENT,
          'The advances fund has lent this cash already: the correction would leave it below zero',
          {
            reason: 'ALREADY_LENT',
            available: available + original.amount - (fields.toAdvancesFund ? fields.amount : 0),
          },
        );
      }
    }
    return correction;
  });
}

export interface LedgerFilter {
  year?: number | null;
  organisationId?: string | null;
  offset: number;
  limit: number;
}

/** The ledger: every entry, superseded ones too, newest year first. */
export async function contributionsLedger(ctx: Asker, basinId: string, filter: LedgerFilter) {
  await moneyBasin(ctx, basinId);
  return ctx.em.findAndCount(
    Contribution,
    {
      basin: basinId,
      ...(filter.year ? { year: filter.year } : {}),
      ...(filter.organisationId ? { organisation: filter.organisationId } : {}),
    },
    { orderBy: { year: 'desc', createdAt: 'desc', id: 'asc' }, offset: filter.offset, limit: filter.limit },
  );
}

export interface OriginActual {
  origin: ContributionOrigin;
  cash: number;
  inKind: number;
}

export interface SourceBudget {
  source: ResourceSource;
  /** The convention's expected share of resources, in %. */
  targetShare: number;
  /** The convention's budget for this source over the period shown, in euros. */
  budget: number;
  cash: number;
  inKind: number;
  /** Delivered staff days valued at the daily rate; counted over the whole convention only (days carry no year). */
  staffTime: number | null;
  actual: number;
  /** actual − budget. */
  gap: number;
  /** actual in % of budget (0 when there is no budget). */
  achieved: number;
  origins: OriginActual[];
}

export interface BudgetVsActual {
  convention: TriennialConvention | null;
  /** The calendar year shown, or null for the convention's three years. */
  year: number | null;
  /** The calendar years the convention covers: its first and the two after. */
  years: number[];
  budget: number;
  actual: number;
  sources: SourceBudget[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The convention's budget by source against what the ledger holds. Over the convention, the budget is its target
 * budget split by the expected shares, and the actual counts the three calendar years from its start plus the
 * delivered staff time (as the dashboard does); for one year, a third of that budget against that year's entries.
 */
export async function budgetVsActual(ctx: Asker, basinId: string, year: number | null): Promise<BudgetVsActual> {
  return budgetVsActualOf(ctx.em, await moneyBasin(ctx, basinId), year);
}

/** {@link budgetVsActual} once the reader is known to be allowed (the annual report uses it for its readers). */
export async function budgetVsActualOf(em: EntityManager, basin: Basin, year: number | null): Promise<BudgetVsActual> {
  const convention = await currentConvention(em, basin.id);
  const first = convention ? Number(convention.startsOn.slice(0, 4)) : new Date().getUTCFullYear();
  const years = [first, first + 1, first + 2];
  const shown = year ? [year] : years;
  const entries = await em.find(Contribution, { basin, supersededAt: null, year: { $in: shown } });
  const staff = year ? null : await companyCompetences(em, basin);
  const periodBudget = convention ? (year ? convention.targetBudget / 3 : convention.targetBudget) : 0;
  const shares: Record<ResourceSource, number> = {
    COMPANIES: convention?.shareCompanies ?? 0,
    TERRITORIAL_ACTORS: convention?.shareTerritorialActors ?? 0,
    COLLECTIVITIES: convention?.shareCollectivities ?? 0,
    STATE_AND_CDC: convention?.shareStateAndCdc ?? 0,
  };
  const sources = RESOURCE_SOURCES.map((source): SourceBudget => {
    const origins = Object.values(ContributionOrigin)
      .filter((origin) => SOURCE_OF_ORIGIN[origin] === source)
      .map((origin) => {
        const own = entries.filter((e) => e.origin === origin);
        const sum = (kind: ContributionKind) =>
          own.filter((e) => e.kind === kind).reduce((total, e) => total + e.amount, 0);
        return { origin, cash: sum(ContributionKind.CASH), inKind: sum(ContributionKind.IN_KIND) };
      });
    const cash = origins.reduce((total, o) => total + o.cash, 0);
    const inKind = origins.reduce((total, o) => total + o.inKind, 0);
    const staffTime = staff
      ? staff.filter((c) => SOURCE_OF_KIND[c.organisation.kind] === source).reduce((t, c) => t + c.deliveredValue, 0)
      : null;
    const budget = Math.round((periodBudget * shares[source]) / 100);
    const actual = cash + inKind + (staffTime ?? 0);
    return {
      source,
      targetShare: shares[source],
      budget,
      cash,
      inKind,
      staffTime,
      actual,
      gap: actual - budget,
      achieved: budget ? round1((actual / budget) * 100) : 0,
      origins,
    };
  });
  return {
    convention,
    year,
    years,
    budget: sources.reduce((total, s) => total + s.budget, 0),
    actual: sources.reduce((total, s) => total + s.actual, 0),
    sources,
  };
}

export interface StatementYear {
  year: number;
  cash: number;
  inKind: number;
  total: number;
}

export interface FunderStatement {
  organisation: Organisation;
  years: StatementYear[];
  cash: number;
  inKind: number;
  total: number;
  /** Its entries, newest first, superseded ones included (at most 200; the totals count them all). */
  entries: Contribution[];
}

/** A funder's statement: its contributions by year, cash and in kind, and the total. */
export async function funderStatement(ctx: Asker, organisationId: string): Promise<FunderStatement> {
  const organisation = await ctx.em.findOne(Organisation, organisationId);
  if (!organisation) throw notFound('Organisation');
  await statementBasin(ctx, organisation.basin.id, organisation.id).catch((error: AppError) => {
    throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound('Organisation') : error;
  });
  return statementOf(ctx.em, organisation);
}

/** {@link funderStatement} once the reader is known to be allowed (the annual report gives every funder's). */
export async function statementOf(em: EntityManager, organisation: Organisation): Promise<FunderStatement> {
  const entries = await em.find(
    Contribution,
    { organisation },
    { orderBy: { year: 'desc', createdAt: 'desc', id: 'asc' } },
  );
  const counted = entries.filter((e) => !e.supersededAt);
  const byYear = new Map<number, StatementYear>();
  for (const entry of counted) {
    const row = byYear.get(entry.year) ?? { year: entry.year, cash: 0, inKind: 0, total: 0 };
    if (entry.kind === ContributionKind.CASH) row.cash += entry.amount;
    else row.inKind += entry.amount;
    row.total = row.cash + row.inKind;
    byYear.set(entry.year, row);
  }
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  const cash = years.reduce((total, y) => total + y.cash, 0);
  const inKind = years.reduce((total, y) => total + y.inKind, 0);
  return { organisation, years, cash, inKind, total: cash + inKind, entries: entries.slice(0, 200) };
}
