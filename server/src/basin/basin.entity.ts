import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';

/** What the quorum counts: one voice per organisation (the programme's default) or one per member. */
export enum QuorumBasis {
  ORGANISATION = 'ORGANISATION',
  MEMBER = 'MEMBER',
}
registerEnumType(QuorumBasis, { name: 'QuorumBasis' });

/** How a ballot's result is computed from its tally. */
export enum MajorityRule {
  /** More "for" than "against"; abstentions do not count. */
  SIMPLE = 'SIMPLE',
  /** More "for" than half of all votes cast, abstentions included. */
  ABSOLUTE = 'ABSOLUTE',
  /** At least two thirds of "for" among for + against. */
  TWO_THIRDS = 'TWO_THIRDS',
}
registerEnumType(MajorityRule, { name: 'MajorityRule' });

/** A local employment area (bassin d'emploi): the tenant boundary, every record belongs to one. */
@ObjectType()
@Entity()
export class Basin extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { description: 'Short stable identifier, used in URLs and imports' })
  @Property({ type: 'string' })
  @Unique()
  slug!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  region!: string;

  @Field(() => Int, { description: 'Cap of one repayable advance, in euros (15 000 in the Valenciennois)' })
  @Property({ type: 'integer' })
  advanceCap: Opt<number> = 25000;

  @Field(() => QuorumBasis)
  @Enum({ items: () => QuorumBasis, type: 'string' })
  quorumBasis: Opt<QuorumBasis> = QuorumBasis.ORGANISATION;

  @Field(() => Int, { description: 'Quorum: share (in %) of organisations (or members) that must attend' })
  @Property({ type: 'integer' })
  quorumPercent: Opt<number> = 50;

  @Field(() => MajorityRule)
  @Enum({ items: () => MajorityRule, type: 'string' })
  majorityRule: Opt<MajorityRule> = MajorityRule.SIMPLE;

  @Field(() => Boolean, { description: 'Whether a voter may change their vote until the ballot closes' })
  @Property({ type: 'boolean' })
  allowVoteChange: Opt<boolean> = true;

  @Field(() => Boolean, { description: 'Whether the choices of a named ballot are shown live while it is open' })
  @Property({ type: 'boolean' })
  showNamedVotesLive: Opt<boolean> = false;

  @Field(() => Int, { description: 'Proxies a present member may carry for absent members of other organisations' })
  @Property({ type: 'integer' })
  maxProxiesPerMember: Opt<number> = 1;

  @Field(() => Float, { description: 'Valuation of one competence day, in euros' })
  @Property({ type: 'double', runtimeType: 'number' })
  dailyRate: Opt<number> = 600;

  @Field(() => [Int], { description: 'Months after the decision when a follow-up report is due' })
  @Property({ type: 'json' })
  followUpCadenceMonths: Opt<number[]> = [3, 6, 12, 18];

  @Field(() => Int, { description: 'Minimum follow-up duration of an approved project, in months' })
  @Property({ type: 'integer' })
  minFollowUpMonths: Opt<number> = 18;

  @Field(() => String)
  @Property({ type: 'string' })
  timezone: Opt<string> = 'Europe/Paris';
}
