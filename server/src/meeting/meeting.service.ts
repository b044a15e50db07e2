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
import { sendConvocations } from '../notification/convocation.js';
import type {
  AgendaItemInput,
  CreateMeetingInput,
  UpdateAgendaItemInput,
  UpdateMeetingInput,
} from './meeting.inputs.js';

/** A chair must hold the CHAIR role in the basin and represent a partner company. */
async function checkChair(em: EntityManager, basin: Basin, chairId: string): Promise<Person> {
  const membership = await em.findOne(
    Membership,
    { basin, person: chairId, role: Role.CHAIR, organisation: { kind: OrganisationKind.PARTNER_COMPANY } },
    { populate: ['person'] },
  );
  if (!membership) {
    throw badInput('The chair must be a chair of this basin representing a partner company', { chairId: 'notChair' });
  }
  return membership.person.getEntity();
}

/** The agenda can be prepared until the session opens; after that only the chair moves it, live. */
function requirePreparing(meeting: Meeting): void {
  if (meeting.status === MeetingStatus.OPEN || meeting.status === MeetingStatus.CLOSED) {
    throw new AppError(ErrorCode.INVALID_STATE, 'This session has opened: its agenda is run by the chair');
  }
}

export async function createMeeting(em: EntityManager, input: CreateMeetingInput): Promise<Meeting> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOne(Basin, input.basinId);
    if (!basin) throw notFound('Basin');
    const chair = input.chairId ? await checkChair(tem, basin, input.chairId) : null;
    return tem.create(Meeting, {
      basin,
      title: input.title.trim(),
      scheduledAt: input.scheduledAt,
      location: input.location.trim(),
      chair,
    });
  });
}

export async function updateMeeting(app: App, em: EntityManager, meeting: Meeting, input: UpdateMeetingInput) {
  return liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    if (input.title) meeting.title = input.title.trim();
    if (input.scheduledAt) meeting.scheduledAt = input.scheduledAt;
    if (input.location !== undefined && input.location !== null) meeting.location = input.location.trim();
    if (input.chairId)
      meeting.chair = ref(await checkChair(tem, await tem.findOneOrFail(Basin, meeting.basin.id), input.chairId));
    tem.persist(meeting);
    await live.note({ meetingId: meeting.id, kind: 'MEETING', subjectId: meeting.id });
    return meeting;
  });
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

export async function updateAgendaItem(app: App, em: EntityManager, item: AgendaItem, input: UpdateAgendaItemInput) {
  const meeting = await item.meeting.loadOrFail();
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    if (input.title) item.title = input.title.trim();
    if (input.allottedMinutes) item.allottedMinutes = input.allottedMinutes;
    tem.persist(item);
    await live.note({ meetingId: meeting.id, kind: 'AGENDA', subjectId: item.id });
  });
  return item;
}

export async function removeAgendaItem(app: App, em: EntityManager, item: AgendaItem): Promise<Meeting> {
  const meeting = await item.meeting.loadOrFail();
  await liveTransaction(app, em, async (tem, live) => {
    requirePreparing(meeting);
    const items = await tem.find(AgendaItem, { meeting, id: { $ne: item.id } }, { orderBy: { position: 'asc' } });
    items.forEach((other, index) => (other.position = index));
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
