import { type EntityManager, ref } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { liveTransaction } from '../live/live-changes.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { OrganisationKind } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Meeting, MeetingStatus } from './meeting.entity.js';
import { AgendaItem, AgendaItemKind } from './agenda-item.entity.js';
import { approvalTitle, minutesApprovalTarget } from '../minutes/minutes.service.js';
import { sendConvocations, sendMeetingChange } from '../notification/convocation.js';
import { placeOpenQuestions } from '../steering/steering.service.js';
import type {
  AgendaItemInput,
  CreateMeetingInput,
  UpdateAgendaItemInput,
  UpdateMeetingInput,
} from './meeting.inputs.js';

/** Who may chair a session: the basin's chair or vice-chair, representing a partner company. */
const CHAIR_ROLES = [Role.CHAIR, Role.VICE_CHAIR];

/** The people who may chair a session of the basin, by name. */
export async function chairCandidates(em: EntityManager, basinId: string): Promise<Person[]> {
  const memberships = await em.find(
    Membership,
    { basin: basinId, role: { $in: CHAIR_ROLES }, organisation: { kind: OrganisationKind.PARTNER_COMPANY } },
    { populate: ['person'] },
  );
  const people = new Map(memberships.map((m) => [m.person.id, m.person.getEntity()]));
  return [...people.values()].sort(
    (x, y) => x.lastName.localeCompare(y.lastName, 'fr') || x.firstName.localeCompare(y.firstName, 'fr'),
  );
}

/** A chair must hold the CHAIR (or VICE_CHAIR) role in the basin and represent a partner company. */
async function checkChair(em: EntityManager, basin: Basin, chairId: string): Promise<Person> {
  const membership = await em.findOne(
    Membership,
    {
      basin,
      person: chairId,
      role: { $in: CHAIR_ROLES },
      organisation: { kind: OrganisationKind.PARTNER_COMPANY },
    },
    { populate: ['person'] },
  );
  if (!membership) {
    throw badInput('The chair must be a chair of this basin representing a partner company', { chairId: 'notChair' });
  }
  return membership.person.getEntity();
}

/** The agenda can be prepared until the session opens; after that only the chair moves it, live. */
function requirePreparing(meeting: Meeting): void {
  if (meeting.status === MeetingStatus.CANCELLED) {
    throw new AppError(ErrorCode.MEETING_CANCELLED, 'This session is cancelled');
  }
  if (meeting.status === MeetingStatus.OPEN || meeting.status === MeetingStatus.CLOSED) {
    throw new AppError(ErrorCode.INVALID_STATE, 'This session has opened: its agenda is run by the chair');
  }
}

export async function createMeeting(em: EntityManager, input: CreateMeetingInput): Promise<Meeting> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOne(Basin, input.basinId);
    if (!basin) throw notFound('Basin');
    const chair = input.chairId ? await checkChair(tem, basin, input.chairId) : null;
    const meeting = tem.create(Meeting, {
      basin,
      title: input.title.trim(),
      scheduledAt: input.scheduledAt,
      location: input.location.trim(),
      chair,
    });
    // the steering committee's open questions go before the committee at its next session
    await placeOpenQuestions(tem, null, meeting);
    return meeting;
  });
}

/**
 * Changes a session being prepared. Once convened, a new date, time or place is a reschedule: the invitation's
 * SEQUENCE grows and every convened person is sent the updated invitation (same UID), after the commit.
 */
export async function updateMeeting(app: App, em: EntityManager, meeting: Meeting, input: UpdateMeetingInput) {
  let rescheduled = false;
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    const when = input.scheduledAt && input.scheduledAt.getTime() !== meeting.scheduledAt.getTime();
    const where = input.location !== undefined && input.location !== null && input.location.trim() !== meeting.location;
    if (input.title) meeting.title = input.title.trim();
    if (input.scheduledAt) meeting.scheduledAt = input.scheduledAt;
    if (input.location !== undefined && input.location !== null) meeting.location = input.location.trim();
    if (input.chairId)
      meeting.chair = ref(await checkChair(tem, await tem.findOneOrFail(Basin, meeting.basin.id), input.chairId));
    rescheduled = meeting.status === MeetingStatus.CONVENED && Boolean(when || where);
    if (rescheduled) meeting.calendarSequence += 1;
    tem.persist(meeting);
    await live.note({ meetingId: meeting.id, kind: 'MEETING', subjectId: meeting.id });
  });
  if (rescheduled) await sendMeetingChange(app, meeting.id, 'RESCHEDULED');
  return meeting;
}

/** Statuses of a project on an agenda that a cancelled session or a withdrawn examination gives back to scheduling. */
const WAITING_FOR_SESSION = [ProjectStatus.SCHEDULED];

/**
 * A scheduled project that no other examination of a coming session (planned or convened) has on its agenda goes
 * back to be scheduled (DIAGNOSIS). `leaving` are the examinations that are going away (a cancelled session's, or the
 * one item taken off an agenda).
 */
async function unscheduleUnlessExaminedElsewhere(tem: EntityManager, project: Project, leaving: string[]) {
  if (!WAITING_FOR_SESSION.includes(project.status)) return;
  const elsewhere = await tem.count(AgendaItem, {
    project,
    kind: AgendaItemKind.PROJECT_EXAMINATION,
    id: { $nin: leaving },
    meeting: { status: { $in: [MeetingStatus.PLANNED, MeetingStatus.CONVENED] } },
  });
  if (!elsewhere) project.status = ProjectStatus.DIAGNOSIS;
}

/**
 * Cancels a session that has not opened. Its projects examined there go back to be scheduled (DIAGNOSIS) unless
 * another coming session has them on its agenda; when it had been convened, every convened person is sent a
 * cancellation (METHOD:CANCEL, same UID, higher SEQUENCE).
 */
export async function cancelMeeting(app: App, em: EntityManager, meeting: Meeting, reason: string): Promise<Meeting> {
  const wasConvened = meeting.status === MeetingStatus.CONVENED;
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    meeting.status = MeetingStatus.CANCELLED;
    meeting.cancellationReason = reason.trim();
    meeting.cancelledAt = new Date();
    if (wasConvened) meeting.calendarSequence += 1;
    const items = await tem.find(
      AgendaItem,
      { meeting, kind: AgendaItemKind.PROJECT_EXAMINATION, project: { $ne: null } },
      { populate: ['project'] },
    );
    const leaving = items.map((item) => item.id);
    for (const item of items) {
      const project = item.project?.getEntity();
      if (project) await unscheduleUnlessExaminedElsewhere(tem, project, leaving);
    }
    tem.persist(meeting);
    await live.note({ meetingId: meeting.id, kind: 'MEETING', subjectId: meeting.id });
  });
  if (wasConvened) await sendMeetingChange(app, meeting.id, 'CANCELLED');
  return meeting;
}

/** Convening sends the agenda to the committee: the meeting needs a chair and at least one item. */
export async function conveneMeeting(app: App, em: EntityManager, meeting: Meeting): Promise<Meeting> {
  await liveTransaction(app, em, async (tem, live) => {
    if (meeting.status !== MeetingStatus.PLANNED) {
      throw new AppError(ErrorCode.INVALID_STATE, 'Only a planned meeting can be convened');
    }
    if (!meeting.chair) throw new AppError(ErrorCode.INVALID_STATE, 'Name a chair before convening the meeting');
    if (!(await tem.count(AgendaItem, { meeting }))) {
      throw new AppError(ErrorCode.INVALID_STATE, 'The agenda is empty');
    }
    meeting.status = MeetingStatus.CONVENED;
    meeting.convenedAt = new Date();
    tem.persist(meeting);
    await live.note({ meetingId: meeting.id, kind: 'MEETING', subjectId: meeting.id });
  });
  await sendConvocations(app, meeting.id); // after the commit; a mail failure is logged, the meeting stays convened
  return meeting;
}

export async function addAgendaItem(app: App, em: EntityManager, meeting: Meeting, input: AgendaItemInput) {
  return liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    let project: Project | null = null;
    const needsProject = [AgendaItemKind.PROJECT_EXAMINATION, AgendaItemKind.FOLLOW_UP_REVIEW].includes(input.kind);
    if (needsProject) {
      if (!input.projectId) throw badInput('This kind of item needs a project', { projectId: 'required' });
      project = await tem.findOne(Project, { id: input.projectId, basin: meeting.basin.id });
      if (!project) throw notFound('Project');
      if (input.kind === AgendaItemKind.PROJECT_EXAMINATION) {
        if (
          ![
            ProjectStatus.PRESCRIBED,
            ProjectStatus.DIAGNOSIS,
            ProjectStatus.SCHEDULED,
            ProjectStatus.DEFERRED,
          ].includes(project.status)
        ) {
          throw new AppError(ErrorCode.INVALID_STATE, 'The committee has already decided on this project');
        }
        project.status = ProjectStatus.SCHEDULED;
      }
    } else if (input.projectId) {
      throw badInput('Only project items take a project', { projectId: 'unexpected' });
    }
    const minutesOf = await minutesApprovalTarget(tem, meeting, input.kind, input.minutesOfMeetingId);
    const title = input.title?.trim() || project?.title || (minutesOf ? approvalTitle(minutesOf) : null);
    if (!title) throw badInput('The item needs a title', { title: 'required' });
    const items = await tem.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
    const position = Math.min(input.position ?? items.length, items.length);
    items.forEach((other, index) => (other.position = index < position ? index : index + 1));
    const item = tem.create(AgendaItem, {
      meeting,
      position,
      kind: input.kind,
      title,
      project,
      allottedMinutes: input.allottedMinutes,
      minutesOf,
    });
    await live.note({ meetingId: meeting.id, kind: 'AGENDA', subjectId: item.id });
    return item;
  });
}

/** Renames an item or changes its allotted time, while the session is being prepared (planned or convened). */
export async function updateAgendaItem(app: App, em: EntityManager, item: AgendaItem, input: UpdateAgendaItemInput) {
  const meeting = await item.meeting.loadOrFail();
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    if (input.title != null) {
      const title = input.title.trim();
      if (!title) throw badInput('The item needs a title', { title: 'required' });
      item.title = title;
    }
    if (input.allottedMinutes) item.allottedMinutes = input.allottedMinutes;
    tem.persist(item);
    await live.note({ meetingId: meeting.id, kind: 'AGENDA', subjectId: item.id });
  });
  return item;
}

/**
 * Takes an item off the agenda of a session being prepared; the others close up. A project examination taken off
 * gives its project back to be scheduled unless another coming session examines it.
 */
export async function removeAgendaItem(app: App, em: EntityManager, item: AgendaItem): Promise<Meeting> {
  const meeting = await item.meeting.loadOrFail();
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    const items = await tem.find(AgendaItem, { meeting, id: { $ne: item.id } }, { orderBy: { position: 'asc' } });
    items.forEach((other, index) => (other.position = index));
    // Putting an examination on the agenda scheduled its project; taking it off gives the project back, as a
    // cancellation does.
    const project =
      item.kind === AgendaItemKind.PROJECT_EXAMINATION && item.project
        ? await tem.findOne(Project, item.project.id)
        : null;
    if (project) await unscheduleUnlessExaminedElsewhere(tem, project, [item.id]);
    tem.remove(item);
    await live.note({ meetingId: meeting.id, kind: 'AGENDA' });
  });
  return meeting;
}

/** Moves an item to `position` (0-based), shifting the others. */
export async function moveAgendaItem(
  app: App,
  em: EntityManager,
  item: AgendaItem,
  position: number,
): Promise<Meeting> {
  const meeting = await item.meeting.loadOrFail();
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    const items = await tem.find(AgendaItem, { meeting, id: { $ne: item.id } }, { orderBy: { position: 'asc' } });
    items.splice(Math.max(0, Math.min(position, items.length)), 0, item);
    items.forEach((other, index) => (other.position = index));
    await live.note({ meetingId: meeting.id, kind: 'AGENDA', subjectId: item.id });
  });
  return meeting;
}
