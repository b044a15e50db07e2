import { describe, expect, it } from 'vitest';
import { MajorityRule } from '../basin/basin.entity.js';
import { ballotResult } from './majority.js';

describe('majority rules', () => {
  it('should adopt by simple majority when "for" outnumbers "against", abstentions aside', () => {
    expect(ballotResult(MajorityRule.SIMPLE, { for: 3, against: 2, abstain: 5 })).toBe('ADOPTED');
    expect(ballotResult(MajorityRule.SIMPLE, { for: 2, against: 2, abstain: 0 })).toBe('REJECTED');
  });
  it('should count abstentions against an absolute majority', () => {
    expect(ballotResult(MajorityRule.ABSOLUTE, { for: 3, against: 2, abstain: 5 })).toBe('REJECTED');
    expect(ballotResult(MajorityRule.ABSOLUTE, { for: 6, against: 2, abstain: 3 })).toBe('ADOPTED');
  });
  it('should need two thirds of the votes expressed', () => {
    expect(ballotResult(MajorityRule.TWO_THIRDS, { for: 4, against: 2, abstain: 9 })).toBe('ADOPTED');
    expect(ballotResult(MajorityRule.TWO_THIRDS, { for: 3, against: 2, abstain: 0 })).toBe('REJECTED');
    expect(ballotResult(MajorityRule.TWO_THIRDS, { for: 0, against: 0, abstain: 4 })).toBe('REJECTED');
  });
});
