import { describe, expect, it } from 'vitest';
import { RepaymentFrequency } from './advance.entity.js';
import { addMonths, instalmentState, repaymentSchedule } from './schedule.js';

describe('repayment schedules', () => {
  it('should always sum to the advance, in whole euros, whatever the amount and the number of instalments', () => {
    for (const amount of [1, 7, 999, 10_000, 12_345, 15_000]) {
      for (const durationMonths of [1, 12, 24, 36, 37, 48]) {
        for (const frequency of [RepaymentFrequency.MONTHLY, RepaymentFrequency.QUARTERLY]) {
          if (frequency === RepaymentFrequency.QUARTERLY && durationMonths < 3) continue;
          const plan = repaymentSchedule({
            amount,
            startsOn: '2026-01-31',
            deferralMonths: 6,
            durationMonths,
            frequency,
          });
          expect(plan.reduce((sum, i) => sum + i.amount, 0)).toBe(amount);
          expect(plan.every((i) => Number.isInteger(i.amount) && i.amount > 0)).toBe(true);
          for (let k = 1; k < plan.length; k += 1) expect(plan[k]!.dueOn > plan[k - 1]!.dueOn).toBe(true);
        }
      }
    }
  });

  it('should start after the deferral and step by month or quarter, keeping to month ends', () => {
    const monthly = repaymentSchedule({
      amount: 12_000,
      startsOn: '2026-01-31',
      deferralMonths: 6,
      durationMonths: 24,
      frequency: RepaymentFrequency.MONTHLY,
    });
    expect(monthly).toHaveLength(24);
    expect(monthly.slice(0, 2)).toEqual([
      { number: 1, dueOn: '2026-08-31', amount: 500 },
      { number: 2, dueOn: '2026-09-30', amount: 500 },
    ]);
    const quarterly = repaymentSchedule({
      amount: 10_000,
      startsOn: '2026-03-15',
      deferralMonths: 0,
      durationMonths: 36,
      frequency: RepaymentFrequency.QUARTERLY,
    });
    expect(quarterly).toHaveLength(12);
    expect(quarterly[0]).toEqual({ number: 1, dueOn: '2026-06-15', amount: 833 });
    expect(quarterly[11]).toEqual({ number: 12, dueOn: '2029-03-15', amount: 837 });
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('should tell on time, late and unpaid instalments apart', () => {
    const due = { dueOn: '2026-05-31', amount: 500 };
    expect(instalmentState({ ...due, paidAmount: 500, paidOn: '2026-05-30' }, '2026-11-22')).toBe('PAID_ON_TIME');
    expect(instalmentState({ ...due, paidAmount: 500, paidOn: '2026-06-10' }, '2026-11-22')).toBe('PAID_LATE');
    expect(instalmentState({ ...due, paidAmount: 0 }, '2026-05-01')).toBe('UPCOMING');
    expect(instalmentState({ ...due, paidAmount: 200 }, '2026-06-20')).toBe('LATE');
    expect(instalmentState({ ...due, paidAmount: 0 }, '2026-11-22')).toBe('UNPAID');
  });
});
