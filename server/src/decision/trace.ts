import type { Ballot } from '../ballot/ballot.entity.js';
import type { DeclaredAttendance, QuorumState } from '../meeting/quorum.js';

/** A pledge as the decision's trace keeps it. */
export interface TracedPledge {
  organisation: string;
  domain: string;
  profile: string;
  days: number;
  expertName: string | null;
}

/**
 * What a decision keeps of its session, so that it can be audited without replaying the meeting: the quorum and
 * attendance when it was taken, the ballot's tally with its rule, electorate and recusals, the pledges, and the
 * paper the committee read. One shape for every decision, recorded live or written into the demo's history.
 */
export function decisionTrace(input: {
  meetingId: string;
  quorum: QuorumState;
  attendance: readonly DeclaredAttendance[];
  ballot: Ballot | null;
  pledges: readonly TracedPledge[];
  paperVersionId: string | null;
}) {
  const { ballot } = input;
  return {
    meetingId: input.meetingId,
    quorum: input.quorum,
    attendance: input.attendance.map((a) => ({ personId: a.personId, mode: a.mode, proxyHolderId: a.proxyHolderId })),
    ballot: ballot
      ? {
          id: ballot.id,
          kind: ballot.kind,
          rule: ballot.majorityRule,
          for: ballot.forCount,
          against: ballot.againstCount,
          abstain: ballot.abstainCount,
          result: ballot.result,
          eligible: ballot.electorate.length,
          recused: ballot.recused,
        }
      : null,
    pledges: input.pledges.map((p) => ({
      organisation: p.organisation,
      domain: p.domain,
      profile: p.profile,
      days: p.days,
      expertName: p.expertName,
    })),
    paperVersionId: input.paperVersionId,
  };
}
