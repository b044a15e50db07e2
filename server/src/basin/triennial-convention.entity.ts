import { Entity, ManyToOne, OneToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from './basin.entity.js';

/** One line of the budget annex's resources: what a source of the funding plan brings in a year, in euros. */
export interface AnnexResource {
  source: string;
  year: number;
  amount: number;
}

/** One line of the budget annex's uses: what the programme spends on a line in a year, in euros. */
export interface AnnexUse {
  line: string;
  year: number;
  amount: number;
}

/**
 * The three-year partnership convention that funds a basin and sets its targets. It is a DRAFT while its terms are
 * discussed, its partners sign it one by one (the first signature freezes the terms), and it is signed when the last
 * partner has signed (`signedAt`); then it runs over its period. A renewal is a new convention that `renews` it.
 */
@ObjectType()
@Entity()
export class TriennialConvention extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  /** When the last partner's signature was recorded; null while it is a draft or being signed. */
  @Field(() => Date, { nullable: true, description: "When the last partner's signature was recorded" })
  @Property({ type: 'datetime', nullable: true })
  signedAt?: Date | null;

  /** The convention this one renews (for the next period); at most one renewal per convention. */
  @OneToOne(() => TriennialConvention, { ref: true, nullable: true, owner: true, unique: true })
  renews?: Ref<TriennialConvention> | null;

  /** Budget annex, resources: by source of the funding plan and calendar year. */
  @Property({ type: 'json' })
  annexResources: Opt<AnnexResource[]> = [];

  /** Budget annex, uses: by line and calendar year. */
  @Property({ type: 'json' })
  annexUses: Opt<AnnexUse[]> = [];

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
