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
  Resolver,
  Root,
} from 'type-graphql';
import { IsOptional, Length, MaxLength, Min } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Person } from '../person/person.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { readableItem } from '../meeting/meeting.access.js';
import { notFound } from '../errors.js';
import { readsBasin } from '../basin/basin.access.js';
import {
  Ballot,
  BallotKind,
  BallotParticipation,
  BallotStatus,
  ConflictOfInterest,
  VoteChoice,
} from './ballot.entity.js';
import { castVote, closeBallot, countNamedVotes, declareConflict, openBallot, voicesOf } from './ballot.service.js';

@InputType()
class OpenBallotInput {
  @Field(() => BallotKind, { defaultValue: BallotKind.NAMED })
  kind!: BallotKind;

  @Field(() => String, { nullable: true, description: 'Pre-filled from the project when omitted' })
  @IsOptional()
  @MaxLength(5000)
  motion?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Advance put to the vote, in euros (the amount requested by default)',
  })
  @IsOptional()
  @Min(0)
  proposedAdvance?: number | null;

  @Field(() => ID, { nullable: true })
  proposedMandataryId?: string | null;
}

@InputType()
class CastVoteInput {
  @Field(() => ID)
  ballotId!: string;

  @Field(() => VoteChoice)
  choice!: VoteChoice;

  @Field(() => String, { description: 'A fresh random key per click; retrying with the same key never counts twice' })
  @Length(8, 100)
  idempotencyKey!: string;

  @Field(() => ID, { nullable: true, description: 'Vote as proxy for this absent member' })
  onBehalfOfId?: string | null;
}

@ObjectType()
class Tally {
  @Field(() => Int, { name: 'for' })
  for!: number;

  @Field(() => Int)
  against!: number;

  @Field(() => Int)
  abstain!: number;
}

@ObjectType({ description: 'A vote of a named ballot' })
class NamedVote {
  @Field(() => Person)
  voter!: Person;

  @Field(() => VoteChoice)
  choice!: VoteChoice;
}

@ObjectType({ description: 'A voice the viewer casts: their own, or one they carry by proxy' })
export class MyVoice {
  @Field(() => Person)
  voter!: Person;

  @Field(() => Boolean)
  isProxy!: boolean;

  @Field(() => Boolean)
  eligible!: boolean;

  @Field(() => Boolean)
  recused!: boolean;

  @Field(() => Boolean)
  hasVoted!: boolean;

  @Field(() => VoteChoice, { nullable: true, description: 'Named ballots only: a secret ballot never says' })
  choice!: VoteChoice | null;
}

@Resolver(() => Ballot)
export class BallotResolver {
  @Authorized()
  @Mutation(() => Ballot, { description: 'Chair: open a ballot on the item (needs quorum)' })
  async openBallot(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('input', () => OpenBallotInput) input: OpenBallotInput,
    @Ctx() ctx: Context,
  ) {
    await readableItem(ctx, itemId);
    return openBallot(ctx.app, ctx.em, requireViewer(ctx), itemId, input);
  }

  @Authorized()
  @Mutation(() => Ballot, { description: 'Vote (or change a named vote, where the basin allows it)' })
  async castVote(@Arg('input', () => CastVoteInput) input: CastVoteInput, @Ctx() ctx: Context) {
    // whether the viewer reads the ballot's basin is checked in the vote's first statement (NOT_FOUND otherwise)
    return castVote(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Ballot, { description: 'Chair: close the ballot; the result appears on every screen' })
  async closeBallot(@Arg('ballotId', () => ID) ballotId: string, @Ctx() ctx: Context) {
    await readableBallot(ctx, ballotId);
    return closeBallot(ctx.app, ctx.em, requireViewer(ctx), ballotId);
  }

  @Authorized()
  @Mutation(() => ConflictOfInterest, {
    description: 'Declare a conflict of interest on an item: you will not vote on it',
  })
  async declareConflict(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('reason', () => String, { defaultValue: '' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    await readableItem(ctx, itemId);
    return declareConflict(ctx.app, ctx.em, requireViewer(ctx), itemId, reason);
  }

  @FieldResolver(() => ID)
  agendaItemId(@Root() ballot: Ballot): string {
    return ballot.agendaItem.id;
  }

  @FieldResolver(() => Int, { description: 'How many have voted' })
  votedCount(@Root() ballot: Ballot, @Ctx() ctx: Context) {
    return ballot.castCount ?? ballot.participationCount ?? ctx.em.count(BallotParticipation, { ballot });
  }

  @FieldResolver(() => Int, { description: 'How many may vote' })
  eligibleCount(@Root() ballot: Ballot): number {
    return ballot.electorate.length;
  }

  @FieldResolver(() => Int)
  recusedCount(@Root() ballot: Ballot): number {
    return ballot.recused.length;
  }

  @FieldResolver(() => Tally, {
    nullable: true,
    description: 'At close; live only for a named ballot when the basin shows votes live',
  })
  async tally(@Root() ballot: Ballot, @Ctx() ctx: Context): Promise<Tally | null> {
    if (!(await showChoices(ballot, ctx))) return null;
    if (ballot.status === BallotStatus.CLOSED)
      return { for: ballot.forCount, against: ballot.againstCount, abstain: ballot.abstainCount };
    return countNamedVotes(ctx.em, ballot);
  }

  @FieldResolver(() => [NamedVote], {
    nullable: true,
    description: 'Named ballots: who chose what (same visibility as the tally)',
  })
  async namedVotes(@Root() ballot: Ballot, @Ctx() ctx: Context): Promise<NamedVote[] | null> {
    if (ballot.kind !== BallotKind.NAMED || !(await showChoices(ballot, ctx))) return null;
    const votes = await ctx.em.find(
      BallotParticipation,
      { ballot },
      { populate: ['voter'], orderBy: { voter: { lastName: 'asc' } } },
    );
    return votes.map((v) => ({ voter: v.voter.getEntity(), choice: v.choice as VoteChoice }));
  }

  @FieldResolver(() => [MyVoice], { description: "The viewer's own voice and the proxies they carry" })
  async myVoices(@Root() ballot: Ballot, @Ctx() ctx: Context): Promise<MyVoice[]> {
    return ctx.viewer ? voicesOf(ctx.em, ballot, ctx.viewer.person) : [];
  }

  @FieldResolver(() => Person, { nullable: true })
  proposedMandatary(@Root() ballot: Ballot) {
    return ballot.proposedMandatary?.load() ?? null;
  }
}

async function showChoices(ballot: Ballot, ctx: Context): Promise<boolean> {
  if (ballot.status === BallotStatus.CLOSED) return true;
  if (ballot.kind !== BallotKind.NAMED) return false;
  // a live view reads the basin's rule from the meeting it keeps, not once more per field
  const live = ctx.liveState ? await ctx.liveState.data() : null;
  if (live?.ballotOf(ballot.agendaItem.id)?.id === ballot.id) return live.meeting.basin.getEntity().showNamedVotesLive;
  const item = await ctx.em.findOneOrFail(AgendaItem, ballot.agendaItem.id, { populate: ['meeting.basin'] });
  return item.meeting.getEntity().basin.getEntity().showNamedVotesLive;
}

async function readableBallot(ctx: Context, ballotId: string): Promise<Ballot> {
  const ballot = await ctx.em.findOne(Ballot, ballotId, { populate: ['agendaItem.meeting'], strategy: 'joined' });
  if (!ballot || !readsBasin(ctx.viewer, ballot.agendaItem.getEntity().meeting.getEntity().basin.id))
    throw notFound('Ballot');
  return ballot;
}
