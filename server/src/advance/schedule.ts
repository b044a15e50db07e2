import { RepaymentFrequency } from './advance.entity.js';

/** An ISO date (YYYY-MM-DD) `months` later, on the same day or the month's last day when shorter. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface ScheduleTerms {
  /** In euros. */
  amount: number;
  /** First day the money is with the SME (ISO date). */
  startsOn: string;
  /** Months without repayment after the start. */
  deferralMonths: number;
  /** Months over which the advance is repaid, after the deferral. */
  durationMonths: number;
  frequency: RepaymentFrequency;
}

export interface PlannedInstalment {
  number: number;
  dueOn: string;
  amount: number;
}

/**
 * An interest-free repayment schedule: equal instalments in whole euros, the rounding remainder on the last one,
 * so that they always sum to the amount; due dates strictly in order, one period apart after the deferral.
 */
export function repaymentSchedule(terms: ScheduleTerms): PlannedInstalment[] {
  const step = terms.frequency === RepaymentFrequency.QUARTERLY ? 3 : 1;
  if (!Number.isInteger(terms.amount) || terms.amount <= 0)
    throw new RangeError('amount must be a positive whole number of euros');
  if (terms.durationMonths < step) throw new RangeError('duration shorter than one period');
  const count = Math.min(Math.ceil(terms.durationMonths / step), terms.amount);
  const base = Math.floor(terms.amount / count);
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueOn: addMonths(terms.startsOn, terms.deferralMonths + step * (i + 1)),
    amount: i === count - 1 ? terms.amount - base * (count - 1) : base,
  }));
}

export type InstalmentState = 'PAID_ON_TIME' | 'PAID_LATE' | 'UPCOMING' | 'LATE' | 'UNPAID';

/** Days after its due date when an instalment still not paid counts as unpaid rather than late. */
export const UNPAID_AFTER_DAYS = 90;

/** Where an instalment stands today: paid on time or late, upcoming, late, or unpaid (over 90 days late). */
export function instalmentState(
  instalment: { dueOn: string; amount: number; paidAmount: number; paidOn?: string | null },
  today: string,
): InstalmentState {
  if (instalment.paidAmount >= instalment.amount) {
    return instalment.paidOn && instalment.paidOn > instalment.dueOn ? 'PAID_LATE' : 'PAID_ON_TIME';
  }
  if (instalment.dueOn >= today) return 'UPCOMING';
  const daysLate = (Date.parse(today) - Date.parse(instalment.dueOn)) / 86_400_000;
  return daysLate > UNPAID_AFTER_DAYS ? 'UNPAID' : 'LATE';
}

/**
 * Allocates a payment to the oldest unpaid instalments first; marks those it completes as paid on `paidOn`.
 * Returns what could not be allocated (0 unless the payment exceeds what remains due).
 */
export function allocatePayment(
  instalments: { amount: number; paidAmount: number; paidOn?: string | null }[],
  amount: number,
  paidOn: string,
): number {
  let left = amount;
  for (const instalment of instalments) {
    if (left === 0) break;
    const take = Math.min(left, instalment.amount - instalment.paidAmount);
    if (take <= 0) continue;
    instalment.paidAmount += take;
    if (instalment.paidAmount === instalment.amount) instalment.paidOn = paidOn;
    left -= take;
  }
  return left;
}
