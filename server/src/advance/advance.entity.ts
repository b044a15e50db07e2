import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, type Ref, Unique, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Person } from '../person/person.entity.js';

export enum RepaymentFrequency {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}
registerEnumType(RepaymentFrequency, { name: 'RepaymentFrequency' });

export enum AdvanceStatus {
  GRANTED = 'GRANTED',
  DISBURSED = 'DISBURSED',
  REPAID = 'REPAID',
  DEFAULTED = 'DEFAULTED',
}
registerEnumType(AdvanceStatus, { name: 'AdvanceStatus' });

/** An interest-free repayable advance (avance remboursable) granted by a decision. */
@ObjectType()
@Entity()
export class Advance extends BaseEntity {
  @ManyToOne(() => Project, { ref: true })
  project!: Ref<Project>;

  @ManyToOne(() => Decision, { ref: true })
  decision!: Ref<Decision>;

  @Field(() => Int, { description: 'In euros' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => AdvanceStatus)
  @Enum({ items: () => AdvanceStatus, type: 'string' })
  status: Opt<AdvanceStatus> = AdvanceStatus.GRANTED;

  @Field(() => String, { nullable: true })
  @Property({ type: 'date', nullable: true })
  disbursedOn?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  deferralMonths: Opt<number> = 6;

  @Field(() => Int)
  @Property({ type: 'integer' })
  durationMonths: Opt<number> = 36;

  @Field(() => RepaymentFrequency)
  @Enum({ items: () => RepaymentFrequency, type: 'string' })
  frequency: Opt<RepaymentFrequency> = RepaymentFrequency.MONTHLY;

  @Field(() => Int, { description: 'Loss booked at default, in euros' })
  @Property({ type: 'integer' })
  lossAmount: Opt<number> = 0;

  @Field(() => String, { nullable: true, description: 'The day the default was declared and the loss booked' })
  @Property({ type: 'date', nullable: true })
  defaultedOn?: string | null;

  @OneToMany(() => RepaymentInstalment, (i) => i.advance, { orderBy: { number: 'asc' } })
  instalments = new Collection<RepaymentInstalment>(this);
}

@ObjectType()
@Entity()
@Unique({ properties: ['advance', 'number'] })
export class RepaymentInstalment extends BaseEntity {
  @ManyToOne(() => Advance, { ref: true })
  advance!: Ref<Advance>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  paidAmount: Opt<number> = 0;

  @Field(() => String, { nullable: true, description: 'The day it was fully paid' })
  @Property({ type: 'date', nullable: true })
  paidOn?: string | null;
}

@ObjectType()
@Entity()
export class Repayment extends BaseEntity {
  @ManyToOne(() => Advance, { ref: true })
  advance!: Ref<Advance>;

  @Field(() => String)
  @Property({ type: 'date' })
  paidOn!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amount!: number;

  @ManyToOne(() => Person, { ref: true })
  recordedBy!: Ref<Person>;
}
