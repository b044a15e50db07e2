import { Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';

/** A small or medium firm (PME/PMI) whose project the committee examines. */
@ObjectType()
@Entity()
@Unique({ properties: ['basin', 'siren'] })
export class Sme extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @Field(() => String, { description: 'SIREN: 9 digits with a Luhn check digit' })
  @Property({ type: 'string' })
  siren!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  sector!: string;

  @Field(() => String, { nullable: true, description: 'Activity code, NAF rév. 2 (e.g. 25.62B)' })
  @Property({ type: 'string', length: 6, nullable: true })
  nafCode?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  headcount!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  town!: string;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  leader?: Ref<Person> | null;
}
