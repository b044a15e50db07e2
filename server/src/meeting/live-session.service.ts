import { type EntityManager, ref } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { hasRole } from '../auth/auth-checker.js';
import { Basin } from '../basin/basin.entity.js';
import { Membership, Role, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { OrganisationKind } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { DiagnosisPaper, DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import { Ballot, BallotStatus } from '../ballot/ballot.entity.js';
import { Meeting, MeetingStatus } from './meeting.entity.js';
import { AgendaItem, AgendaItemStatus, UNTREATED_AT_CLOSE } from './agenda-item.entity.js';
import { Attendance, AttendanceMode } from './attendance.entity.js';
import { HandRaise } from './hand-raise.entity.js';
import { PrivateNote } from './private-note.entity.js';
import { computeQuorum, type CommitteeSeat, type QuorumState } from './quorum.js';
import { draftMinutes } from '../minutes/minutes-draft.js';
import { dayIn } from '../minutes/french.js';
import { type LiveChange, liveTransaction } from '../live/live-changes.js';

/** Who presides the meeting: once open, whoever opened it as chair or vice-chair; before, the meeting's chair. */
export const presidingId = (meeting: Meeting): string | null => meeting.presidedBy?.id ?? meeting.chair?.id ?? null;

/**
 * Running the session (the agenda, its timers, attendance, hands): the person presiding, or the operator assisting
 * them. Anyone else gets NOT_CHAIR.
 */
export function requireChair(viewer: Viewer, meeting: Meeting): void {
  if (presidingId(meeting) === viewer.person.id) return;
  if (hasRole(viewer, meeting.basin.id, Role.OPERATOR)) return;
  throw new AppError(ErrorCode.NOT_CHAIR, 'Only the chair of this meeting can do this');
}

/**
 * The acts of the presidency (closing the session, opening and closing a ballot, recording a decision): the person
 * presiding only. The operator assists but never presides (OPERATOR_CANNOT_PRESIDE); anyone else gets NOT_CHAIR.
 */
export function requirePresiding(viewer: Viewer, meeting: Meeting): void {
  if (presidingId(meeting) === viewer.person.id) return;
  if (hasRole(viewer, meeting.basin.id, Role.OPERATOR)) {
    throw new AppError(ErrorCode.OPERATOR_CANNOT_PRESIDE, 'The operator assists the session but never presides');
  }
  throw new AppError(ErrorCode.NOT_CHAIR, 'Only the person presiding this meeting can do this');
}

export function requireOpen(meeting: Meeting): void {
  if (meeting.status !== MeetingStatus.OPEN) {
    throw new AppError(ErrorCode.MEETING_NOT_OPEN, 'The session is not open');
  }
}

/** The committee: people who sit for an organisation (members and the chair), one seat each. */
export async function committeeSeats(em: EntityManager, basinId: string): Promise<CommitteeSeat[]> {
  const memberships = await em.find(Membership, {
    basin: basinId,
    role: { $in: [...COMMITTEE_ROLES] },
    organisation: { $ne: null },
  });
  const seats = new Map<string, CommitteeSeat>();
  for (const m of memberships) {
    if (m.organisation && !seats.has(m.person.id)) {
      seats.set(m.person.id, { personId: m.person.id, organisationId: m.organisation.id });
    }
  }
  return [...seats.values()];
}

export async function meetingQuorum(em: EntityManager, meeting: Meeting): Promise<QuorumState> {
  const basin = await em.findOneOrFail(Basin, meeting.basin.id);
  const attendance = await em.find(Attendance, { meeting });
  return computeQuorum(
    basin.quorumBasis,
    basin.quorumPercent,
    await committeeSeats(em, basin.id),
    attendance.map((a) => ({ personId: a.person.id, mode: a.mode, proxyHolderId: a.proxyHolder?.id ?? null })),
  );
}

/**
 * Runs `change` in a transaction on a fresh copy of the meeting; every screen sees it once it has committed.
 * `affects` says whose personal view it may change (see {@link LiveChange}).
 */
async function liveChange<T>(
  app: App,
  em: EntityManager,
  meetingId: string,
  kind: 'MEETING' | 'AGENDA' | 'PRESENCE',
  change: (tem: EntityManager, meeting: Meeting) => Promise<T>,
  affects: LiveChange['affects'] = [],
): Promise<T> {
  return liveTransaction(app, em, async (tem, live) => {
    const meeting = await tem.findOne(Meeting, meetingId);
    if (!meeting) throw notFound('Meeting');
    const result = await change(tem, meeting);
    await live.note({ meetingId, kind, affects });
    return result;
  });
}

/** A serving representative of a partner company in this role (chair or vice-chair) of the basin. */
async function servesAs(tem: EntityManager, basinId: string, personId: string, role: Role): Promise<boolean> {
  const seats = await tem.count(Membership, {
    basin: basinId,
    person: personId,
    role,
    organisation: { kind: OrganisationKind.PARTNER_COMPANY },
  });
  return seats > 0;
}

/**
 * Who opens the session presides it: the meeting's chair, or the basin's vice-chair when the chair is recorded
 * absent (excused or represented). The operator never presides. Refusals: OPERATOR_CANNOT_PRESIDE, CHAIR_PRESENT,
 * NO_CHAIR (the chair no longer serves a partner company), NOT_CHAIR.
 */
async function presiderOpening(tem: EntityManager, viewer: Viewer, meeting: Meeting): Promise<string> {
  const me = viewer.person.id;
  if (!meeting.chair) throw new AppError(ErrorCode.NO_CHAIR, 'A meeting cannot open without a chair');
  if (meeting.chair.id === me) {
    // the operator may have named the vice-chair to chair a session (the chair away long in advance)
    const serving =
      (await servesAs(tem, meeting.basin.id, me, Role.CHAIR)) ||
      (await servesAs(tem, meeting.basin.id, me, Role.VICE_CHAIR));
    if (!serving) throw new AppError(ErrorCode.NO_CHAIR, 'The chair no longer represents a partner company');
    return me;
  }
  if (await servesAs(tem, meeting.basin.id, me, Role.VICE_CHAIR)) {
    const chairAttendance = await tem.findOne(Attendance, { meeting, person: meeting.chair.id });
    const chairAway =
      chairAttendance?.mode === AttendanceMode.EXCUSED || chairAttendance?.mode === AttendanceMode.REPRESENTED;
    if (!chairAway) {
      throw new AppError(ErrorCode.CHAIR_PRESENT, 'The vice-chair presides only when the chair is recorded absent');
    }
    return me;
  }
  if (hasRole(viewer, meeting.basin.id, Role.OPERATOR)) {
    throw new AppError(ErrorCode.OPERATOR_CANNOT_PRESIDE, 'The operator assists the session but never presides');
  }
  throw new AppError(ErrorCode.NOT_CHAIR, 'Only the chair (or the vice-chair in their absence) opens the session');
}

/** Longest reason for opening a session on another day than scheduled. */
export const OPENING_REASON_MAX = 1000;

/**
 * convened (or planned) → open, by the person who will preside. On its scheduled day (in the basin's time zone);
 * another day needs a reason, which the minutes give. Freezes the paper version each project item will show.
 */
export function openMeeting(app: App, em: EntityManager, viewer: Viewer, meetingId: string, reason?: string | null) {
  return liveChange(app, em, meetingId, 'MEETING', async (tem, meeting) => {
    if (meeting.status === MeetingStatus.OPEN) {
      requireChair(viewer, meeting);
      return meeting;
    }
    if (meeting.status === MeetingStatus.CLOSED) {
      requireChair(viewer, meeting);
      throw new AppError(ErrorCode.MEETING_NOT_OPEN, 'This session is closed');
    }
    if (meeting.status === MeetingStatus.CANCELLED)
      throw new AppError(ErrorCode.MEETING_CANCELLED, 'This session is cancelled');
    const presider = await presiderOpening(tem, viewer, meeting);
    const basin = await tem.findOneOrFail(Basin, meeting.basin.id);
    const now = new Date();
    const onTheDay = dayIn(now, basin.timezone) === dayIn(meeting.scheduledAt, basin.timezone);
    const why = reason?.trim() ?? '';
    if (why.length > OPENING_REASON_MAX) {
      throw badInput(`Say why in ${OPENING_REASON_MAX} characters at most`, { reason: 'tooLong' });
    }
    if (!onTheDay && !why) {
      throw new AppError(
        ErrorCode.NOT_SCHEDULED_DAY,
        'This session is scheduled on another day: give the reason for opening it today',
        { scheduledAt: meeting.scheduledAt.toISOString() },
      );
    }
    const items = await tem.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
    for (const item of items) {
      if (!item.project || item.paperVersion) continue;
      const paper = await tem.findOne(DiagnosisPaper, { project: item.project.id });
      const version = paper && (await tem.findOne(DiagnosisPaperVersion, { paper, number: paper.latestVersion }));
      if (version) item.paperVersion = ref(version);
    }
    meeting.status = MeetingStatus.OPEN;
    meeting.openedAt = now;
    meeting.presidedBy = tem.getReference(Person, presider, { wrapped: true });
    meeting.openingReason = onTheDay ? null : why;
    return meeting;
  });
}

/**
 * open → closed, by the person presiding. Refused while a ballot is open. Items the session never reached stop
 * the close with UNTREATED_ITEMS unless `deferUntreated` confirms it: they are then deferred to a later session,
 * and the minutes say so. Timers stop; a closed session never changes again.
 */
export function closeMeeting(app: App, em: EntityManager, viewer: Viewer, meetingId: string, deferUntreated = false) {
  return liveChange(app, em, meetingId, 'MEETING', async (tem, meeting) => {
    requirePresiding(viewer, meeting);
    requireOpen(meeting);
    if (await tem.count(Ballot, { agendaItem: { meeting }, status: BallotStatus.OPEN })) {
      throw new AppError(ErrorCode.BALLOT_OPEN, 'Close the open ballot before closing the session');
    }
    const items = await tem.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
    // The item the session is on when it closes was examined; those it never reached were not.
    const untreated = items.filter((i) => i.status === AgendaItemStatus.PENDING);
    if (untreated.length > 0 && !deferUntreated) {
      throw new AppError(
        ErrorCode.UNTREATED_ITEMS,
        `${untreated.length} items were not treated: confirm to defer them`,
        {
          items: untreated.map((i) => ({ id: i.id, title: i.title })),
        },
      );
    }
    for (const item of items) {
      stopTimer(item);
      if (item.status === AgendaItemStatus.CURRENT) item.status = AgendaItemStatus.DONE;
    }
    for (const item of untreated) {
      item.status = AgendaItemStatus.DEFERRED;
      item.deferralReason = UNTREATED_AT_CLOSE;
    }
    meeting.currentItem = null;
    meeting.status = MeetingStatus.CLOSED;
    meeting.closedAt = new Date();
    await draftMinutes(tem, meeting.id); // the minutes are drafted with the close, or neither happens
    return meeting;
  });
}

function stopTimer(item: AgendaItem): void {
  if (!item.timerStartedAt) return;
  item.elapsedSeconds += Math.max(0, Math.floor((Date.now() - item.timerStartedAt.getTime()) / 1000));
  item.timerStartedAt = null;
}

async function itemOf(tem: EntityManager, meeting: Meeting, itemId: string): Promise<AgendaItem> {
  const item = await tem.findOne(AgendaItem, { id: itemId, meeting });
  if (!item) throw notFound('Agenda item');
  return item;
}

/** Makes an item current (every screen follows) and starts its timer; the previous current item stays as it was left. */
export function setCurrentItem(app: App, em: EntityManager, viewer: Viewer, meetingId: string, itemId: string) {
  return liveChange(
    app,
    em,
    meetingId,
    'AGENDA',
    async (tem, meeting) => {
      requireChair(viewer, meeting);
      requireOpen(meeting);
      const item = await itemOf(tem, meeting, itemId);
      if (item.status === AgendaItemStatus.DEFERRED)
        throw new AppError(ErrorCode.INVALID_STATE, 'This item is deferred');
      for (const other of await tem.find(AgendaItem, { meeting, status: AgendaItemStatus.CURRENT })) {
        stopTimer(other);
        if (other.id !== item.id) other.status = AgendaItemStatus.PENDING;
      }
      item.status = AgendaItemStatus.CURRENT;
      item.timerStartedAt = new Date();
      meeting.currentItem = ref(item);
      return item;
    },
    'SEATS',
  );
}

export type ItemAction = 'START_TIMER' | 'PAUSE_TIMER' | 'COMPLETE' | 'DEFER';

/** The chair's controls on one item: its timer, marking it done, or deferring it (with a reason) to a later session. */
export function actOnItem(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  itemId: string,
  action: ItemAction,
  reason?: string | null,
) {
  return liveChange(app, em, meetingId, 'AGENDA', async (tem, meeting) => {
    requireChair(viewer, meeting);
    requireOpen(meeting);
    const item = await itemOf(tem, meeting, itemId);
    if (action === 'START_TIMER') {
      if (!item.timerStartedAt) item.timerStartedAt = new Date();
    } else if (action === 'PAUSE_TIMER') {
      stopTimer(item);
    } else if (action === 'COMPLETE') {
      stopTimer(item);
      item.status = AgendaItemStatus.DONE;
    } else {
      if (!reason?.trim()) throw badInput('Say why the item is deferred', { reason: 'required' });
      if (await tem.count(Ballot, { agendaItem: item, status: BallotStatus.OPEN })) {
        throw new AppError(ErrorCode.BALLOT_OPEN, 'Close the open ballot first');
      }
      stopTimer(item);
      item.status = AgendaItemStatus.DEFERRED;
      item.deferralReason = reason.trim();
    }
    if (item.status !== AgendaItemStatus.CURRENT && meeting.currentItem?.id === item.id) meeting.currentItem = null;
    return item;
  });
}

/** The chair reorders the agenda live. */
export function reorderLive(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  itemId: string,
  position: number,
) {
  return liveChange(app, em, meetingId, 'AGENDA', async (tem, meeting) => {
    requireChair(viewer, meeting);
    requireOpen(meeting);
    const item = await itemOf(tem, meeting, itemId);
    const others = await tem.find(AgendaItem, { meeting, id: { $ne: item.id } }, { orderBy: { position: 'asc' } });
    others.splice(Math.max(0, Math.min(position, others.length)), 0, item);
    others.forEach((other, index) => (other.position = index));
    return meeting;
  });
}

export interface AttendanceInput {
  personId?: string | null;
  mode: AttendanceMode;
  proxyHolderId?: string | null;
}

/**
 * Declares attendance: a member for themself, the chair or operator for anyone of the committee. A proxy goes to a
 * member of another organisation who is there, within the basin's number of proxies per member.
 */
export function declareAttendance(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  input: AttendanceInput,
) {
  return liveChange(
    app,
    em,
    meetingId,
    'PRESENCE',
    async (tem, meeting) => {
      if (meeting.status === MeetingStatus.CLOSED)
        throw new AppError(ErrorCode.MEETING_NOT_OPEN, 'This session is closed');
      const personId = input.personId ?? viewer.person.id;
      if (personId !== viewer.person.id) requireChair(viewer, meeting);
      const seats = await committeeSeats(tem, meeting.basin.id);
      const seat = seats.find((s) => s.personId === personId);
      if (!seat) throw new AppError(ErrorCode.NOT_ELIGIBLE, 'Only committee members declare attendance');
      let proxyHolder: Person | null = null;
      if (input.mode === AttendanceMode.REPRESENTED) {
        const holderSeat = seats.find((s) => s.personId === input.proxyHolderId);
        if (!holderSeat || holderSeat.organisationId === seat.organisationId) {
          throw new AppError(ErrorCode.PROXY_NOT_ALLOWED, 'A proxy goes to a member of another organisation');
        }
        const holderAttendance = await tem.findOne(Attendance, { meeting, person: holderSeat.personId });
        if (!holderAttendance || ![AttendanceMode.PRESENT, AttendanceMode.REMOTE].includes(holderAttendance.mode)) {
          throw new AppError(ErrorCode.PROXY_NOT_ALLOWED, 'The proxy holder must be at the session');
        }
        const basin = await tem.findOneOrFail(Basin, meeting.basin.id);
        const carried = await tem.count(Attendance, {
          meeting,
          proxyHolder: holderSeat.personId,
          person: { $ne: personId },
        });
        if (carried >= basin.maxProxiesPerMember) {
          throw new AppError(
            ErrorCode.PROXY_NOT_ALLOWED,
            `A member carries at most ${basin.maxProxiesPerMember} proxy`,
          );
        }
        proxyHolder = await tem.findOneOrFail(Person, holderSeat.personId);
      } else if (input.proxyHolderId) {
        throw badInput('Only a represented member has a proxy holder', { proxyHolderId: 'unexpected' });
      }
      let attendance = await tem.findOne(Attendance, { meeting, person: personId });
      if (!attendance) attendance = tem.create(Attendance, { meeting, person: personId, mode: input.mode });
      if (![AttendanceMode.PRESENT, AttendanceMode.REMOTE].includes(input.mode)) {
        // someone who leaves cannot keep carrying proxies
        const carriedFor = await tem.find(Attendance, { meeting, proxyHolder: personId });
        if (carriedFor.length)
          throw new AppError(ErrorCode.PROXY_NOT_ALLOWED, 'This member carries a proxy: reassign it first');
      }
      attendance.mode = input.mode;
      attendance.proxyHolder = proxyHolder ? ref(proxyHolder) : null;
      attendance.declaredAt = new Date();
      return attendance;
    },
    'SEATS',
  );
}

/** Raises the viewer's hand (once: a hand already up stays where it is in the queue). */
export function raiseHand(app: App, em: EntityManager, viewer: Viewer, meetingId: string) {
  return liveChange(app, em, meetingId, 'PRESENCE', async (tem, meeting) => {
    requireOpen(meeting);
    const up = await tem.findOne(HandRaise, { meeting, person: viewer.person.id, loweredAt: null });
    return up ?? tem.create(HandRaise, { meeting, person: viewer.person.id });
  });
}

/** Lowers a hand: one's own, or anyone's by the chair (giving the floor). */
export function lowerHand(app: App, em: EntityManager, viewer: Viewer, meetingId: string, personId?: string | null) {
  return liveChange(app, em, meetingId, 'PRESENCE', async (tem, meeting) => {
    const target = personId ?? viewer.person.id;
    if (target !== viewer.person.id) requireChair(viewer, meeting);
    const hands = await tem.find(HandRaise, { meeting, person: target, loweredAt: null });
    for (const hand of hands) hand.loweredAt = new Date();
    return hands.length > 0;
  });
}

/** Saves the viewer's private note on an item (one per item, replaced). Nobody else reads it; nothing is published. */
export async function saveNote(
  em: EntityManager,
  viewer: Viewer,
  item: AgendaItem,
  body: string,
): Promise<PrivateNote> {
  if (body.length > 20000) throw badInput('The note is too long', { body: 'tooLong' });
  return em.transactional(async (tem) => {
    const note = await tem.findOne(PrivateNote, { agendaItem: item.id, author: viewer.person.id });
    if (note) {
      note.body = body;
      return note;
    }
    return tem.create(PrivateNote, { agendaItem: item.id, author: viewer.person.id, body });
  });
}
