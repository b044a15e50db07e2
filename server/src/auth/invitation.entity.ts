import { Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Person } from '../person/person.entity.js';
import { Basin } from '../basin/basin.entity.js';

/** A one-time link with which an invited person sets their password. Only the token's hash is stored. */
@Entity()
export class Invitation extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  tokenHash!: string;

  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  /** The basin the person is invited into; null for the national head, who belongs to none. */
  @ManyToOne(() => Basin, { ref: true, nullable: true })
  basin?: Ref<Basin> | null;

  @ManyToOne(() => Person, { ref: true })
  invitedBy!: Ref<Person>;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
