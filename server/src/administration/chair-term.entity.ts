import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';

/** The two offices that preside a committee: one holder each per basin at a time, never the same person. */
export enum ChairOffice {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
}
registerEnumType(ChairOffice, { name: 'ChairOffice' });

/**
 * One term of a chair or vice-chair: kept when it ends, so that the basin's history shows who presided when. At most
 * one open term per basin and office (a partial unique index in the database, `ended_at is null`).
 */
@ObjectType()
@Entity()
@Index({ properties: ['basin', 'office'] })
export class ChairTerm extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @ManyToOne(() => Person, { ref: true })
  person!: Ref<Person>;

  @Field(() => ChairOffice)
  @Enum({ items: () => ChairOffice, type: 'string' })
  office!: ChairOffice;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the term runs' })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  /** Who started this term (a handover, a grant); null for a term found already running (before terms were kept). */
  @ManyToOne(() => Person, { ref: true, nullable: true })
  startedBy?: Ref<Person> | null;

  /** Who ended it (by a handover or a revocation). */
  @ManyToOne(() => Person, { ref: true, nullable: true })
  endedBy?: Ref<Person> | null;
}
