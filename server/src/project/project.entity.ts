import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Person } from '../person/person.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { CompetenceNeed } from './competence-need.entity.js';
import type { Pledge } from '../pledge/pledge.entity.js';

export enum ProjectKind {
  /** An existing SME in development: the programme's first target. */
  DEVELOPMENT = 'DEVELOPMENT',
  TAKEOVER = 'TAKEOVER',
  STRUCTURING = 'STRUCTURING',
  CREATION = 'CREATION',
}
registerEnumType(ProjectKind, { name: 'ProjectKind' });

/** A project's pipeline, from prescription to the end of its follow-up. */
export enum ProjectStatus {
  PRESCRIBED = 'PRESCRIBED',
  DIAGNOSIS = 'DIAGNOSIS',
  SCHEDULED = 'SCHEDULED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DEFERRED = 'DEFERRED',
  FOLLOW_UP = 'FOLLOW_UP',
  CLOSED = 'CLOSED',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

@ObjectType()
@Entity()
export class Project extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'project_basin_idx' })
  basin!: Ref<Basin>;

  @ManyToOne(() => Sme, { ref: true })
  sme!: Ref<Sme>;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  summary: Opt<string> = '';

  @Field(() => ProjectKind)
  @Enum({ items: () => ProjectKind, type: 'string' })
  kind: Opt<ProjectKind> = ProjectKind.DEVELOPMENT;

  @Field(() => ProjectStatus)
  @Enum({ items: () => ProjectStatus, type: 'string' })
  status: Opt<ProjectStatus> = ProjectStatus.PRESCRIBED;

  /** The member who brought the project and writes its diagnosis. */
  @ManyToOne(() => Person, { ref: true })
  prescriber!: Ref<Person>;

  /** The prescriber's organisation: recused from the vote on this project. */
  @ManyToOne(() => Organisation, { ref: true })
  prescriberOrganisation!: Ref<Organisation>;

  /** Named at approval; follows the project for at least 18 months. */
  @ManyToOne(() => Person, { ref: true, nullable: true })
  mandatary?: Ref<Person> | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  jobsPlanned: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  jobsCreated: Opt<number> = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  jobsPreserved: Opt<number> = 0;

  @Field(() => Int, { description: 'Repayable advance requested, in euros' })
  @Property({ type: 'integer' })
  advanceRequested: Opt<number> = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @OneToMany(() => CompetenceNeed, (n) => n.project, { orderBy: { position: 'asc' } })
  needs = new Collection<CompetenceNeed>(this);

  /** Every pledge made for the project, withdrawn ones included. */
  @OneToMany('Pledge', 'project', { orderBy: { createdAt: 'asc' } as never })
  pledgeRecords = new Collection<Pledge>(this);
}
