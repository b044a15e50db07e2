import { type EntityManager, OptimisticLockError, ref } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { liveTransaction } from '../live/live-changes.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Person } from '../person/person.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind } from '../meeting/agenda-item.entity.js';
import type { Ballot } from '../ballot/ballot.entity.js';
import { Minutes, MinutesStatus } from './minutes.entity.js';
import { chainHead } from '../audit/audit.service.js';
import { frenchDate } from './french.js';

/** Longest text the operator may write in one section. */
export const MAX_SECTION_LENGTH = 20_000;

export interface MinutesEdit {
  introduction?: string | null;
  otherBusiness?: string | null;
  conclusion?: string | null;
  /** Replaces the notes of the items named; an empty text removes an item's notes. */
  itemNotes?: { agendaItemId: string; notes: string }[] | null;
  /** The version the operator edited; a different current version means someone else saved meanwhile. */
  expectedVersion?: number | null;
}

function checkLength(value: string | null | undefined, field: string): void {
  if (value && value.length > MAX_SECTION_LENGTH) {
    throw badInput(`This section is longer than ${MAX_SECTION_LENGTH} characters`, { [field]: 'tooLong' });
  }
}

/** The operator edits a draft; approved minutes never change (INVALID_STATE). */
export async function updateMinutes(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  edit: MinutesEdit,
): Promise<Minutes> {
  checkLength(edit.introduction, 'introduction');
  checkLength(edit.otherBusiness, 'otherBusiness');
  checkLength(edit.conclusion, 'conclusion');
  for (const note of edit.itemNotes ?? []) checkLength(note.notes, 'itemNotes');
  let minutes: Minutes;
  try {
    minutes = await liveTransaction(app, em, async (tem, live) => {
      const minutes = await tem.findOne(Minutes, { meeting: meetingId });
      if (!minutes) throw notFound('Minutes');
      if (minutes.status === MinutesStatus.APPROVED) {
        throw new AppError(ErrorCode.INVALID_STATE, 'Approved minutes cannot change');
      }
      if (edit.expectedVersion != null && edit.expectedVersion !== minutes.version) {
        throw new AppError(ErrorCode.CONFLICT, 'Someone else saved these minutes meanwhile: reload them', {
          version: minutes.version,
        });
      }
      if (edit.itemNotes?.length) {
        const items = await tem.find(AgendaItem, { meeting: meetingId });
        const notes = { ...minutes.itemNotes };
        for (const note of edit.itemNotes) {
          if (!items.some((i) => i.id === note.agendaItemId)) {
            throw badInput('This item is not on the session’s agenda', { itemNotes: 'unknownItem' });
          }
          if (note.notes.trim()) notes[note.agendaItemId] = note.notes.trim();
          else delete notes[note.agendaItemId];
        }
        minutes.itemNotes = notes;
      }
      if (edit.introduction != null) minutes.introduction = edit.introduction.trim();
      if (edit.otherBusiness != null) minutes.otherBusiness = edit.otherBusiness.trim();
      if (edit.conclusion != null) minutes.conclusion = edit.conclusion.trim();
      minutes.updatedBy = ref(tem.getReference(Person, viewer.person.id));
      await live.note({ meetingId, kind: 'MEETING', subjectId: minutes.id });
      return minutes;
    });
  } catch (error) {
    // The version column makes the update conditional: of two concurrent saves, exactly one wins.
    if (error instanceof OptimisticLockError) {
      throw new AppError(ErrorCode.CONFLICT, 'Someone else saved these minutes meanwhile: reload them');
    }
    throw error;
  }
  return minutes;
}

/**
 * Checks the session a MINUTES_APPROVAL item will approve: a closed session of the same basin (another basin's is
 * NOT_FOUND), other than this one, whose minutes are still a draft. Returns null when none is named.
 */
export async function minutesApprovalTarget(
  em: EntityManager,
  meeting: Meeting,
  kind: AgendaItemKind,
  minutesOfMeetingId: string | null | undefined,
): Promise<Meeting | null> {
  if (!minutesOfMeetingId) return null;
  if (kind !== AgendaItemKind.MINUTES_APPROVAL) {
    throw badInput('Only a minutes approval names the session it approves', { minutesOfMeetingId: 'unexpected' });
  }
  const target = await em.findOne(Meeting, { id: minutesOfMeetingId, basin: meeting.basin.id });
  if (!target) throw notFound('Meeting');
  if (target.id === meeting.id) {
    throw badInput('A session cannot approve its own minutes', { minutesOfMeetingId: 'sameMeeting' });
  }
  if (target.status !== MeetingStatus.CLOSED) {
    throw new AppError(ErrorCode.INVALID_STATE, 'That session has not closed: it has no minutes yet');
  }
  if (!(await em.count(Minutes, { meeting: target.id }))) {
    throw new AppError(ErrorCode.INVALID_STATE, 'That session has no minutes');
  }
  if (!(await em.count(Minutes, { meeting: target.id, status: MinutesStatus.DRAFT }))) {
    throw new AppError(ErrorCode.INVALID_STATE, 'Those minutes are approved already');
  }
  return target;
}

/** The default title of an approval item. */
export const approvalTitle = (target: Meeting, timeZone = 'Europe/Paris'): string =>
  `Approbation du procès-verbal de la séance du ${frenchDate(target.scheduledAt, timeZone)}`;

/**
 * Writes the basin's audit chain head on minutes being approved: the approved PDF prints it, so that a later reader
 * can check that the trail up to that entry is the one the committee had when it approved them.
 */
export async function stampAuditHead(em: EntityManager, minutes: Minutes): Promise<void> {
  const meeting = await em.findOneOrFail(Meeting, minutes.meeting.id);
  const head = await chainHead(em, meeting.basin.id);
  minutes.auditHeadSeq = head.seq;
  minutes.auditHeadHash = head.hash;
}

/**
 * Called in `closeBallot`'s transaction when a ballot is adopted: on a MINUTES_APPROVAL item, the minutes it names
 * become APPROVED (once; approved minutes stay as they are).
 */
export async function approveMinutesByBallot(em: EntityManager, ballot: Ballot, at: Date): Promise<Minutes | null> {
  const item = await em.findOneOrFail(AgendaItem, ballot.agendaItem.id);
  if (item.kind !== AgendaItemKind.MINUTES_APPROVAL || !item.minutesOf) return null;
  const minutes = await em.findOne(Minutes, { meeting: item.minutesOf.id });
  if (!minutes || minutes.status === MinutesStatus.APPROVED) return null;
  minutes.status = MinutesStatus.APPROVED;
  minutes.approvedAt = at;
  minutes.approvedByBallot = ref(ballot);
  minutes.approvedInMeeting = ref(em.getReference(Meeting, item.meeting.id));
  await stampAuditHead(em, minutes);
  return minutes;
}
