import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import type { Meeting } from './meeting.entity.js';
import type { Decision } from '../decision/decision.entity.js';
import type { ConflictOfInterest } from '../ballot/ballot.entity.js';

export enum AgendaItemKind {
  PROJECT_EXAMINATION = 'PROJECT_EXAMINATION',
  FOLLOW_UP_REVIEW = 'FOLLOW_UP_REVIEW',
  INFORMATION = 'INFORMATION',
  MINUTES_APPROVAL = 'MINUTES_APPROVAL',
}
registerEnumType(AgendaItemKind, { name: 'AgendaItemKind' });

export enum AgendaItemStatus {
  PENDING = 'PENDING',
  CURRENT = 'CURRENT',
  DONE = 'DONE',
  DEFERRED = 'DEFERRED',
}
registerEnumType(AgendaItemStatus, { name: 'AgendaItemStatus' });

/** The deferral reason of an item that the session closed without treating (the minutes list them as such). */
export const UNTREATED_AT_CLOSE = 'Non examiné, la séance ayant été levée';

@ObjectType()
@Entity()
export class AgendaItem extends BaseEntity {
  /**
   * A MINUTES_APPROVAL item: the earlier session whose minutes it approves (an adopted ballot approves them).
   * Declared before `meeting` on purpose: MikroORM 6 orders inserts by the last relation declared to an entity,
   * and this optional one must not hide that an item needs its meeting first.
   */
  @ManyToOne('Meeting', { ref: true, nullable: true })
  minutesOf?: Ref<Meeting> | null;

  @ManyToOne('Meeting', { ref: true })
  meeting!: Ref<Meeting>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => AgendaItemKind)
  @Enum({ items: () => AgendaItemKind, type: 'string' })
  kind!: AgendaItemKind;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @ManyToOne(() => Project, { ref: true, nullable: true })
  project?: Ref<Project> | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  allottedMinutes: Opt<number> = 20;

  @Field(() => AgendaItemStatus)
  @Enum({ items: () => AgendaItemStatus, type: 'string' })
  status: Opt<AgendaItemStatus> = AgendaItemStatus.PENDING;

  /** When the item's timer last started; null while the timer is stopped. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  timerStartedAt?: Date | null;

  /** Seconds accumulated before `timerStartedAt`. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  elapsedSeconds: Opt<number> = 0;

  @Field(() => String, { nullable: true, description: 'Why the item was deferred' })
  @Property({ type: 'string', nullable: true })
  deferralReason?: string | null;

  /** The diagnosis version shown in the session: frozen when the session opens. */
  @ManyToOne(() => DiagnosisPaperVersion, { ref: true, nullable: true })
  paperVersion?: Ref<DiagnosisPaperVersion> | null;

  /** The decision taken on the item, if any (at most one; a list because the foreign key is on the decision). */
  @OneToMany('Decision', 'agendaItem')
  decisions = new Collection<Decision>(this);

  /** Conflicts of interest declared on the item. */
  @OneToMany('ConflictOfInterest', 'agendaItem')
  declaredConflicts = new Collection<ConflictOfInterest>(this);
}
