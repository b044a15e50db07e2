import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Person } from '../person/person.entity.js';

/**
 * A specific objective of a partnership convention (label, target, unit). Its target is edited freely while the
 * convention is a draft; once signed, it changes only through an amendment that says why (`amendmentReason`) and
 * keeps the signed value (`signedTarget`); the audit trail keeps each value before and after.
 */
@ObjectType()
@Entity()
export class ConventionObjective extends BaseEntity {
  @Index()
  @ManyToOne(() => TriennialConvention, { ref: true })
  convention!: Ref<TriennialConvention>;

  @Field(() => Int, { description: 'Order on the convention, from 0' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  label!: string;

  @Field(() => Float)
  @Property({ type: 'double', runtimeType: 'number' })
  target!: number;

  @Field(() => String, { description: 'jobs, SMEs, days, €, %…' })
  @Property({ type: 'string', length: 40 })
  unit!: string;

  @Field(() => Float, { nullable: true, description: 'The target as signed, once an amendment changed it' })
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  signedTarget?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the target was last amended after signing' })
  @Property({ type: 'text', nullable: true })
  amendmentReason?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  amendedAt?: Date | null;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  amendedBy?: Ref<Person> | null;
}
