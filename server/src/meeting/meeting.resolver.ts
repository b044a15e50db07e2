import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { liveData } from '../live/live-data.js';
import { requireViewer } from '../auth/auth-checker.js';
import { reorderLive } from './live-session.service.js';
import { Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Project } from '../project/project.entity.js';
import { DiagnosisPaper, DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import { Page, PageArgs, toPage } from '../common/page.js';
import { batchLoader, perRequest } from '../common/batch.js';
import { readableBasin, requireBasinRole } from '../basin/basin.access.js';
import { operatorItem, operatorMeeting, readableItem, readableMeeting } from './meeting.access.js';
import type { MeetingEventPayload } from '../pubsub.js';
import { onReturn } from '../presence/presence.js';
import { Meeting, MeetingStatus } from './meeting.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { AgendaItemInput, CreateMeetingInput, UpdateAgendaItemInput, UpdateMeetingInput } from './meeting.inputs.js';
import { recipientsOf } from '../notification/convocation.js';
import {
  addAgendaItem,
  cancelMeeting,
  chairCandidates,
  conveneMeeting,
  createMeeting,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
  updateMeeting,
} from './meeting.service.js';

export enum MeetingPeriod {
  UPCOMING = 'UPCOMING',
  PAST = 'PAST',
  ALL = 'ALL',
}
registerEnumType(MeetingPeriod, { name: 'MeetingPeriod' });

@ObjectType()
class MeetingPage extends Page(Meeting) {}

@ObjectType({ description: 'Something changed in a meeting: refetch the part named by kind' })
class MeetingEvent {
  @Field(() => ID)
  meetingId!: string;

  @Field(() => String, { description: 'MEETING, AGENDA, PRESENCE, PAPER, PLEDGE, BALLOT or DECISION' })
  kind!: string;

  @Field(() => ID, { nullable: true })
  subjectId!: string | null;

  @Field(() => String, { description: 'ISO time of the commit' })
  at!: string;
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @Authorized()
  @Query(() => MeetingPage, { description: 'Upcoming: soonest first; past: latest first' })
  async meetings(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('period', () => MeetingPeriod, { defaultValue: MeetingPeriod.ALL }) period: MeetingPeriod,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const basin = await readableBasin(ctx, basinId);
    const where =
      period === MeetingPeriod.UPCOMING
        ? { basin, status: { $ne: MeetingStatus.CLOSED } }
        : period === MeetingPeriod.PAST
          ? { basin, status: MeetingStatus.CLOSED }
          : { basin };
    const result = await ctx.em.findAndCount(Meeting, where, {
      orderBy: { scheduledAt: period === MeetingPeriod.UPCOMING ? 'asc' : 'desc' },
      offset: page.offset,
      limit: page.limit,
    });
    return toPage(result, page);
  }

  @Authorized()
  @Query(() => Meeting)
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Meeting> {
    return readableMeeting(ctx, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Meeting)
  async createMeeting(@Arg('input', () => CreateMeetingInput) input: CreateMeetingInput, @Ctx() ctx: Context) {
    await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
    return createMeeting(ctx.em, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Meeting)
  async updateMeeting(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMeetingInput) input: UpdateMeetingInput,
    @Ctx() ctx: Context,
  ) {
    return updateMeeting(ctx.app, ctx.em, await operatorMeeting(ctx, id), input);
  }

  @Authorized(Role.OPERATOR)
  @Query(() => [Person], { description: "Operator: who may chair the basin's sessions (its chair and vice-chairs)" })
  async meetingChairCandidates(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    const grant = await requireBasinRole(ctx, basinId, Role.OPERATOR);
    return chairCandidates(ctx.em, grant.basinId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Meeting, {
    description: 'Operator: cancel a session that has not opened; once convened, every convened person is told',
  })
  async cancelMeeting(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    const meeting = await operatorMeeting(ctx, id);
    const trimmed = reason.trim();
    if (trimmed.length < 3 || trimmed.length > 1000) {
      throw badInput('Say why the session is cancelled (3 to 1000 characters)', { reason: 'length' });
    }
    return cancelMeeting(ctx.app, ctx.em, meeting, trimmed);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Meeting, { description: 'Operator: send the convocation; the meeting needs a chair and an agenda' })
  async conveneMeeting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return conveneMeeting(ctx.app, ctx.em, await operatorMeeting(ctx, id));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => AgendaItem)
  async addAgendaItem(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('input', () => AgendaItemInput) input: AgendaItemInput,
    @Ctx() ctx: Context,
  ) {
    return addAgendaItem(ctx.app, ctx.em, await operatorMeeting(ctx, meetingId), input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => AgendaItem)
  async updateAgendaItem(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgendaItemInput) input: UpdateAgendaItemInput,
    @Ctx() ctx: Context,
  ) {
    return updateAgendaItem(ctx.app, ctx.em, await operatorItem(ctx, id), input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Meeting)
  async removeAgendaItem(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return removeAgendaItem(ctx.app, ctx.em, await operatorItem(ctx, id));
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Operator while preparing; the chair during the session' })
  async moveAgendaItem(
    @Arg('id', () => ID) id: string,
    @Arg('position', () => Int) position: number,
    @Ctx() ctx: Context,
  ) {
    const item = await readableItem(ctx, id);
    const meeting = await readableMeeting(ctx, item.meeting.id);
    if (meeting.status === MeetingStatus.OPEN) {
      return reorderLive(ctx.app, ctx.em, requireViewer(ctx), meeting.id, id, position);
    }
    return moveAgendaItem(ctx.app, ctx.em, await operatorItem(ctx, id), position);
  }

  @Subscription(() => MeetingEvent, {
    description: 'Events of one meeting, published after each change commits',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const meetingId = String(args.meetingId);
      await readableMeeting(ctx, meetingId);
      const events = ctx.app.pubSub.subscribe('MEETING', meetingId);
      const personId = ctx.viewer?.person.id;
      if (!personId) return events;
      // A live subscription is a live connection: it makes its person "connected" until it ends.
      const leave = await ctx.app.presence.join(meetingId, personId);
      ctx.app.live.presenceChanged(meetingId);
      return onReturn(events, async () => {
        await leave();
        ctx.app.live.presenceChanged(meetingId);
      });
    },
  })
  meetingEvents(@Arg('meetingId', () => ID) _meetingId: string, @Root() event: MeetingEventPayload): MeetingEvent {
    return event;
  }

  @FieldResolver(() => ID)
  basinId(@Root() meeting: Meeting): string {
    return meeting.basin.id;
  }

  @FieldResolver(() => Person, { nullable: true })
  chair(@Root() meeting: Meeting) {
    return meeting.chair?.load() ?? null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who presides (or presided): the chair, or the vice-chair in the chair’s absence; set at opening',
  })
  presidedBy(@Root() meeting: Meeting) {
    return meeting.presidedBy?.load() ?? null;
  }

  @FieldResolver(() => [Person], {
    description: 'Who the convocation went to (its members, chair, operators and observers); empty before convening',
  })
  async convened(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Person[]> {
    if (!meeting.convenedAt) return [];
    return (await recipientsOf(ctx.em, meeting.basin.id)).map((r) => r.person);
  }

  @FieldResolver(() => [AgendaItem])
  items(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<AgendaItem[]> {
    return ctx.liveState ? liveData(ctx, meeting.id).then((data) => data.items) : agendasOf(ctx)(meeting.id);
  }

  @FieldResolver(() => AgendaItem, { nullable: true })
  async currentItem(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const current = meeting.currentItem?.id;
    return current ? ((await liveData(ctx, meeting.id)).items.find((item) => item.id === current) ?? null) : null;
  }
}

/**
 * The agendas of the meetings a request shows: one meeting's from its live data (what its live view reads anyway), a
 * list's in one statement for all of them — ten past sessions, not ten live views.
 */
const agendasOf = perRequest((request) => {
  const ctx = request as Context;
  return batchLoader(async (meetingIds) => {
    if (meetingIds.length === 1) return new Map([[meetingIds[0]!, (await liveData(ctx, meetingIds[0]!)).items]]);
    const items = await ctx.em.find(
      AgendaItem,
      { meeting: { $in: meetingIds } },
      { populate: ['project.sme', 'paperVersion'], orderBy: { position: 'asc' }, strategy: 'joined' },
    );
    const byMeeting = new Map<string, AgendaItem[]>();
    for (const item of items) byMeeting.set(item.meeting.id, [...(byMeeting.get(item.meeting.id) ?? []), item]);
    return byMeeting;
  }, [] as AgendaItem[]);
});

@Resolver(() => AgendaItem)
export class AgendaItemResolver {
  @FieldResolver(() => Project, { nullable: true })
  project(@Root() item: AgendaItem) {
    return item.project?.load() ?? null;
  }

  @FieldResolver(() => DiagnosisPaperVersion, {
    nullable: true,
    description: 'The version frozen when the session opened; before that, the latest',
  })
  async paper(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    if (item.paperVersion) return item.paperVersion.load();
    if (!item.project) return null;
    const paper = await ctx.em.findOne(DiagnosisPaper, { project: item.project.id });
    return paper ? ctx.em.findOne(DiagnosisPaperVersion, { paper, number: paper.latestVersion }) : null;
  }

  @FieldResolver(() => Int, { description: 'Seconds elapsed on the item timer, now' })
  elapsedNow(@Root() item: AgendaItem): number {
    const running = item.timerStartedAt ? Math.floor((Date.now() - item.timerStartedAt.getTime()) / 1000) : 0;
    return item.elapsedSeconds + running;
  }
}
