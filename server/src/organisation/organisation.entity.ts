import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';

export enum OrganisationKind {
  /** The neutral local body that runs the scheme (often the CCI). */
  OPERATOR = 'OPERATOR',
  /** A large employer that pledges staff time and sits on the committee. */
  PARTNER_COMPANY = 'PARTNER_COMPANY',
  /** CCI, development agency, PFIL, bank, chartered accountant: brings projects, advises. */
  ASSOCIATED_PARTNER = 'ASSOCIATED_PARTNER',
  COLLECTIVITY = 'COLLECTIVITY',
  STATE = 'STATE',
  CDC = 'CDC',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@ObjectType()
@Entity()
export class Organisation extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => OrganisationKind)
  @Enum({ items: () => OrganisationKind, type: 'string' })
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  town?: string | null;

  @Field(() => String, { nullable: true, description: 'Sector of activity, free text' })
  @Property({ type: 'string', nullable: true })
  sector?: string | null;

  @Field(() => String, { nullable: true, description: 'SIREN (9 digits with a Luhn check digit), when it has one' })
  @Property({ type: 'string', nullable: true })
  siren?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was archived: gone from the pickers, kept in the history; null while active',
  })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;
}
