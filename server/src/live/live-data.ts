import type { EntityManager } from '@mikro-orm/core';
import type { Context } from '../context.js';
import type { MeetingEventPayload } from '../pubsub.js';
import { perRequest } from '../common/batch.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Person as PersonEntity, type Person } from '../person/person.entity.js';
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
import { CONNECTIONS } from './live-changes.js';

/** A seat of the committee, loaded with its person and organisation. */
export interface LoadedSeat {
  person: Person;
  organisation: Organisation;
}

/** A project's needs and its active pledges, for the coverage of the current item. */
export interface NeedsAndPledges {
  needs: CompetenceNeed[];
  pledges: Pledge[];
}

/**
 * Everything a live screen shows of one meeting, in a handful of statements: the meeting with its basin, chair,
 * attendance and hands; the committee; the agenda with each item's project, paper, decision and conflicts; the
 * ballots with how many have voted. The live view's resolvers read from it, so that one execution of the view costs
 * a fixed number of statements whatever the size of the committee or the agenda.
 */
export interface LiveData {
  meeting: Meeting;
  /** The meeting's live version this data shows (at least). */
  version: number;
  seats: LoadedSeat[];
  attendance: Attendance[];
  /** Raised and not lowered, first raised first. */
  hands: HandRaise[];
  items: AgendaItem[];
  ballotOf(itemId: string): Ballot | null;
  decisionOf(itemId: string): Decision | null;
  conflictsOf(itemId: string): ConflictOfInterest[];
  needsAndPledges(projectId: string): Promise<NeedsAndPledges>;
  /** People by id, read once for the state's life: who is connected changes often, their names do not. */
  people(ids: string[]): Promise<Person[]>;
}

type Part = 'meeting' | 'seats' | 'items' | 'ballots' | 'coverage';
const ALL_PARTS: readonly Part[] = ['meeting', 'seats', 'items', 'ballots', 'coverage'];

/** What a committed change may have touched, by the kind of its event: only those parts are read again. */
function partsChangedBy(event: Pick<MeetingEventPayload, 'kind' | 'subjectId'>): readonly Part[] {
  switch (event.kind) {
    case 'PRESENCE':
      // who is connected is read from the presence registry at each view: only attendance and hands are stored
      return event.subjectId === CONNECTIONS ? [] : ['meeting'];
    case 'PLEDGE':
      return ['coverage'];
    case 'BALLOT':
      // a vote, an opening or a close touches the ballots; a conflict (no subject) the items too
      return event.subjectId ? ['ballots'] : ['ballots', 'items'];
    case 'DECISION':
      return ['items', 'ballots'];
    case 'AGENDA':
      return ['meeting', 'items', 'ballots'];
    default:
      return ALL_PARTS;
  }
}

/**
 * The live data of one meeting, kept up to date part by part. A live room keeps one for the meeting's life: after a
 * vote only the ballots are read again, and every audience's view of that change is computed from the same data.
 * Each part is read on an entity manager of its own (`managerFor`), so that reading it again replaces it whole — a
 * kept manager would keep its old entities — and a request that is not part of a room reads everything once on its
 * own manager.
 */
export class LiveState {
  private meeting: Meeting | null = null;
  private seats: LoadedSeat[] = [];
  private items: AgendaItem[] = [];
  private ballots = new Map<string, Ballot>();
  private coverage = new Map<string, Promise<NeedsAndPledges>>();
  private readonly known = new Map<string, Person>();
  private readonly stale = new Set<Part>(ALL_PARTS);
  private current: Promise<LiveData> | null = null;
  /** The latest version a change announced: parts read after it show it, even when the meeting was not read. */
  private announced = -1;

  constructor(
    /** Where each read goes: a fresh manager per read for a room, the request's own otherwise. */
    private readonly managerFor: () => EntityManager,
    readonly meetingId: string,
  ) {}

  /** A change has committed: the parts it touched will be read again at the next {@link data}. */
  changed(event: Pick<MeetingEventPayload, 'kind' | 'subjectId' | 'version'>): void {
    this.announced = Math.max(this.announced, event.version);
    for (const part of partsChangedBy(event)) this.stale.add(part);
    this.current = null;
  }

  /** Everything of the meeting, reading what went stale since last time. */
  data(): Promise<LiveData> {
    this.current ??= this.read();
    return this.current;
  }

  private async read(): Promise<LiveData> {
    const stale = new Set(this.stale);
    this.stale.clear();
    try {
      return await this.load(stale);
    } catch (error) {
      // read it all again next time
      for (const part of ALL_PARTS) this.stale.add(part);
      this.current = null;
      throw error;
    }
  }

  private async load(stale: Set<Part>): Promise<LiveData> {
    if (stale.has('meeting') || !this.meeting) {
      this.meeting = await this.managerFor().findOne(Meeting, this.meetingId, {
        populate: ['basin', 'chair', 'attendanceRecords', 'handRaises.person'],
        strategy: 'joined',
      });
      if (!this.meeting) throw notFound('Meeting');
    }
    const meeting = this.meeting;
    await Promise.all([
      stale.has('seats') ? this.loadSeats(meeting.basin.id) : null,
      stale.has('items') ? this.loadItems() : null,
    ]);
    if (stale.has('ballots') || stale.has('items')) await this.loadBallots();
    if (stale.has('coverage')) this.coverage.clear();
    const byId = new Map(this.items.map((item) => [item.id, item]));
    return {
      meeting,
      version: Math.max(meeting.liveVersion, this.announced),
      seats: this.seats,
      attendance: meeting.attendanceRecords.getItems(),
      hands: meeting.handRaises
        .getItems()
        .filter((h) => !h.loweredAt)
        .sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime()),
      items: this.items,
      ballotOf: (itemId) => this.ballots.get(itemId) ?? null,
      decisionOf: (itemId) => byId.get(itemId)?.decisions.getItems()[0] ?? null,
      conflictsOf: (itemId) =>
        [...(byId.get(itemId)?.declaredConflicts.getItems() ?? [])].sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
        ),
      needsAndPledges: (projectId) => this.needsAndPledges(projectId),
      people: (ids) => this.people(ids),
    };
  }

  private async loadSeats(basinId: string): Promise<void> {
    const memberships = await this.managerFor().find(
      Membership,
      { basin: basinId, role: { $in: [...COMMITTEE_ROLES] }, organisation: { $ne: null } },
      { populate: ['person', 'organisation'], strategy: 'joined' },
    );
    const seats = new Map<string, LoadedSeat>();
    for (const m of memberships) {
      if (m.organisation && !seats.has(m.person.id))
        seats.set(m.person.id, { person: m.person.getEntity(), organisation: m.organisation.getEntity() });
    }
    this.seats = [...seats.values()];
  }

  private async loadItems(): Promise<void> {
    this.items = await this.managerFor().find(
      AgendaItem,
      { meeting: this.meetingId },
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
    );
  }

  private async loadBallots(): Promise<void> {
    const ballots = this.items.length
      ? await this.managerFor().find(
          Ballot,
          { agendaItem: { $in: this.items.map((i) => i.id) } },
          { orderBy: { openedAt: 'desc' } },
        )
      : [];
    this.ballots = new Map();
    for (const ballot of ballots)
      if (!this.ballots.has(ballot.agendaItem.id)) this.ballots.set(ballot.agendaItem.id, ballot);
  }

  private async people(ids: string[]): Promise<Person[]> {
    const missing = ids.filter((id) => !this.known.has(id));
    if (missing.length) {
      for (const person of await this.managerFor().find(PersonEntity, { id: { $in: missing } }))
        this.known.set(person.id, person);
    }
    return ids.flatMap((id) => this.known.get(id) ?? []);
  }

  /** The needs of a project and its active pledges (with their organisations), in one statement. */
  private needsAndPledges(projectId: string): Promise<NeedsAndPledges> {
    let result = this.coverage.get(projectId);
    if (!result) {
      result = this.managerFor()
        .findOneOrFail(Project, projectId, { populate: ['needs', 'pledgeRecords.organisation'], strategy: 'joined' })
        .then((project) => ({
          needs: project.needs.getItems(),
          pledges: project.pledgeRecords.getItems().filter((p) => !p.withdrawn),
        }));
      this.coverage.set(projectId, result);
    }
    return result;
  }
}

const perRequestStates = perRequest(() => new Map<string, LiveState>());

/**
 * The live data of a meeting: a live room's kept state when the request is one of its views, else read once for
 * this request (a query, a mutation's answer). NOT_FOUND when the meeting does not exist.
 */
export function liveData(ctx: Context, meetingId: string): Promise<LiveData> {
  if (ctx.liveState?.meetingId === meetingId) return ctx.liveState.data();
  const states = perRequestStates(ctx);
  let state = states.get(meetingId);
  if (!state) {
    state = new LiveState(() => ctx.em, meetingId);
    states.set(meetingId, state);
  }
  return state.data();
}

/** The needs and active pledges of a project, once per request (or from the live room's state). */
export async function needsAndPledges(ctx: Context, meetingId: string, projectId: string): Promise<NeedsAndPledges> {
  return (await liveData(ctx, meetingId)).needsAndPledges(projectId);
}
