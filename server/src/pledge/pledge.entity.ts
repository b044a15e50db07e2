import { Entity, Enum, Index, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { CompetenceDomain, CompetenceNeed } from '../project/competence-need.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';

/** Staff time a partner company commits to a project, and later what it delivered. */
@ObjectType()
@Entity()
export class Pledge extends BaseEntity {
  @ManyToOne(() => Project, { ref: true })
  @Index({ name: 'pledge_project_idx' })
  project!: Ref<Project>;

  @ManyToOne(() => AgendaItem, { ref: true, nullable: true })
  agendaItem?: Ref<AgendaItem> | null;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @ManyToOne(() => CompetenceNeed, { ref: true, nullable: true })
  need?: Ref<CompetenceNeed> | null;

  @Field(() => CompetenceDomain)
  @Enum({ items: () => CompetenceDomain, type: 'string' })
  domain!: CompetenceDomain;

  @Field(() => String)
  @Property({ type: 'string' })
  profile!: string;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  days!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  periodStart?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'Named expert, when the company already knows who' })
  @Property({ type: 'string', nullable: true })
  expertName?: string | null;

  @ManyToOne(() => Person, { ref: true })
  pledgedBy!: Ref<Person>;

  @Field(() => Float, { description: 'Days actually delivered so far' })
  @Property({ type: 'double', runtimeType: 'number' })
  daysDelivered: Opt<number> = 0;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  withdrawn: Opt<boolean> = false;
}
