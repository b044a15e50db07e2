import { Entity, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';
import { Meeting } from './meeting.entity.js';

/** A raised hand in the chair's queue; lowered by its owner or by the chair when they give the floor. */
@ObjectType()
@Entity()
export class HandRaise extends BaseEntity {
  @ManyToOne(() => Meeting, { ref: true })
  meeting!: Ref<Meeting>;

  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  raisedAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  loweredAt?: Date | null;
}
