import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { ContributionKind, ContributionOrigin } from '../basin/contribution.entity.js';

/** The largest single entry accepted, in euros: far above a basin's yearly budget, a guard against typing errors. */
export const MAX_CONTRIBUTION = 5_000_000;

@InputType({ description: 'An entry of the contributions ledger' })
export class ContributionInput {
  @Field(() => ID, { description: 'The funder: an organisation of the basin' })
  organisationId!: string;

  // the ranges of year and amount are checked by the service, once it knows the basin is the viewer's
  @Field(() => Int, { description: 'The year it is for (2000 to 2100)' })
  year!: number;

  @Field(() => Int, { description: 'In euros, at most 5 000 000; 0 only on a correction that cancels an entry' })
  amount!: number;

  @Field(() => ContributionKind)
  kind!: ContributionKind;

  @Field(() => ContributionOrigin)
  origin!: ContributionOrigin;

  @Field(() => String, { nullable: true, description: 'The day it was received, ISO date' })
  @IsOptional()
  @MaxLength(10)
  receivedOn?: string | null;

  @Field(() => String, { defaultValue: '' })
  @MaxLength(200)
  label!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Cash paid into the advances fund' })
  toAdvancesFund!: boolean;
}

@InputType()
export class RecordContributionInput extends ContributionInput {
  @Field(() => ID)
  basinId!: string;
}

@InputType({ description: 'What the entry should have said, and why: the old entry stays, superseded' })
export class CorrectContributionInput extends ContributionInput {
  @Field(() => ID, { description: 'The entry corrected' })
  contributionId!: string;

  @Field(() => String)
  @Length(1, 500)
  reason!: string;
}
