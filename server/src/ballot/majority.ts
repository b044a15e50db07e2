import { MajorityRule } from '../basin/basin.entity.js';
import { BallotResult } from './ballot.entity.js';

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

/** Applies the basin's majority rule to a tally. */
export function ballotResult(rule: MajorityRule, tally: Tally): BallotResult {
  const cast = tally.for + tally.against + tally.abstain;
  let adopted: boolean;
  switch (rule) {
    case MajorityRule.SIMPLE:
      adopted = tally.for > tally.against;
      break;
    case MajorityRule.ABSOLUTE:
      adopted = tally.for * 2 > cast;
      break;
    case MajorityRule.TWO_THIRDS:
      adopted = tally.for + tally.against > 0 && tally.for * 3 >= (tally.for + tally.against) * 2;
      break;
  }
  return adopted ? BallotResult.ADOPTED : BallotResult.REJECTED;
}
