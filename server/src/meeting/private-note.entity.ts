import { Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';
import { AgendaItem } from './agenda-item.entity.js';

/** A member's own notes on an agenda item: nobody else ever reads them. */
@ObjectType()
@Entity()
@Unique({ properties: ['agendaItem', 'author'] })
export class PrivateNote extends BaseEntity {
  @ManyToOne(() => AgendaItem, { ref: true })
  agendaItem!: Ref<AgendaItem>;

  @ManyToOne(() => Person, { ref: true })
  author!: Ref<Person>;

  @Field(() => String)
  @Property({ type: 'text' })
  body!: string;
}
