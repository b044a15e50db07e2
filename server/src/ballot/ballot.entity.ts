import { Entity, Enum, Index, ManyToOne, Property, type Ref, Unique, type Opt } from '@mikro-orm/core';
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

  @Field(() => Int)
  @Property({ type: 'integer' })
  forCount: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  againstCount: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  abstainCount: Opt<number> = 0;

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
 * "Has voted": one row per voice, unique per ballot — the database, not a check-then-insert, makes a voice count
 * once. For a named ballot it carries the choice; for a secret one it never does, and the ballot keeps only totals.
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

  @Property({ type: 'string' })
  @Unique()
  idempotencyKey!: string;

  @Enum({ items: () => VoteChoice, type: 'string', nullable: true })
  choice?: VoteChoice | null;
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
