import { type EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { requireRole } from '../auth/auth-checker.js';
import { Role } from '../person/membership.entity.js';
import { Project } from '../project/project.entity.js';
import { Advance, AdvanceStatus, Repayment, RepaymentFrequency, RepaymentInstalment } from './advance.entity.js';
import { allocatePayment, repaymentSchedule } from './schedule.js';
import { ConventionSignature, SignatureStatus } from '../cooperation/convention.entity.js';
import { fullySigned } from '../cooperation/convention-means.js';
import { fundFigures } from './fund.js';
import { lockBasinTreasury } from '../treasury/treasury-lock.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const checkDate = (value: string, field: string) => {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
    throw badInput('Give a date as YYYY-MM-DD', { [field]: 'invalid' });
};

export interface TermsInput {
  deferralMonths: number;
  durationMonths: number;
  frequency: RepaymentFrequency;
}

function checkTerms(terms: TermsInput): void {
  if (!Number.isInteger(terms.deferralMonths) || terms.deferralMonths < 0 || terms.deferralMonths > 36) {
    throw badInput('The deferral is 0 to 36 months', { deferralMonths: 'range' });
  }
  const step = terms.frequency === RepaymentFrequency.QUARTERLY ? 3 : 1;
  if (!Number.isInteger(terms.durationMonths) || terms.durationMonths < step || terms.durationMonths > 120) {
    throw badInput('The repayment lasts one period to 120 months', { durationMonths: 'range' });
  }
}

/** The basin of an advance, read before its transaction (NOT_FOUND when there is none). */
async function basinOfAdvance(em: EntityManager, advanceId: string): Promise<string> {
  const advance = await em.fork().findOne(Advance, advanceId, { populate: ['project'] });
  if (!advance) throw notFound('Advance');
  return advance.project.getEntity().basin.id;
}

/** Loads an advance in the transaction and checks the viewer is the operator of its basin. */
async function operatorAdvance(
  tem: EntityManager,
  viewer: Viewer,
  advanceId: string,
): Promise<{ advance: Advance; project: Project }> {
  const advance = await tem.findOne(Advance, advanceId);
  if (!advance) throw notFound('Advance');
  const project = await tem.findOneOrFail(Project, advance.project.id);
  try {
    requireRole({ viewer }, project.basin.id, Role.OPERATOR);
  } catch (error) {
    if (viewer.grants.some((g) => g.basinId === project.basin.id)) throw error;
    throw notFound('Advance');
  }
  return { advance, project };
}

/**
 * The operator records the disbursement: the schedule is generated from the terms, and sums to the amount. Only once
 * every party has signed the convention, and the operator its annex: money never leaves before the contract exists.
 */
export async function disburseAdvance(
  em: EntityManager,
  viewer: Viewer,
  advanceId: string,
  disbursedOn: string,
  terms: TermsInput,
) {
  checkDate(disbursedOn, 'disbursedOn');
  checkTerms(terms);
  const basinId = await basinOfAdvance(em, advanceId);
  return em.transactional(async (tem) => {
    // The basin's row first: on PostgreSQL a row lock, on SQLite the write lock, so that two disbursements (or a
    // disbursement and an endowment) of one basin take their turn and the second sees the cash the first took.
    await lockBasinTreasury(tem, basinId);
    const { advance } = await operatorAdvance(tem, viewer, advanceId);
    if (advance.status !== AdvanceStatus.GRANTED)
      throw new AppError(ErrorCode.INVALID_STATE, 'This advance is disbursed already');
    const signatures = await tem.find(ConventionSignature, { convention: { project: advance.project.id } });
    if (!fullySigned(signatures)) {
      const missing = signatures.filter((s) => s.status !== SignatureStatus.SIGNED).length;
      throw new AppError(
        ErrorCode.CONVENTION_NOT_SIGNED,
        signatures.length
          ? `The convention and its annex still lack ${missing} of ${signatures.length} signatures`
          : 'The project has no convention yet',
        { missing, total: signatures.length },
      );
    }
    const { available } = await fundFigures(tem, basinId);
    if (advance.amount > available) {
      throw new AppError(
        ErrorCode.FUND_INSUFFICIENT,
        `The advances fund holds ${available} €, less than the ${advance.amount} € of this advance`,
        { available, amount: advance.amount },
      );
    }
    Object.assign(advance, { disbursedOn, ...terms, status: AdvanceStatus.DISBURSED });
    for (const planned of repaymentSchedule({ amount: advance.amount, startsOn: disbursedOn, ...terms })) {
      tem.create(RepaymentInstalment, { advance, ...planned });
    }
    return advance;
  });
}

/** What remains to repay: the amount, less repayments, less a booked loss. */
export async function outstandingOf(em: EntityManager, advance: Advance): Promise<number> {
  const instalments = await em.find(RepaymentInstalment, { advance });
  const repaid = instalments.reduce((sum, i) => sum + i.paidAmount, 0);
  return advance.amount - repaid - advance.lossAmount;
}

/**
 * Records a repayment, allocated to the oldest instalments first. Refused when larger than what remains due, when
 * the advance is not disbursed, or defaulted. The advance is repaid when nothing remains.
 */
export async function recordRepayment(
  em: EntityManager,
  viewer: Viewer,
  advanceId: string,
  amount: number,
  paidOn: string,
) {
  checkDate(paidOn, 'paidOn');
  if (!Number.isInteger(amount) || amount <= 0)
    throw badInput('A repayment is a positive number of euros', { amount: 'positive' });
  return em.transactional(async (tem) => {
    const { advance } = await operatorAdvance(tem, viewer, advanceId);
    if (advance.status !== AdvanceStatus.DISBURSED) {
      throw new AppError(
        ErrorCode.INVALID_STATE,
        'Repayments are recorded on a disbursed advance that is still running',
      );
    }
    if (advance.disbursedOn && paidOn < advance.disbursedOn)
      throw badInput('Paid before the disbursement?', { paidOn: 'beforeDisbursement' });
    const instalments = await tem.find(RepaymentInstalment, { advance }, { orderBy: { number: 'asc' } });
    const due = instalments.reduce((sum, i) => sum + i.amount - i.paidAmount, 0);
    if (amount > due) {
      throw new AppError(ErrorCode.REPAYMENT_ABOVE_DUE, `This is more than remains due (${due} €)`, { due });
    }
    allocatePayment(instalments, amount, paidOn);
    const repayment = tem.create(Repayment, { advance, amount, paidOn, recordedBy: viewer.person.id });
    if (due === amount) advance.status = AdvanceStatus.REPAID;
    return repayment;
  });
}

/** The committee declared a default: what remains due is booked as a loss, and the schedule stops. */
export async function declareDefault(em: EntityManager, viewer: Viewer, advanceId: string) {
  return em.transactional(async (tem) => {
    const { advance } = await operatorAdvance(tem, viewer, advanceId);
    if (advance.status !== AdvanceStatus.DISBURSED)
      throw new AppError(ErrorCode.INVALID_STATE, 'Only a running advance can default');
    advance.lossAmount = await outstandingOf(tem, advance);
    advance.status = AdvanceStatus.DEFAULTED;
    advance.defaultedOn = new Date().toISOString().slice(0, 10);
    return advance;
  });
}

/**
 * The committee rescheduled the advance: what remains due is spread over new terms from `from`; instalments
 * already (partly) paid keep what was paid, and the unpaid remainder of each is replaced by the new schedule.
 */
export async function rescheduleAdvance(
  em: EntityManager,
  viewer: Viewer,
  advanceId: string,
  from: string,
  terms: TermsInput,
) {
  checkDate(from, 'from');
  checkTerms(terms);
  return em.transactional(async (tem) => {
    const { advance } = await operatorAdvance(tem, viewer, advanceId);
    if (advance.status !== AdvanceStatus.DISBURSED)
      throw new AppError(ErrorCode.INVALID_STATE, 'Only a running advance can be rescheduled');
    const instalments = await tem.find(RepaymentInstalment, { advance }, { orderBy: { number: 'asc' } });
    const remaining = instalments.reduce((sum, i) => sum + i.amount - i.paidAmount, 0);
    let kept = 0;
    for (const instalment of instalments) {
      if (instalment.paidAmount === 0) {
        tem.remove(instalment);
      } else {
        instalment.amount = instalment.paidAmount;
        instalment.paidOn ??= from;
        kept = Math.max(kept, instalment.number);
      }
    }
    await tem.flush();
    for (const planned of repaymentSchedule({ amount: remaining, startsOn: from, ...terms })) {
      tem.create(RepaymentInstalment, { advance, ...planned, number: kept + planned.number });
    }
    Object.assign(advance, terms);
    return advance;
  });
}
