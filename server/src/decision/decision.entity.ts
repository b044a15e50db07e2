import { Entity, Enum, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { Person } from '../person/person.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Ballot } from '../ballot/ballot.entity.js';

export enum DecisionOutcome {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DEFERRED = 'DEFERRED',
}
registerEnumType(DecisionOutcome, { name: 'DecisionOutcome' });

/** The committee's decision on a project, with everything needed to trace it. */
@ObjectType()
@Entity()
export class Decision extends BaseEntity {
  @ManyToOne(() => Project, { ref: true })
  project!: Ref<Project>;

  @ManyToOne(() => AgendaItem, { ref: true, nullable: true })
  agendaItem?: Ref<AgendaItem> | null;

  @ManyToOne(() => Ballot, { ref: true, nullable: true })
  ballot?: Ref<Ballot> | null;

  @Field(() => DecisionOutcome)
  @Enum({ items: () => DecisionOutcome, type: 'string' })
  outcome!: DecisionOutcome;

  @Field(() => Int, { description: 'Advance granted, in euros (0 when none)' })
  @Property({ type: 'integer' })
  advanceAmount: Opt<number> = 0;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  mandatary?: Ref<Person> | null;

  @Field(() => String)
  @Property({ type: 'text' })
  reasons: Opt<string> = '';

  /** Snapshot at decision time: attendance, quorum, tally, recusals, pledges. */
  @Property({ type: 'json' })
  trace: Opt<Record<string, unknown>> = {};

  @ManyToOne(() => Person, { ref: true })
  recordedBy!: Ref<Person>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  decidedAt: Opt<Date> = new Date();
}
