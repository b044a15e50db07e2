import { describe, expect, it } from 'vitest';
import { checkSettings, SETTING_RANGES } from './basin-settings.js';
import { MajorityRule, QuorumBasis } from '../basin/basin.entity.js';

const refusal = (settings: Parameters<typeof checkSettings>[0]) => {
  try {
    checkSettings(settings);
    return null;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('the ranges of basin settings', () => {
  it('should accept the bounds of every range, and the defaults', () => {
    for (const [field, { min, max }] of Object.entries(SETTING_RANGES)) {
      const values = field === 'followUpCadenceMonths' ? [[min], [min, max]] : [min, max];
      for (const value of values) expect(refusal({ [field]: value })).toBeNull();
    }
    expect(
      refusal({
        advanceCap: 25000,
        quorumBasis: QuorumBasis.ORGANISATION,
        quorumPercent: 50,
        majorityRule: MajorityRule.SIMPLE,
        allowVoteChange: true,
        showNamedVotesLive: false,
        maxProxiesPerMember: 1,
        dailyRate: 600,
        followUpCadenceMonths: [3, 6, 12, 18],
        minFollowUpMonths: 18,
      }),
    ).toBeNull();
  });

  it('should refuse a value just outside each range, naming the field and its range', () => {
    for (const [field, { min, max }] of Object.entries(SETTING_RANGES)) {
      for (const value of [min - 1, max + 1]) {
        const given = field === 'followUpCadenceMonths' ? [value] : value;
        expect(refusal({ [field]: given })).toEqual({ code: 'SETTING_OUT_OF_RANGE', field, min, max });
      }
    }
  });

  it('should refuse a fractional count, an empty or unordered cadence, and a follow-up under 18 months', () => {
    expect(refusal({ quorumPercent: 50.5 })?.field).toBe('quorumPercent');
    expect(refusal({ maxProxiesPerMember: 1.5 })?.field).toBe('maxProxiesPerMember');
    expect(refusal({ followUpCadenceMonths: [] })?.field).toBe('followUpCadenceMonths');
    expect(refusal({ followUpCadenceMonths: [6, 6] })?.field).toBe('followUpCadenceMonths');
    expect(refusal({ minFollowUpMonths: 12 })?.field).toBe('minFollowUpMonths');
    expect(refusal({ dailyRate: 612.5 })).toBeNull();
  });
});
