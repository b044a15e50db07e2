import { Entity, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from './basin.entity.js';

/** The three-year convention that funds a basin and sets its targets. */
@ObjectType()
@Entity()
export class TriennialConvention extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @Field(() => String)
  @Property({ type: 'string' })
  label!: string;

  @Field(() => String, { description: 'First day, ISO date' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => String, { description: 'Last day, ISO date' })
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  targetJobsPerYear: Opt<number> = 75;

  @Field(() => Int)
  @Property({ type: 'integer' })
  targetProjectsExaminedPerYear: Opt<number> = 15;

  @Field(() => Int)
  @Property({ type: 'integer' })
  targetProjectsApprovedPerYear: Opt<number> = 12;

  @Field(() => Int, { description: 'Means over the three years, in euros' })
  @Property({ type: 'integer' })
  targetBudget: Opt<number> = 900000;

  @Field(() => Float, { description: 'Expected share of resources from partner companies, in %' })
  @Property({ type: 'double', runtimeType: 'number' })
  shareCompanies: Opt<number> = 40;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  shareTerritorialActors: Opt<number> = 20;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  shareCollectivities: Opt<number> = 25;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  shareStateAndCdc: Opt<number> = 15;

  @Field(() => Int, { description: 'Money put into the advances fund by the funders, in euros' })
  @Property({ type: 'integer' })
  advancesFundEndowment: Opt<number> = 0;

  @Field(() => Int, { description: 'Critical size of the advances fund, lower bound, in euros' })
  @Property({ type: 'integer' })
  advancesFundTarget: Opt<number> = 400000;
}
