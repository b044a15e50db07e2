import { Entity, Index, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';

/** A signed-in session. Only the SHA-256 of its token is stored, so a database leak gives no usable token. */
@Entity()
export class AuthSession extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  tokenHash!: string;

  @ManyToOne(() => Person, { ref: true })
  @Index({ name: 'auth_session_person_idx' })
  person!: Ref<Person>;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
