import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from './basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';

/** Where a contribution's money comes from, as the programme's funding plan counts it. */
export enum ContributionOrigin {
  /** Large partner companies. */
  COMPANIES = 'COMPANIES',
  /** CCI, development agencies, associations: mostly competences. */
  TERRITORIAL_ACTORS = 'TERRITORIAL_ACTORS',
  /** Intercommunalities, departments, regions. */
  COLLECTIVITIES = 'COLLECTIVITIES',
  /** The State's local services and the Caisse des dépôts. */
  STATE_AND_CDC = 'STATE_AND_CDC',
  /** A company's revitalisation obligation (obligation de revitalisation des territoires). */
  REVITALISATION = 'REVITALISATION',
  /** The European Social Fund (FSE). */
  EUROPEAN_SOCIAL_FUND = 'EUROPEAN_SOCIAL_FUND',
}
registerEnumType(ContributionOrigin, { name: 'ContributionOrigin' });

export enum ContributionKind {
  /** Money paid in. */
  CASH = 'CASH',
  /** A valued contribution in kind (premises, equipment, services…); pledged staff time is counted from pledges. */
  IN_KIND = 'IN_KIND',
}
registerEnumType(ContributionKind, { name: 'ContributionKind' });

/**
 * An entry of the contributions ledger: what a funder (an organisation of the basin) put into the scheme for a year,
 * in cash or valued in kind. Entries are never deleted: a correction is a new entry that `corrects` the old one,
 * which is then marked superseded; only entries not superseded count.
 */
@ObjectType()
@Entity()
export class Contribution extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  @Index({ name: 'contribution_basin_idx' })
  basin!: Ref<Basin>;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'In euros (0 on a correction that cancels an entry)' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  label: Opt<string> = '';

  @Field(() => ContributionOrigin)
  @Enum({ items: () => ContributionOrigin, type: 'string' })
  origin!: ContributionOrigin;

  @Field(() => ContributionKind)
  @Enum({ items: () => ContributionKind, type: 'string' })
  kind: Opt<ContributionKind> = ContributionKind.CASH;

  @Field(() => String, { nullable: true, description: 'The day it was received, ISO date' })
  @Property({ type: 'date', nullable: true })
  receivedOn?: string | null;

  @Field(() => Boolean, { description: 'Cash paid into the advances fund: it endows the fund' })
  @Property({ type: 'boolean' })
  toAdvancesFund: Opt<boolean> = false;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  recordedBy?: Ref<Person> | null;

  /** The entry this one corrects (and supersedes). */
  @ManyToOne(() => Contribution, { ref: true, nullable: true })
  corrects?: Ref<Contribution> | null;

  @Field(() => String, { nullable: true, description: 'Why this entry corrects another' })
  @Property({ type: 'text', nullable: true })
  correctionReason?: string | null;

  @Field(() => Date, { nullable: true, description: 'When a correction replaced it; null while it counts' })
  @Property({ type: 'datetime', nullable: true })
  supersededAt?: Date | null;
}
