import type { Context } from '../context.js';
import { perRequest } from '../common/batch.js';
import { Role, Membership } from '../person/membership.entity.js';
import type { Person } from '../person/person.entity.js';
import type { Organisation } from '../organisation/organisation.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import type { Attendance } from '../meeting/attendance.entity.js';
import type { HandRaise } from '../meeting/hand-raise.entity.js';
import { Ballot, type ConflictOfInterest } from '../ballot/ballot.entity.js';
import type { Decision } from '../decision/decision.entity.js';
import { Project } from '../project/project.entity.js';
import type { Pledge } from '../pledge/pledge.entity.js';
import type { CompetenceNeed } from '../project/competence-need.entity.js';
import { notFound } from '../errors.js';

/** A seat of the committee, loaded with its person and organisation. */
export interface LoadedSeat {
  person: Person;
  organisation: Organisation;
}

/**
 * Everything a live screen shows of one meeting, loaded once per request in a handful of statements: the meeting
 * with its basin, chair, attendance and hands; the committee; the agenda with each item's project, paper, decision
 * and conflicts; the ballots with how many have voted. The live view's resolvers read from it, so that one
 * execution of the view costs a fixed number of statements whatever the size of the committee or the agenda.
 */
export interface LiveData {
  meeting: Meeting;
  seats: LoadedSeat[];
  attendance: Attendance[];
  /** Raised and not lowered, first raised first. */
  hands: HandRaise[];
  items: AgendaItem[];
  ballotOf(itemId: string): Ballot | null;
  decisionOf(itemId: string): Decision | null;
  conflictsOf(itemId: string): ConflictOfInterest[];
}

const cache = perRequest(() => new Map<string, Promise<LiveData>>());

/** The live data of a meeting, for this request (a query, a live view's execution). NOT_FOUND when unknown. */
export function liveData(ctx: Context, meetingId: string): Promise<LiveData> {
  const loaded = cache(ctx);
  let data = loaded.get(meetingId);
  if (!data) {
    data = load(ctx, meetingId);
    loaded.set(meetingId, data);
  }
  return data;
}

async function load(ctx: Context, meetingId: string): Promise<LiveData> {
  const { em } = ctx;
  const meeting = await em.findOne(Meeting, meetingId, {
    populate: ['basin', 'chair', 'attendanceRecords', 'handRaises.person'],
    strategy: 'joined',
  });
  if (!meeting) throw notFound('Meeting');
  const [memberships, items] = await Promise.all([
    em.find(
      Membership,
      { basin: meeting.basin.id, role: { $in: [Role.MEMBER, Role.CHAIR] }, organisation: { $ne: null } },
      { populate: ['person', 'organisation'], strategy: 'joined' },
    ),
    em.find(
      AgendaItem,
      { meeting },
      {
        populate: [
          'project.sme',
          'project.prescriberOrganisation',
          'paperVersion',
          'decisions.mandatary',
          'declaredConflicts.person',
        ],
        orderBy: { position: 'asc' },
        strategy: 'joined',
      },
    ),
  ]);
  const ballots = items.length
    ? await em.find(Ballot, { agendaItem: { $in: items.map((i) => i.id) } }, { orderBy: { openedAt: 'desc' } })
    : [];
  const seats = new Map<string, LoadedSeat>();
  for (const m of memberships) {
    if (m.organisation && !seats.has(m.person.id))
      seats.set(m.person.id, { person: m.person.getEntity(), organisation: m.organisation.getEntity() });
  }
  const latestBallot = new Map<string, Ballot>();
  for (const ballot of ballots)
    if (!latestBallot.has(ballot.agendaItem.id)) latestBallot.set(ballot.agendaItem.id, ballot);
  const byId = new Map(items.map((item) => [item.id, item]));
  return {
    meeting,
    seats: [...seats.values()],
    attendance: meeting.attendanceRecords.getItems(),
    hands: meeting.handRaises
      .getItems()
      .filter((h) => !h.loweredAt)
      .sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime()),
    items,
    ballotOf: (itemId) => latestBallot.get(itemId) ?? null,
    decisionOf: (itemId) => byId.get(itemId)?.decisions.getItems()[0] ?? null,
    conflictsOf: (itemId) =>
      [...(byId.get(itemId)?.declaredConflicts.getItems() ?? [])].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
      ),
  };
}

/** The needs of a project and its active pledges (with their organisations), in one statement, once per request. */
const coverageCache = perRequest(() => new Map<string, Promise<{ needs: CompetenceNeed[]; pledges: Pledge[] }>>());

export function needsAndPledges(ctx: Context, projectId: string) {
  const loaded = coverageCache(ctx);
  let result = loaded.get(projectId);
  if (!result) {
    result = ctx.em
      .findOneOrFail(Project, projectId, { populate: ['needs', 'pledgeRecords.organisation'], strategy: 'joined' })
      .then((project) => ({
        needs: project.needs.getItems(),
        pledges: project.pledgeRecords.getItems().filter((p) => !p.withdrawn),
      }));
    loaded.set(projectId, result);
  }
  return result;
}
