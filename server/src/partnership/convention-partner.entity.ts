import { Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';

/** What a partner commits to for one calendar year of the convention. */
@ObjectType({ description: 'A partner’s commitment for one calendar year: money and staff days' })
export class YearCommitment {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'In euros' }) amount!: number;
  @Field(() => Float, { description: 'Staff days put at the programme’s disposal' }) staffDays!: number;
}

/**
 * A signatory of a partnership convention: an organisation of the basin, its commitments by year, and its signature
 * once recorded (who signed for it, on which day, and which operator recorded it, when).
 */
@ObjectType()
@Entity()
@Unique({ properties: ['convention', 'organisation'] })
export class ConventionPartner extends BaseEntity {
  @Index()
  @ManyToOne(() => TriennialConvention, { ref: true })
  convention!: Ref<TriennialConvention>;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Field(() => [YearCommitment], { description: 'By calendar year, oldest first' })
  @Property({ type: 'json' })
  commitments: Opt<YearCommitment[]> = [];

  @Field(() => String, { nullable: true, description: 'The day the partner signed, ISO date' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed for the partner (name and title)' })
  @Property({ type: 'string', length: 200, nullable: true })
  signatoryName?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the operator recorded the signature' })
  @Property({ type: 'datetime', nullable: true })
  signatureRecordedAt?: Date | null;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  signatureRecordedBy?: Ref<Person> | null;
}
