import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { PrivateNote } from '../meeting/private-note.entity.js';
import { readableMeeting } from '../meeting/meeting.access.js';
import { Ballot } from '../ballot/ballot.entity.js';
import { MyVoice } from '../ballot/ballot.resolver.js';
import { voicesOf } from '../ballot/ballot.service.js';
import { readsBasin } from '../basin/basin.access.js';
import { notFound } from '../errors.js';
import { liveData } from './live-data.js';

@ObjectType({
  description:
    'A live meeting as every screen of one audience shows it, at a version of its state: whole, or as a patch of the ' +
    'view the screen shows',
})
class LiveMeetingUpdate {
  @Field(() => Int, { description: 'Grows with every committed change of the meeting' })
  version!: number;

  @Field(() => Meeting, { nullable: true, description: 'The whole view; null when the update is a patch' })
  meeting!: Meeting | null;

  @Field(() => Int, {
    nullable: true,
    description: 'For a patch: the version of the view it applies to (the one the screen shows)',
  })
  base!: number | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'For a patch: the JSON Patch (RFC 6902) that turns the view at `base` (the `meeting` selection, as it was ' +
      'sent) into the view at `version`. Only screens that select it receive patches; the others get whole views.',
  })
  patch!: unknown[] | null;
}

@ObjectType({
  description: "What only the viewer sees of a live meeting: their voices on the current item's ballot, their note",
})
export class MyLiveMeeting {
  @Field(() => ID, { description: 'The meeting and the viewer' })
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ID, { nullable: true })
  currentItemId!: string | null;

  @Field(() => String, { nullable: true, description: 'The private note on the current item' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: "The current item's latest ballot" })
  ballotId!: string | null;

  @Field(() => [MyVoice], { description: 'The voices the viewer casts on that ballot: their own and their proxies' })
  voices!: MyVoice[];
}

/** The viewer's personal part of a live meeting, at `version`. */
async function myLive(ctx: Context, meeting: Meeting, version: number): Promise<MyLiveMeeting> {
  const viewer = requireViewer(ctx);
  const base = { id: `${meeting.id}:${viewer.person.id}`, version };
  if (!meeting.currentItem) return { ...base, currentItemId: null, note: null, ballotId: null, voices: [] };
  const item = await ctx.em.findOneOrFail(AgendaItem, meeting.currentItem.id);
  const [note, ballot] = await Promise.all([
    ctx.em.findOne(PrivateNote, { agendaItem: item, author: viewer.person.id }),
    ctx.em.findOne(Ballot, { agendaItem: item }, { orderBy: { openedAt: 'desc' } }),
  ]);
  return {
    ...base,
    currentItemId: item.id,
    note: note?.body ?? null,
    ballotId: ballot?.id ?? null,
    voices: ballot ? await voicesOf(ctx.em, ballot, viewer.person) : [],
  };
}

const servedByTheHub = (): never => {
  throw new Error('live subscriptions are served by the live hub (server/src/live/live-hub.ts)');
};

@Resolver()
export class LiveResolver {
  @Authorized()
  @Subscription(() => LiveMeetingUpdate, {
    subscribe: servedByTheHub,
    description:
      'The live meeting after every committed change: whole at once when `since` is older than it, then as a patch ' +
      'of the view the screen shows when the subscription selects `patch`, else whole',
  })
  async liveMeeting(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('since', () => Int, { nullable: true, description: 'The version the screen shows already' })
    _since: number | null,
    @Ctx() ctx: Context,
  ): Promise<LiveMeetingUpdate> {
    // the live data's meeting: the view's statements include the access check's
    const { meeting, version } = await liveData(ctx, meetingId);
    if (!readsBasin(ctx.viewer, meeting.basin.id)) throw notFound('Meeting');
    return { version, meeting, base: null, patch: null };
  }

  @Authorized()
  @Subscription(() => MyLiveMeeting, {
    subscribe: servedByTheHub,
    description: "The viewer's own part of the live meeting, pushed when it changes",
  })
  async myLiveMeeting(@Arg('meetingId', () => ID) meetingId: string, @Ctx() ctx: Context): Promise<MyLiveMeeting> {
    const meeting = await readableMeeting(ctx, meetingId);
    return myLive(ctx, meeting, meeting.liveVersion);
  }
}

@Resolver(() => Meeting)
export class MeetingLiveResolver {
  @FieldResolver(() => Int, { description: 'Grows with every committed change of the live meeting' })
  liveVersion(@Root() meeting: Meeting): number {
    return meeting.liveVersion;
  }

  @FieldResolver(() => MyLiveMeeting, { description: "The viewer's own part of the live meeting" })
  myLive(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MyLiveMeeting> {
    return myLive(ctx, meeting, meeting.liveVersion);
  }
}
