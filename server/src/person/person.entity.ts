import { Collection, Entity, Enum, OneToMany, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Membership } from './membership.entity.js';

/**
 * How a person is addressed ("Madame", "Monsieur"): it agrees their titles in the French documents ("Présidente de
 * séance"). Optional: without it the documents keep the neutral written form.
 */
export enum Civility {
  MADAME = 'MADAME',
  MONSIEUR = 'MONSIEUR',
}
registerEnumType(Civility, { name: 'Civility', description: 'How a person is addressed: Madame or Monsieur' });

/** A person with an account. Their rights come from their per-basin memberships. */
@ObjectType()
@Entity()
export class Person extends BaseEntity {
  /** Shown through `PersonResolver.email`, to those who may read it. */
  @Property({ type: 'string' })
  @Unique()
  email!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  firstName!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  lastName!: string;

  @Field(() => Civility, {
    nullable: true,
    description: 'Madame or Monsieur, to agree titles in the documents; null when not given (neutral form)',
  })
  @Enum({ items: () => Civility, type: 'string', nullable: true })
  civility?: Civility | null;

  @Field(() => String, { nullable: true, description: 'Job title in their organisation' })
  @Property({ type: 'string', nullable: true })
  title?: string | null;

  /** scrypt hash (`scrypt$N$r$p$salt$hash`); null until an invitation is accepted. */
  @Property({ type: 'string', nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  @Field(() => String, { description: 'Preferred interface language: fr or en' })
  @Property({ type: 'string' })
  locale: Opt<string> = 'fr';

  @Field(() => Boolean, { description: 'Reads every basin: the programme national head' })
  @Property({ type: 'boolean' })
  isNetworkHead: Opt<boolean> = false;

  @OneToMany(() => Membership, (m) => m.person)
  memberships = new Collection<Membership>(this);
}
