import { Collection, Entity, OneToMany, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Membership } from './membership.entity.js';

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
