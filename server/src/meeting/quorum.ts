import { QuorumBasis } from '../basin/basin.entity.js';
import { AttendanceMode } from './attendance.entity.js';

export interface CommitteeSeat {
  personId: string;
  organisationId: string;
}

export interface DeclaredAttendance {
  personId: string;
  mode: AttendanceMode;
  proxyHolderId: string | null;
}

export interface QuorumState {
  basis: QuorumBasis;
  /** Organisations (or members) present, in person, remotely or by proxy. */
  present: number;
  total: number;
  required: number;
  reached: boolean;
}

/** Members who count as there: present in the room or remotely. */
export const attending = (a: DeclaredAttendance): boolean =>
  a.mode === AttendanceMode.PRESENT || a.mode === AttendanceMode.REMOTE;

/**
 * The basin's quorum rule: at least `percent` % of the committee's organisations (one organisation, one voice) or of
 * its members must be there. A member represented by a proxy whose holder is there counts as there.
 */
export function computeQuorum(
  basis: QuorumBasis,
  percent: number,
  committee: CommitteeSeat[],
  attendance: DeclaredAttendance[],
): QuorumState {
  const here = new Set(attendance.filter(attending).map((a) => a.personId));
  const represented = attendance
    .filter((a) => a.mode === AttendanceMode.REPRESENTED && a.proxyHolderId && here.has(a.proxyHolderId))
    .map((a) => a.personId);
  const counted = new Set([...here, ...represented]);
  const seats = committee.filter((seat, index) => committee.findIndex((s) => s.personId === seat.personId) === index);
  const units = (list: CommitteeSeat[]) =>
    basis === QuorumBasis.ORGANISATION ? new Set(list.map((s) => s.organisationId)).size : list.length;
  const total = units(seats);
  const present = units(seats.filter((s) => counted.has(s.personId)));
  const required = Math.max(1, Math.ceil((total * percent) / 100));
  return { basis, present, total, required, reached: total > 0 && present >= required };
}
