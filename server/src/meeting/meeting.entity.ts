import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import type { AgendaItem } from './agenda-item.entity.js';
import type { Attendance } from './attendance.entity.js';
import type { HandRaise } from './hand-raise.entity.js';

/** planned → convened → open → closed, or cancelled before it opens. Nothing live happens outside an open session. */
export enum MeetingStatus {
  PLANNED = 'PLANNED',
  CONVENED = 'CONVENED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  /** Called off before it opened (see `cancellationReason`): it never opens, its projects wait for another session. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

/** A session (séance) of the approval committee. */
@ObjectType()
@Entity()
export class Meeting extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'meeting_basin_idx' })
  basin!: Ref<Basin>;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  scheduledAt!: Date;

  @Field(() => String)
  @Property({ type: 'string' })
  location: Opt<string> = '';

  @Field(() => MeetingStatus)
  @Enum({ items: () => MeetingStatus, type: 'string' })
  status: Opt<MeetingStatus> = MeetingStatus.PLANNED;

  /** Must be a serving representative of a partner company; a meeting cannot open without one. */
  @ManyToOne(() => Person, { ref: true, nullable: true })
  chair?: Ref<Person> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  openedAt?: Date | null;

  /** Who presided: the chair, or the vice-chair in the chair's absence (never the operator); set at opening. */
  @ManyToOne(() => Person, { ref: true, nullable: true })
  presidedBy?: Ref<Person> | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the session opened on another day than scheduled (the minutes give it)',
  })
  @Property({ type: 'text', nullable: true })
  openingReason?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @ManyToOne('AgendaItem', { ref: true, nullable: true })
  currentItem?: Ref<AgendaItem> | null;

  @OneToMany('AgendaItem', 'meeting', { orderBy: { position: 'asc' } as never })
  items = new Collection<AgendaItem>(this);

  /** Declared attendance (loaded with the meeting by the live view, live/live-data.ts). */
  @OneToMany('Attendance', 'meeting')
  attendanceRecords = new Collection<Attendance>(this);

  /** Hands raised, lowered ones included. */
  @OneToMany('HandRaise', 'meeting')
  handRaises = new Collection<HandRaise>(this);

  @Field(() => Date, { nullable: true, description: 'When the convocation was sent' })
  @Property({ type: 'datetime', nullable: true })
  convenedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the session was cancelled' })
  @Property({ type: 'text', nullable: true })
  cancellationReason?: string | null;

  /** The invitation's SEQUENCE (RFC 5546): incremented each time members are told of a change (reschedule, cancel). */
  @Field(() => Int, { description: 'How many times the members were told the session changed' })
  @Property({ type: 'integer' })
  calendarSequence: Opt<number> = 0;

  /** Grows with every committed change of the live session (see live/live-changes.ts); written by SQL only. */
  @Property({ type: 'integer' })
  liveVersion: Opt<number> = 0;
}
