import { Entity, Enum, ManyToOne, Property, type Ref, Unique, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { Person } from '../person/person.entity.js';
import { Ballot } from '../ballot/ballot.entity.js';
import type { MinutesContent } from './minutes-content.js';

/** Drafted when the session closes, edited by the operator, approved by the committee at a later session. */
export enum MinutesStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}
registerEnumType(MinutesStatus, { name: 'MinutesStatus' });

/** The minutes (procès-verbal) of a closed session: one per meeting. */
@ObjectType({ description: 'The minutes (procès-verbal) of a closed session' })
@Entity()
@Unique({ properties: ['meeting'] })
export class Minutes extends BaseEntity {
  @ManyToOne(() => Meeting, { ref: true })
  meeting!: Ref<Meeting>;

  @Field(() => MinutesStatus)
  @Enum({ items: () => MinutesStatus, type: 'string' })
  status: Opt<MinutesStatus> = MinutesStatus.DRAFT;

  /** What happened, drafted from the session's data at close (attendance, quorum, items): never edited. */
  @Property({ type: 'json' })
  content!: MinutesContent;

  @Field(() => String, { description: 'Opening text: drafted, then edited by the operator' })
  @Property({ type: 'text' })
  introduction: Opt<string> = '';

  /** The operator's notes on each item (discussion, remarks): `{ [agendaItemId]: text }`. */
  @Property({ type: 'json' })
  itemNotes: Opt<Record<string, string>> = {};

  @Field(() => String, { description: 'Questions diverses' })
  @Property({ type: 'text' })
  otherBusiness: Opt<string> = '';

  @Field(() => String, { description: 'Closing text: drafted, then edited by the operator' })
  @Property({ type: 'text' })
  conclusion: Opt<string> = '';

  /** Incremented by each edit; MikroORM makes every update conditional on it (optimistic locking). */
  @Field(() => Int, { description: 'Incremented by each edit; send it back to detect a concurrent edit' })
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  updatedBy?: Ref<Person> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  approvedAt?: Date | null;

  /** The ballot (on a MINUTES_APPROVAL item) that approved them; none for minutes approved by show of hands. */
  @ManyToOne(() => Ballot, { ref: true, nullable: true })
  approvedByBallot?: Ref<Ballot> | null;

  /** The session at which the committee approved them. */
  @ManyToOne(() => Meeting, { ref: true, nullable: true })
  approvedInMeeting?: Ref<Meeting> | null;

  /** The basin's audit chain head (sequence number) when the minutes were approved: printed on the approved PDF. */
  @Field(() => Int, { nullable: true, description: "The basin's audit chain head (sequence) at approval" })
  @Property({ type: 'integer', nullable: true })
  auditHeadSeq?: number | null;

  /** The hash of that head entry (SHA-256, hex). */
  @Field(() => String, { nullable: true, description: "The basin's audit chain head (hash) at approval" })
  @Property({ type: 'string', length: 64, nullable: true })
  auditHeadHash?: string | null;
}
