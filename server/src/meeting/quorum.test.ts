import { describe, expect, it } from 'vitest';
import { QuorumBasis } from '../basin/basin.entity.js';
import { AttendanceMode } from './attendance.entity.js';
import { computeQuorum } from './quorum.js';

const committee = [
  { personId: 'a1', organisationId: 'A' },
  { personId: 'a2', organisationId: 'A' },
  { personId: 'b1', organisationId: 'B' },
  { personId: 'c1', organisationId: 'C' },
  { personId: 'd1', organisationId: 'D' },
];
const at = (personId: string, mode: AttendanceMode, proxyHolderId: string | null = null) => ({
  personId,
  mode,
  proxyHolderId,
});

describe('quorum', () => {
  it('should count one voice per organisation by default', () => {
    const q = computeQuorum(QuorumBasis.ORGANISATION, 50, committee, [
      at('a1', AttendanceMode.PRESENT),
      at('a2', AttendanceMode.REMOTE),
    ]);
    expect(q).toEqual({ basis: 'ORGANISATION', present: 1, total: 4, required: 2, reached: false });
    const more = computeQuorum(QuorumBasis.ORGANISATION, 50, committee, [
      at('a1', AttendanceMode.PRESENT),
      at('b1', AttendanceMode.REMOTE),
    ]);
    expect(more.reached).toBe(true);
  });

  it('should count members when the basin says so', () => {
    const q = computeQuorum(QuorumBasis.MEMBER, 50, committee, [
      at('a1', AttendanceMode.PRESENT),
      at('a2', AttendanceMode.REMOTE),
    ]);
    expect(q).toMatchObject({ present: 2, total: 5, required: 3, reached: false });
  });

  it('should count a proxy only when its holder is there, and never the excused', () => {
    const holderHere = computeQuorum(QuorumBasis.ORGANISATION, 50, committee, [
      at('a1', AttendanceMode.PRESENT),
      at('c1', AttendanceMode.REPRESENTED, 'a1'),
      at('d1', AttendanceMode.EXCUSED),
    ]);
    expect(holderHere).toMatchObject({ present: 2, reached: true });
    const holderAway = computeQuorum(QuorumBasis.ORGANISATION, 50, committee, [
      at('c1', AttendanceMode.REPRESENTED, 'b1'),
    ]);
    expect(holderAway).toMatchObject({ present: 0, reached: false });
  });
});
