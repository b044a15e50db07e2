import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Asker } from '../basin/basin.access.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Contribution, ContributionKind } from '../basin/contribution.entity.js';
import { Advance, AdvanceStatus, Repayment } from '../advance/advance.entity.js';
import { fundFigures } from '../advance/fund.js';
import { NESTED_LIST_CAP } from '../common/page.js';
import { moneyBasin } from '../contribution/contribution.access.js';
import { lockBasinTreasury } from './treasury-lock.js';
import { TreasuryAccount, TreasuryMovement, TreasuryMovementKind, signedAmount } from './treasury-movement.entity.js';

/** The programme's ceiling on the operator's expenses, in euros per calendar year (cahier des charges). */
export const RUNNING_COSTS_YEARLY_CAP = 10_000;
/** The largest single movement typed by hand, in euros: a guard against typing errors. */
export const MAX_MOVEMENT = 5_000_000;

/** One line of an account: recorded by hand, or read from an advance, a repayment or a contribution. */
export interface TreasuryLine {
  id: string;
  on: string;
  kind: TreasuryMovementKind;
  label: string;
  /** The sum moved (or written off), positive. */
  amount: number;
  /** What it does to the account's cash: + in, − out, 0 for a loss (the cash left at the disbursement). */
  cashEffect: number;
  /** A recorded movement that the operator may still reverse (not a reversal, not reversed, not derived). */
  reversible: boolean;
  /** The movement this one reverses. */
  reversesId: string | null;
}

export interface AdvancesFundAccount {
  balance: number;
  endowed: number;
  disbursed: number;
  repaid: number;
  writtenOff: number;
  /** Newest first, at most 200 (the figures count them all). */
  movements: TreasuryLine[];
}

export interface RunningCostsAccount {
  balance: number;
  credited: number;
  spent: number;
  year: number;
  cap: number;
  spentThisYear: number;
  leftThisYear: number;
  movements: TreasuryLine[];
}

export interface Treasury {
  advancesFund: AdvancesFundAccount;
  runningCosts: RunningCostsAccount;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const todayIso = () => new Date().toISOString().slice(0, 10);
const newestFirst = (a: TreasuryLine, b: TreasuryLine) => b.on.localeCompare(a.on) || a.id.localeCompare(b.id);

/** The lines of recorded movements, each knowing whether it may still be reversed. */
function fromMovements(movements: TreasuryMovement[]): TreasuryLine[] {
  const reversed = new Set(movements.filter((m) => m.reverses).map((m) => m.reverses!.id));
  return movements.map((m) => ({
    id: m.id,
    on: m.occurredOn,
    kind: m.kind,
    label: m.label,
    amount: m.amount,
    cashEffect: (m.kind === TreasuryMovementKind.EXPENSE ? -1 : 1) * signedAmount(m),
    reversible: !m.reverses && !reversed.has(m.id),
    reversesId: m.reverses?.id ?? null,
  }));
}

/**
 * The advances fund's movements, read from what moved it: endowments recorded by hand, cash contributions paid into
 * the fund, disbursed advances, repayments received, and losses written off at a default. Its balance is the
 * fund's available cash of {@link fundFigures}, the figure the dashboard shows.
 */
export async function advancesFundAccount(em: EntityManager, basinId: string): Promise<AdvancesFundAccount> {
  const fund = await fundFigures(em, basinId);
  const lines = await advancesFundLines(em, basinId);
  return {
    balance: fund.available,
    endowed: fund.endowment,
    disbursed: fund.lent,
    repaid: fund.repaid,
    writtenOff: fund.losses,
    movements: lines.slice(0, NESTED_LIST_CAP),
  };
}

/** Every line of the advances fund, newest first (the account shows the newest; the annual report sums a year's). */
export async function advancesFundLines(em: EntityManager, basinId: string): Promise<TreasuryLine[]> {
  const recorded = await em.find(TreasuryMovement, { basin: basinId, account: TreasuryAccount.ADVANCES_FUND });
  const contributions = await em.find(
    Contribution,
    { basin: basinId, kind: ContributionKind.CASH, toAdvancesFund: true, supersededAt: null },
    { populate: ['organisation'] },
  );
  const advances = await em.find(
    Advance,
    { project: { basin: basinId }, status: { $ne: AdvanceStatus.GRANTED } },
    { populate: ['project'] },
  );
  const repayments = await em.find(
    Repayment,
    { advance: { project: { basin: basinId } } },
    { populate: ['advance.project'] },
  );
  const lines: TreasuryLine[] = [
    ...fromMovements(recorded),
    ...contributions.map((c) => ({
      id: c.id,
      on: c.receivedOn ?? `${c.year}-01-01`,
      kind: TreasuryMovementKind.ENDOWMENT,
      label: c.label ? `${c.organisation.getEntity().name} — ${c.label}` : c.organisation.getEntity().name,
      amount: c.amount,
      cashEffect: c.amount,
      reversible: false,
      reversesId: null,
    })),
    ...advances.map((a) => ({
      id: a.id,
      on: a.disbursedOn ?? todayIso(),
      kind: TreasuryMovementKind.DISBURSEMENT,
      label: a.project.getEntity().title,
      amount: a.amount,
      cashEffect: -a.amount,
      reversible: false,
      reversesId: null,
    })),
    ...repayments.map((r) => ({
      id: r.id,
      on: r.paidOn,
      kind: TreasuryMovementKind.REPAYMENT,
      label: r.advance.getEntity().project.getEntity().title,
      amount: r.amount,
      cashEffect: r.amount,
      reversible: false,
      reversesId: null,
    })),
    ...advances
      .filter((a) => a.status === AdvanceStatus.DEFAULTED && a.lossAmount > 0)
      .map((a) => ({
        id: `${a.id}:loss`,
        on: a.defaultedOn ?? a.updatedAt.toISOString().slice(0, 10),
        kind: TreasuryMovementKind.LOSS,
        label: a.project.getEntity().title,
        amount: a.lossAmount,
        cashEffect: 0,
        reversible: false,
        reversesId: null,
      })),
  ].sort(newestFirst);
  return lines;
}

/** What the operator spent in a calendar year. */
async function spentIn(em: EntityManager, basinId: string, year: number): Promise<number> {
  const expenses = await em.find(TreasuryMovement, {
    basin: basinId,
    account: TreasuryAccount.RUNNING_COSTS,
    kind: TreasuryMovementKind.EXPENSE,
    occurredOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
  });
  return expenses.reduce((sum, e) => sum + signedAmount(e), 0);
}

/** The running costs account: money paid in, the operator's expenses, and this year's expenses against the cap. */
export async function runningCostsAccount(
  em: EntityManager,
  basinId: string,
  year = new Date().getUTCFullYear(),
): Promise<RunningCostsAccount> {
  const movements = await em.find(TreasuryMovement, { basin: basinId, account: TreasuryAccount.RUNNING_COSTS });
  const sumOf = (kind: TreasuryMovementKind) =>
    movements.filter((m) => m.kind === kind).reduce((sum, m) => sum + signedAmount(m), 0);
  const credited = sumOf(TreasuryMovementKind.ENDOWMENT);
  const spent = sumOf(TreasuryMovementKind.EXPENSE);
  const spentThisYear = await spentIn(em, basinId, year);
  return {
    balance: credited - spent,
    credited,
    spent,
    year,
    cap: RUNNING_COSTS_YEARLY_CAP,
    spentThisYear,
    leftThisYear: Math.max(0, RUNNING_COSTS_YEARLY_CAP - spentThisYear),
    movements: fromMovements(movements).sort(newestFirst).slice(0, NESTED_LIST_CAP),
  };
}

/** The two accounts, for the operator, the steering committee and the national head. */
export async function treasury(ctx: Asker, basinId: string): Promise<Treasury> {
  await moneyBasin(ctx, basinId);
  return {
    advancesFund: await advancesFundAccount(ctx.em, basinId),
    runningCosts: await runningCostsAccount(ctx.em, basinId),
  };
}

export interface MovementInput {
  basinId: string;
  amount: number;
  occurredOn: string;
  label: string;
}

function checkMovement(input: MovementInput): void {
  if (!ISO_DATE.test(input.occurredOn) || Number.isNaN(Date.parse(input.occurredOn)))
    throw badInput('Give the day as YYYY-MM-DD', { occurredOn: 'invalid' });
  const year = Number(input.occurredOn.slice(0, 4));
  if (year < 2000 || year > 2100) throw badInput('The day is between 2000 and 2100', { occurredOn: 'range' });
  if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > MAX_MOVEMENT)
    throw badInput(`An amount is 1 to ${MAX_MOVEMENT} euros`, { amount: 'range' });
  if (!input.label.trim()) throw badInput('Say what it is', { label: 'required' });
}

/** The operator records money paid into one of the two accounts. */
export async function recordEndowment(
  ctx: Asker,
  input: MovementInput & { account: TreasuryAccount },
): Promise<TreasuryMovement> {
  await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
  checkMovement(input);
  const viewer = requireViewer(ctx);
  return ctx.em.transactional(async (tem) => {
    await lockBasinTreasury(tem, input.basinId);
    return tem.create(TreasuryMovement, {
      basin: tem.getReference(Basin, input.basinId),
      account: input.account,
      kind: TreasuryMovementKind.ENDOWMENT,
      amount: input.amount,
      occurredOn: input.occurredOn,
      label: input.label.trim(),
      recordedBy: tem.getReference(Person, viewer.person.id),
    });
  });
}

/**
 * The operator records an expense on the running costs account. Refused with RUNNING_COSTS_CAP when the year's
 * expenses would go above the programme's cap; the basin is locked first, so two expenses cannot both slip under it.
 */
export async function recordExpense(ctx: Asker, input: MovementInput): Promise<TreasuryMovement> {
  await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
  checkMovement(input);
  const viewer = requireViewer(ctx);
  return ctx.em.transactional(async (tem) => {
    await lockBasinTreasury(tem, input.basinId);
    const year = Number(input.occurredOn.slice(0, 4));
    const spent = await spentIn(tem, input.basinId, year);
    if (spent + input.amount > RUNNING_COSTS_YEARLY_CAP) {
      const left = Math.max(0, RUNNING_COSTS_YEARLY_CAP - spent);
      throw new AppError(
        ErrorCode.RUNNING_COSTS_CAP,
        `The operator's expenses are capped at ${RUNNING_COSTS_YEARLY_CAP} € a year: ${left} € remain for ${year}`,
        { cap: RUNNING_COSTS_YEARLY_CAP, spent, left, year },
      );
    }
    return tem.create(TreasuryMovement, {
      basin: tem.getReference(Basin, input.basinId),
      account: TreasuryAccount.RUNNING_COSTS,
      kind: TreasuryMovementKind.EXPENSE,
      amount: input.amount,
      occurredOn: input.occurredOn,
      label: input.label.trim(),
      recordedBy: tem.getReference(Person, viewer.person.id),
    });
  });
}

/**
 * The operator cancels a movement typed by mistake: a reversal of the same account and kind, dated like it, says why
 * and counts the other way (an expense reversed frees its share of the year's cap). Refused for a reversal, for a
 * movement reversed already (a unique key decides between two racing reversals), and for an endowment of the
 * advances fund whose cash is lent already.
 */
export async function reverseTreasuryMovement(
  ctx: Asker,
  movementId: string,
  reason: string,
): Promise<TreasuryMovement> {
  const original = await ctx.em.fork().findOne(TreasuryMovement, movementId);
  if (!original) throw notFound('Treasury movement');
  await requireBasinRole(ctx, original.basin.id, Role.OPERATOR).catch((error: AppError) => {
    throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound('Treasury movement') : error;
  });
  if (!reason.trim() || reason.length > 200) throw badInput('Say why, in 200 characters at most', { reason: 'length' });
  const viewer = requireViewer(ctx);
  try {
    return await ctx.em.transactional(async (tem) => {
      await lockBasinTreasury(tem, original.basin.id);
      if (original.reverses || (await tem.count(TreasuryMovement, { reverses: original.id })) > 0)
        throw new AppError(ErrorCode.MOVEMENT_REVERSED, 'This movement is a reversal, or was reversed already');
      if (original.account === TreasuryAccount.ADVANCES_FUND) {
        const { available } = await fundFigures(tem, original.basin.id);
        if (available < original.amount) {
          throw new AppError(
            ErrorCode.FUND_INSUFFICIENT,
            `The advances fund holds ${available} €: this endowment of ${original.amount} € is lent already`,
            { reason: 'ALREADY_LENT', available, amount: original.amount },
          );
        }
      }
      return tem.create(TreasuryMovement, {
        basin: tem.getReference(Basin, original.basin.id),
        account: original.account,
        kind: original.kind,
        amount: original.amount,
        occurredOn: original.occurredOn,
        label: reason.trim(),
        recordedBy: tem.getReference(Person, viewer.person.id),
        reverses: tem.getReference(TreasuryMovement, original.id),
      });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new AppError(ErrorCode.MOVEMENT_REVERSED, 'This movement was reversed already');
    throw error;
  }
}
