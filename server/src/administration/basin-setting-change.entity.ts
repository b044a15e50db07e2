import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';

/** One changed rule of a basin: who, when (`createdAt`), which field, the value before and after (as JSON text). */
@ObjectType()
@Entity()
export class BasinSettingChange extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @ManyToOne(() => Person, { ref: true })
  changedBy!: Ref<Person>;

  @Field(() => String, { description: 'The Basin field that changed, e.g. quorumPercent' })
  @Property({ type: 'string' })
  field!: string;

  @Field(() => String, { description: 'The value before, as JSON' })
  @Property({ type: 'text' })
  before!: string;

  @Field(() => String, { description: 'The value after, as JSON' })
  @Property({ type: 'text' })
  after!: string;
}
