import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { QuorumBasis } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { CompetenceNeed } from '../project/competence-need.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { coverageOf } from '../pledge/pledge.service.js';
import { liveData, needsAndPledges } from '../live/live-data.js';
import { computeQuorum } from './quorum.js';
import { Ballot, ConflictOfInterest } from '../ballot/ballot.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Meeting } from './meeting.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { Attendance, AttendanceMode } from './attendance.entity.js';
import { HandRaise } from './hand-raise.entity.js';
import { PrivateNote } from './private-note.entity.js';
import { readableItem, readableMeeting } from './meeting.access.js';
import {
  actOnItem,
  closeMeeting,
  declareAttendance,
  lowerHand,
  openMeeting,
  raiseHand,
  saveNote,
  setCurrentItem,
  type ItemAction,
} from './live-session.service.js';

/** How many connected people the live view lists by name (the committee first). */
const CONNECTED_LISTED = 60;

export enum AgendaItemAction {
  START_TIMER = 'START_TIMER',
  PAUSE_TIMER = 'PAUSE_TIMER',
  COMPLETE = 'COMPLETE',
  DEFER = 'DEFER',
}
registerEnumType(AgendaItemAction, { name: 'AgendaItemAction' });

@ObjectType()
class Quorum {
  @Field(() => QuorumBasis)
  basis!: QuorumBasis;

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  required!: number;

  @Field(() => Boolean)
  reached!: boolean;
}

@ObjectType({ description: 'A seat of the committee: a member and the organisation they represent' })
class CommitteeSeat {
  @Field(() => Person)
  person!: Person;

  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => AttendanceMode, { nullable: true, description: 'Declared attendance at this meeting' })
  attendance!: AttendanceMode | null;

  @Field(() => Person, { nullable: true })
  proxyHolder!: Person | null;

  @Field(() => Boolean, { description: 'Connected to the live session right now' })
  connected!: boolean;
}

@ObjectType()
class NeedCoverage {
  @Field(() => CompetenceNeed)
  need!: CompetenceNeed;

  @Field(() => Float)
  daysNeeded!: number;

  @Field(() => Float)
  daysPledged!: number;
}

@ObjectType()
class CompanyPledgeTotal {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => Float)
  days!: number;
}

@ObjectType({ description: "Live coverage of a project's needs by the pledges" })
class PledgeCoverage {
  @Field(() => [NeedCoverage])
  needs!: NeedCoverage[];

  @Field(() => [CompanyPledgeTotal])
  companies!: CompanyPledgeTotal[];

  @Field(() => [Pledge])
  pledges!: Pledge[];

  @Field(() => Float)
  daysNeeded!: number;

  @Field(() => Float)
  daysPledged!: number;
}

@InputType()
class AttendanceInput {
  @Field(() => ID, { nullable: true, description: 'Someone else (chair or operator only); yourself by default' })
  personId?: string | null;

  @Field(() => AttendanceMode)
  mode!: AttendanceMode;

  @Field(() => ID, {
    nullable: true,
    description: 'For REPRESENTED: the member of another organisation who holds the proxy',
  })
  proxyHolderId?: string | null;
}

@Resolver(() => Meeting)
export class LiveMeetingResolver {
  @Authorized()
  @Mutation(() => Meeting, {
    description:
      'Chair (or vice-chair when the chair is absent): open the session and preside it; freezes the papers shown. ' +
      'On another day than scheduled, `reason` says why (the minutes give it)',
  })
  openMeeting(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return readableMeeting(ctx, id).then(() => openMeeting(ctx.app, ctx.em, requireViewer(ctx), id, reason));
  }

  @Authorized()
  @Mutation(() => Meeting, {
    description: 'The person presiding: close the session; `deferUntreated` confirms deferring the items not treated',
  })
  closeMeeting(
    @Arg('id', () => ID) id: string,
    @Arg('deferUntreated', () => Boolean, { defaultValue: false }) deferUntreated: boolean,
    @Ctx() ctx: Context,
  ) {
    return readableMeeting(ctx, id).then(() => closeMeeting(ctx.app, ctx.em, requireViewer(ctx), id, deferUntreated));
  }

  @Authorized()
  @Mutation(() => AgendaItem, { description: 'Chair: move the session to this item; every screen follows' })
  async setCurrentItem(@Arg('itemId', () => ID) itemId: string, @Ctx() ctx: Context) {
    const item = await readableItem(ctx, itemId);
    return setCurrentItem(ctx.app, ctx.em, requireViewer(ctx), item.meeting.id, itemId);
  }

  @Authorized()
  @Mutation(() => AgendaItem, { description: "Chair: the item's timer, done, or deferred with a reason" })
  async actOnAgendaItem(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('action', () => AgendaItemAction) action: AgendaItemAction,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const item = await readableItem(ctx, itemId);
    return actOnItem(ctx.app, ctx.em, requireViewer(ctx), item.meeting.id, itemId, action as ItemAction, reason);
  }

  @Authorized()
  @Mutation(() => Attendance, {
    description: 'Declare attendance: present, remote, excused, or represented by a proxy',
  })
  async declareAttendance(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('input', () => AttendanceInput) input: AttendanceInput,
    @Ctx() ctx: Context,
  ) {
    await readableMeeting(ctx, meetingId);
    return declareAttendance(ctx.app, ctx.em, requireViewer(ctx), meetingId, input);
  }

  @Authorized()
  @Mutation(() => HandRaise)
  async raiseHand(@Arg('meetingId', () => ID) meetingId: string, @Ctx() ctx: Context) {
    await readableMeeting(ctx, meetingId);
    return raiseHand(ctx.app, ctx.em, requireViewer(ctx), meetingId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Lower one's hand, or (chair) anyone's when giving the floor" })
  async lowerHand(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('personId', () => ID, { nullable: true }) personId: string | null,
    @Ctx() ctx: Context,
  ) {
    await readableMeeting(ctx, meetingId);
    return lowerHand(ctx.app, ctx.em, requireViewer(ctx), meetingId, personId);
  }

  @Authorized()
  @Mutation(() => PrivateNote, { description: 'Your private note on an item (only you read it)' })
  async saveNote(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: Context,
  ) {
    const item = await readableItem(ctx, itemId);
    return saveNote(ctx.em, requireViewer(ctx), item, body);
  }

  @FieldResolver(() => Quorum, { description: "Computed live by the basin's rule" })
  async quorum(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const data = await liveData(ctx, meeting.id);
    const basin = data.meeting.basin.getEntity();
    return computeQuorum(
      basin.quorumBasis,
      basin.quorumPercent,
      data.seats.map((s) => ({ personId: s.person.id, organisationId: s.organisation.id })),
      data.attendance.map((a) => ({ personId: a.person.id, mode: a.mode, proxyHolderId: a.proxyHolder?.id ?? null })),
    );
  }

  @FieldResolver(() => [CommitteeSeat], { description: 'The committee with attendance and live connection' })
  async committee(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<CommitteeSeat[]> {
    const data = await liveData(ctx, meeting.id);
    const connected = new Set(await ctx.app.presence.connected(meeting.id));
    const people = new Map(data.seats.map((s) => [s.person.id, s.person]));
    return data.seats
      .map((seat) => {
        const declared = data.attendance.find((a) => a.person.id === seat.person.id);
        const holder = declared?.proxyHolder?.id;
        return {
          person: seat.person,
          organisation: seat.organisation,
          attendance: declared?.mode ?? null,
          proxyHolder: holder ? (people.get(holder) ?? declared?.proxyHolder?.getEntity() ?? null) : null,
          connected: connected.has(seat.person.id),
        };
      })
      .sort(
        (a, b) =>
          a.organisation.name.localeCompare(b.organisation.name) || a.person.lastName.localeCompare(b.person.lastName),
      );
  }

  @FieldResolver(() => [Person], {
    description: `Who is connected to the live session right now: the committee first, then the others (at most ${CONNECTED_LISTED} in all; connectedCount says how many)`,
  })
  async connectedPeople(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const ids = await ctx.app.presence.connected(meeting.id);
    if (!ids.length) return [];
    const data = await liveData(ctx, meeting.id);
    const seated = new Map(data.seats.map((s) => [s.person.id, s.person]));
    const byName = (a: Person, b: Person) =>
      a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);
    const committee = ids.flatMap((id) => seated.get(id) ?? []).sort(byName);
    const others = ids.filter((id) => !seated.has(id)).slice(0, Math.max(0, CONNECTED_LISTED - committee.length));
    const guests = others.length ? await data.people(others) : [];
    return [...committee, ...guests.sort(byName)];
  }

  @FieldResolver(() => Int, { description: 'How many people are connected to the live session right now' })
  async connectedCount(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.app.presence.connected(meeting.id)).length;
  }

  @FieldResolver(() => [HandRaise], { description: 'Raised hands, first raised first' })
  async hands(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return (await liveData(ctx, meeting.id)).hands;
  }
}

@Resolver(() => HandRaise)
export class HandRaiseResolver {
  @FieldResolver(() => Person)
  person(@Root() hand: HandRaise) {
    return hand.person.load();
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => Person)
  person(@Root() attendance: Attendance) {
    return attendance.person.load();
  }

  @FieldResolver(() => Person, { nullable: true })
  proxyHolder(@Root() attendance: Attendance) {
    return attendance.proxyHolder?.load() ?? null;
  }
}

@Resolver(() => AgendaItem)
export class LiveAgendaItemResolver {
  @FieldResolver(() => PledgeCoverage, {
    nullable: true,
    description: 'Project items: pledges against the needs, live',
  })
  async coverage(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    if (!item.project) return null;
    const { needs, pledges } = await needsAndPledges(ctx, item.meeting.id, item.project.id);
    return coverageOf(needs, pledges);
  }

  @FieldResolver(() => Ballot, { nullable: true, description: 'The latest ballot on this item' })
  async ballot(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    return (await liveData(ctx, item.meeting.id)).ballotOf(item.id);
  }

  @FieldResolver(() => Decision, { nullable: true })
  async decision(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    return (await liveData(ctx, item.meeting.id)).decisionOf(item.id);
  }

  @FieldResolver(() => [ConflictOfInterest], { description: 'Declared conflicts of interest' })
  async conflicts(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    return (await liveData(ctx, item.meeting.id)).conflictsOf(item.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The viewer's private note" })
  async myNote(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    if (!ctx.viewer) return null;
    return (await ctx.em.findOne(PrivateNote, { agendaItem: item, author: ctx.viewer.person.id }))?.body ?? null;
  }

  @FieldResolver(() => ID)
  meetingId(@Root() item: AgendaItem): string {
    return item.meeting.id;
  }
}

@Resolver(() => ConflictOfInterest)
export class ConflictResolver {
  @FieldResolver(() => Person)
  person(@Root() conflict: ConflictOfInterest) {
    return conflict.person.load();
  }
}
