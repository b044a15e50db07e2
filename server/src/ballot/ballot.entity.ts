import { randomUUID } from 'node:crypto';
import {
  Check,
  Formula,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { MajorityRule } from '../basin/basin.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Person } from '../person/person.entity.js';

export enum BallotKind {
  NAMED = 'NAMED',
  SECRET = 'SECRET',
}
registerEnumType(BallotKind, { name: 'BallotKind' });

export enum BallotStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(BallotStatus, { name: 'BallotStatus' });

export enum VoteChoice {
  FOR = 'FOR',
  AGAINST = 'AGAINST',
  ABSTAIN = 'ABSTAIN',
}
registerEnumType(VoteChoice, { name: 'VoteChoice' });

export enum BallotResult {
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(BallotResult, { name: 'BallotResult' });

/** A vote on a motion. The motion, the rule and the electorate are fixed when it opens. */
@ObjectType()
@Entity()
@Check({
  name: 'ballot_tally_check',
  expression:
    "for_count >= 0 and against_count >= 0 and abstain_count >= 0 and (status = 'CLOSED' or (cast_count is null and for_count = 0 and against_count = 0 and abstain_count = 0)) and (cast_count is null or for_count + against_count + abstain_count = cast_count)",
})
@Index({
  name: 'ballot_one_open_per_item',
  expression: "create unique index ballot_one_open_per_item on ballot (agenda_item_id) where status = 'OPEN'",
})
export class Ballot extends BaseEntity {
  @ManyToOne(() => AgendaItem, { ref: true })
  @Index({ name: 'ballot_agenda_item_idx' })
  agendaItem!: Ref<AgendaItem>;

  @Field(() => BallotKind)
  @Enum({ items: () => BallotKind, type: 'string' })
  kind!: BallotKind;

  @Field(() => BallotStatus)
  @Enum({ items: () => BallotStatus, type: 'string' })
  status: Opt<BallotStatus> = BallotStatus.OPEN;

  @Field(() => String)
  @Property({ type: 'text' })
  motion!: string;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  proposedAdvance?: number | null;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  proposedMandatary?: Ref<Person> | null;

  @Field(() => MajorityRule)
  @Enum({ items: () => MajorityRule, type: 'string' })
  majorityRule!: MajorityRule;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  allowVoteChange!: boolean;

  /** Person ids that may vote (present members and those they represent, minus the recused), fixed at opening. */
  @Property({ type: 'json' })
  electorate: Opt<string[]> = [];

  @Property({ type: 'json' })
  recused: Opt<string[]> = [];

  /*
   * The tally, written once when the ballot closes and never before: while it is open no column of the ballot moves
   * with a choice, so neither the API nor the database's files can follow the counts vote by vote. The database
   * refuses counts that are negative or that do not add up to `castCount` (CHECK `ballot_tally_check`).
   */
  @Property({ type: 'integer' })
  forCount: Opt<number> = 0;

  @Property({ type: 'integer' })
  againstCount: Opt<number> = 0;

  @Property({ type: 'integer' })
  abstainCount: Opt<number> = 0;

  /** How many have voted so far, counted by the database with the ballot (the live view needs it on every change). */
  @Formula((alias) => `(select count(*) from ballot_participation bp where bp.ballot_id = ${alias}.id)`, {
    type: 'integer',
  })
  participationCount?: number;

  /** How many voices were cast: set at close, from the recorded participations. */
  @Property({ type: 'integer', nullable: true })
  castCount?: number | null;

  @Field(() => BallotResult, { nullable: true })
  @Enum({ items: () => BallotResult, type: 'string', nullable: true })
  result?: BallotResult | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  openedAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}

/**
 * "Has voted" (the voter list): one row per voice, unique per ballot — the database, not a check-then-insert, makes
 * a voice count once. For a named ballot it carries the choice; for a secret one it never does: the choice goes,
 * sealed, into the {@link SealedVote} box. Its timestamps are the ballot's opening minute, so that they do not keep
 * the order of the votes.
 */
@Entity()
@Unique({ properties: ['ballot', 'voter'] })
export class BallotParticipation extends BaseEntity {
  @ManyToOne(() => Ballot, { ref: true })
  ballot!: Ref<Ballot>;

  /** The member whose voice this is (the absent member, for a proxy vote). */
  @ManyToOne(() => Person, { ref: true })
  voter!: Ref<Person>;

  /** Who clicked: the voter, or their proxy holder. */
  @ManyToOne(() => Person, { ref: true })
  castBy!: Ref<Person>;

  @Enum({ items: () => VoteChoice, type: 'string', nullable: true })
  choice?: VoteChoice | null;
}

/**
 * The ballot box of a secret ballot while it is open: sealed choices (see `seal.ts`), with no voter, no time and a
 * random id. Counted and emptied when the ballot closes.
 */
@Entity({ tableName: 'ballot_box' })
export class SealedVote {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Ballot, { ref: true })
  ballot!: Ref<Ballot>;

  @Property({ type: 'text' })
  sealed!: string;
}

/**
 * Every idempotency key a vote was accepted with, kept for the ballot's life: a retried click finds its key and
 * changes nothing, even after a later click changed the vote.
 */
@Entity()
export class VoteKey {
  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @ManyToOne(() => Ballot, { ref: true })
  ballot!: Ref<Ballot>;

  @ManyToOne(() => Person, { ref: true })
  voter!: Ref<Person>;
}

/** A member's declared conflict of interest on an agenda item: they are recused from its vote. */
@ObjectType()
@Entity()
@Unique({ properties: ['agendaItem', 'person'] })
export class ConflictOfInterest extends BaseEntity {
  @ManyToOne(() => AgendaItem, { ref: true })
  agendaItem!: Ref<AgendaItem>;

  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @Field(() => String)
  @Property({ type: 'string' })
  reason: Opt<string> = '';
}
