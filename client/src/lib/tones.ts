import type {
  AdvanceStatus,
  AgendaItemStatus,
  AttendanceMode,
  BallotResult,
  DecisionOutcome,
  MeetingStatus,
  ProjectStatus,
} from '@/gql/graphql';
import { isFollowUpState, isInstalmentState, type FollowUpState, type InstalmentState } from './states';

export type Tone = 'success' | 'info' | 'warn' | 'danger' | 'secondary' | 'contrast';

/** Colours of status tags; the label always says the status too. */
export const projectStatusTone: Record<ProjectStatus, Tone> = {
  PRESCRIBED: 'secondary',
  DIAGNOSIS: 'info',
  SCHEDULED: 'info',
  APPROVED: 'success',
  FOLLOW_UP: 'success',
  DEFERRED: 'warn',
  REJECTED: 'danger',
  CLOSED: 'contrast',
};

export const meetingStatusTone: Record<MeetingStatus, Tone> = {
  PLANNED: 'secondary',
  CONVENED: 'info',
  OPEN: 'success',
  CLOSED: 'contrast',
  CANCELLED: 'danger',
};

export const agendaItemStatusTone: Record<AgendaItemStatus, Tone> = {
  PENDING: 'secondary',
  CURRENT: 'info',
  DONE: 'success',
  DEFERRED: 'warn',
};

export const attendanceModeTone: Record<AttendanceMode, Tone> = {
  PRESENT: 'success',
  REMOTE: 'info',
  EXCUSED: 'secondary',
  REPRESENTED: 'warn',
};

export const ballotResultTone: Record<BallotResult, Tone> = {
  ADOPTED: 'success',
  REJECTED: 'danger',
};

export const decisionOutcomeTone: Record<DecisionOutcome, Tone> = {
  APPROVED: 'success',
  REJECTED: 'danger',
  DEFERRED: 'warn',
};

export const advanceStatusTone: Record<AdvanceStatus, Tone> = {
  GRANTED: 'info',
  DISBURSED: 'secondary',
  REPAID: 'success',
  DEFAULTED: 'danger',
};

const instalmentStateTones: Record<InstalmentState, Tone> = {
  PAID_ON_TIME: 'success',
  PAID_LATE: 'warn',
  UPCOMING: 'secondary',
  LATE: 'warn',
  UNPAID: 'danger',
};
export const instalmentStateTone = (state: string): Tone =>
  isInstalmentState(state) ? instalmentStateTones[state] : 'secondary';

const followUpStateTones: Record<FollowUpState, Tone> = {
  SUBMITTED: 'success',
  UPCOMING: 'secondary',
  DUE_SOON: 'warn',
  OVERDUE: 'danger',
};
export const followUpStateTone = (state: string): Tone =>
  isFollowUpState(state) ? followUpStateTones[state] : 'secondary';
