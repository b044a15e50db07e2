import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireRole, requireViewer } from '../auth/auth-checker.js';
import { Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Ballot } from '../ballot/ballot.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { readableMeeting } from '../meeting/meeting.access.js';
import { Minutes } from './minutes.entity.js';
import { MinutesAttendance, MinutesItem, MinutesQuorum } from './minutes-content.js';
import { updateMinutes } from './minutes.service.js';

@ObjectType({ description: "The operator's notes on one item of the minutes" })
class MinutesItemNote {
  @Field(() => ID) agendaItemId!: string;
  @Field(() => String) notes!: string;
}

@InputType()
class MinutesItemNoteInput {
  @Field(() => ID) agendaItemId!: string;
  @Field(() => String, { description: 'Empty removes the notes' }) notes!: string;
}

@InputType({ description: 'Sections of a draft the operator edits; those left out stay as they are' })
class MinutesInput {
  @Field(() => String, { nullable: true }) introduction?: string | null;
  @Field(() => [MinutesItemNoteInput], { nullable: true }) itemNotes?: MinutesItemNoteInput[] | null;
  @Field(() => String, { nullable: true, description: 'Questions diverses' }) otherBusiness?: string | null;
  @Field(() => String, { nullable: true }) conclusion?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version edited: CONFLICT when someone saved meanwhile' })
  expectedVersion?: number | null;
}

/** The path of a session's minutes as a PDF (same session cookie or bearer token as the API). */
export const minutesPdfPath = (meetingId: string): string => `/files/minutes/${meetingId}.pdf`;

@Resolver(() => Minutes)
export class MinutesResolver {
  @Authorized()
  @Query(() => Minutes, { nullable: true, description: 'The minutes of a session; null until it closes' })
  async minutes(@Arg('meetingId', () => ID) meetingId: string, @Ctx() ctx: Context): Promise<Minutes | null> {
    const meeting = await readableMeeting(ctx, meetingId);
    return ctx.em.findOne(Minutes, { meeting });
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Minutes, { description: 'Operator: edit the draft minutes (refused once approved)' })
  async updateMinutes(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('input', () => MinutesInput) input: MinutesInput,
    @Ctx() ctx: Context,
  ): Promise<Minutes> {
    const meeting = await readableMeeting(ctx, meetingId);
    requireRole(ctx, meeting.basin.id, Role.OPERATOR);
    return updateMinutes(ctx.app, ctx.em, requireViewer(ctx), meeting.id, input);
  }

  @FieldResolver(() => ID)
  meetingId(@Root() minutes: Minutes): string {
    return minutes.meeting.id;
  }

  @FieldResolver(() => Meeting)
  meeting(@Root() minutes: Minutes) {
    return minutes.meeting.load();
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Who presided the session, as recorded: the chair, or the vice-chair in the chair’s absence',
  })
  chair(@Root() minutes: Minutes): string | null {
    return minutes.content.chair;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The chair, when absent and the vice-chair presided' })
  absentChair(@Root() minutes: Minutes): string | null {
    return minutes.content.absentChair ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why the session opened on another day than scheduled',
  })
  openingReason(@Root() minutes: Minutes): string | null {
    return minutes.content.openingReason ?? null;
  }

  @FieldResolver(() => [MinutesAttendance])
  attendance(@Root() minutes: Minutes): MinutesAttendance[] {
    return minutes.content.attendance;
  }

  @FieldResolver(() => MinutesQuorum)
  quorum(@Root() minutes: Minutes): MinutesQuorum {
    return minutes.content.quorum;
  }

  @FieldResolver(() => [MinutesItem])
  items(@Root() minutes: Minutes): MinutesItem[] {
    return minutes.content.items;
  }

  @FieldResolver(() => [MinutesItemNote])
  itemNotes(@Root() minutes: Minutes): MinutesItemNote[] {
    return Object.entries(minutes.itemNotes).map(([agendaItemId, notes]) => ({ agendaItemId, notes }));
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who saved the last edit' })
  updatedBy(@Root() minutes: Minutes) {
    return minutes.updatedBy?.load() ?? null;
  }

  @FieldResolver(() => Ballot, { nullable: true })
  approvedByBallot(@Root() minutes: Minutes) {
    return minutes.approvedByBallot?.load() ?? null;
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The session at which the committee approved them' })
  approvedInMeeting(@Root() minutes: Minutes) {
    return minutes.approvedInMeeting?.load() ?? null;
  }

  @FieldResolver(() => String, { description: 'Where to download the PDF (relative to the server)' })
  pdfUrl(@Root() minutes: Minutes): string {
    return minutesPdfPath(minutes.meeting.id);
  }
}

@Resolver(() => Meeting)
export class MeetingMinutesResolver {
  @FieldResolver(() => Minutes, { nullable: true, description: 'The minutes, once the session has closed' })
  minutes(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return ctx.em.findOne(Minutes, { meeting: meeting.id });
  }
}

@Resolver(() => AgendaItem)
export class MinutesApprovalItemResolver {
  @FieldResolver(() => Meeting, {
    nullable: true,
    description: 'A minutes approval: the session whose minutes it approves',
  })
  minutesOfMeeting(@Root() item: AgendaItem) {
    return item.minutesOf?.load() ?? null;
  }
}
