import { Entity, ManyToOne, Property, type Ref, Unique, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { Person } from '../person/person.entity.js';

/** A mandatary's periodic report on an approved project. */
@ObjectType()
@Entity()
@Unique({ properties: ['project', 'monthsAfterDecision'] })
export class FollowUpReport extends BaseEntity {
  @ManyToOne(() => Project, { ref: true })
  project!: Ref<Project>;

  @ManyToOne(() => Person, { ref: true })
  author!: Ref<Person>;

  @Field(() => Int, { description: 'Months after the decision this report covers' })
  @Property({ type: 'integer' })
  monthsAfterDecision!: number;

  @Field(() => String)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  hiresMade: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  jobsPreserved: Opt<number> = 0;

  @Field(() => Int, { nullable: true, description: 'Revenue over the last 12 months, in euros' })
  @Property({ type: 'integer', nullable: true })
  revenue?: number | null;

  @Field(() => String)
  @Property({ type: 'text' })
  difficulties: Opt<string> = '';

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  newInterventionRequest?: string | null;

  /** Days delivered per pledge since the previous report: `{ [pledgeId]: days }`. */
  @Property({ type: 'json' })
  deliveredDays: Opt<Record<string, number>> = {};

  /** Why a pledge's delivered days went above the days pledged: `{ [pledgeId]: justification }`. */
  @Property({ type: 'json' })
  overrunJustifications: Opt<Record<string, string>> = {};

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  closing: Opt<boolean> = false;
}
