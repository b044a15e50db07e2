import { Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';

/**
 * A person's calendar feed: the URL holds a random secret, of which only the SHA-256 is kept (like sessions), so a
 * copy of the database does not give anyone's feed away.
 */
@Entity()
@Unique({ properties: ['person'] })
export class CalendarFeed extends BaseEntity {
  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @Property({ type: 'string' })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
