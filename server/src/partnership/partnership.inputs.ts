import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsInt, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** The largest yearly amount of one commitment or one annex line, in euros: a guard against typing errors. */
export const MAX_YEARLY_AMOUNT = 10_000_000;
/** The most staff days one partner commits in a year. */
export const MAX_STAFF_DAYS = 10_000;
/** The most partners one convention has. */
export const MAX_PARTNERS = 60;
/** The most specific objectives one convention has. */
export const MAX_OBJECTIVES = 30;
/** The largest target of an objective. */
export const MAX_TARGET = 1_000_000_000;

/** The sources of the funding plan, as the budget annex lists its resources (server/src/contribution/sources.ts). */
export enum AnnexSource {
  COMPANIES = 'COMPANIES',
  TERRITORIAL_ACTORS = 'TERRITORIAL_ACTORS',
  COLLECTIVITIES = 'COLLECTIVITIES',
  STATE_AND_CDC = 'STATE_AND_CDC',
}
registerEnumType(AnnexSource, {
  name: 'AnnexSource',
  description: 'A source of the funding plan (40 / 20 / 25 / 15 %)',
});

/** The lines of the budget annex's uses (docs/DECISIONS.md, "Partnership convention"). */
export enum AnnexUseLine {
  /** The operator's staff who run the scheme (the chargé de mission). */
  OPERATOR_STAFF = 'OPERATOR_STAFF',
  /** The operator's running costs: premises, travel, communication (capped at 10 000 € a year by the treasury). */
  RUNNING_COSTS = 'RUNNING_COSTS',
  /** Money paid into the advances fund. */
  ADVANCES_FUND = 'ADVANCES_FUND',
  /** The partners' staff time given to SMEs, valued: the counterpart of in-kind resources. */
  PARTNER_STAFF_TIME = 'PARTNER_STAFF_TIME',
}
registerEnumType(AnnexUseLine, { name: 'AnnexUseLine' });

@InputType({ description: 'A partner’s commitment for one calendar year of the convention' })
export class YearCommitmentInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'In euros, 0 to 10 000 000' })
  @IsInt()
  @Min(0)
  @Max(MAX_YEARLY_AMOUNT)
  amount!: number;

  @Field(() => Float, { description: 'Staff days, 0 to 10 000' })
  @Min(0)
  @Max(MAX_STAFF_DAYS)
  staffDays!: number;
}

@InputType()
export class PartnerCommitmentsInput {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => [YearCommitmentInput], { description: 'At most one per calendar year of the convention' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  commitments!: YearCommitmentInput[];
}

@InputType()
export class AnnexResourceInput {
  @Field(() => AnnexSource) source!: AnnexSource;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'In euros, 0 to 10 000 000' })
  @IsInt()
  @Min(0)
  @Max(MAX_YEARLY_AMOUNT)
  amount!: number;
}

@InputType()
export class AnnexUseInput {
  @Field(() => AnnexUseLine) line!: AnnexUseLine;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'In euros, 0 to 10 000 000' })
  @IsInt()
  @Min(0)
  @Max(MAX_YEARLY_AMOUNT)
  amount!: number;
}

@InputType({ description: 'The whole budget annex: it replaces the one stored' })
export class BudgetAnnexInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => [AnnexResourceInput], { description: 'At most one line per source and year' })
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  resources!: AnnexResourceInput[];

  @Field(() => [AnnexUseInput], { description: 'At most one line per use and year' })
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  uses!: AnnexUseInput[];
}

@InputType()
export class ObjectiveInput {
  @Field(() => String)
  @Length(1, 200)
  label!: string;

  @Field(() => Float, { description: '0 to 1 000 000 000' })
  @Min(0)
  @Max(MAX_TARGET)
  target!: number;

  @Field(() => String, { description: 'jobs, SMEs, days, €, %…' })
  @Length(1, 40)
  unit!: string;
}

@InputType({ description: 'The specific objectives, in order: they replace those stored' })
export class ObjectivesInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => [ObjectiveInput])
  @ArrayMaxSize(MAX_OBJECTIVES)
  @ValidateNested({ each: true })
  objectives!: ObjectiveInput[];
}

@InputType({ description: 'The convention’s label and its headline targets' })
export class ConventionTermsInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => String)
  @Length(3, 200)
  label!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  targetJobsPerYear!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10_000)
  targetProjectsExaminedPerYear!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10_000)
  targetProjectsApprovedPerYear!: number;

  @Field(() => Int, { description: 'Means over the three years, in euros' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  targetBudget!: number;

  @Field(() => Int, { description: 'Critical size of the advances fund, in euros' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  advancesFundTarget!: number;

  @Field(() => Float, { description: 'Expected shares of resources, in %: the four add up to 100' })
  @Min(0)
  @Max(100)
  shareCompanies!: number;

  @Field(() => Float)
  @Min(0)
  @Max(100)
  shareTerritorialActors!: number;

  @Field(() => Float)
  @Min(0)
  @Max(100)
  shareCollectivities!: number;

  @Field(() => Float)
  @Min(0)
  @Max(100)
  shareStateAndCdc!: number;
}

@InputType({ description: 'A partner’s signature, as the operator records it from the signed paper' })
export class SignatureInput {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => String, { description: 'Who signed for the partner: name and title' })
  @Length(1, 200)
  signatoryName!: string;

  @Field(() => String, { description: 'The day signed, ISO date; not in the future' })
  @MaxLength(10)
  signedOn!: string;
}

@InputType({ description: 'A signed convention’s objective target changed by amendment: the reason is kept' })
export class AmendObjectiveInput {
  @Field(() => ID)
  objectiveId!: string;

  @Field(() => Float)
  @Min(0)
  @Max(MAX_TARGET)
  target!: number;

  @Field(() => String)
  @Length(3, 500)
  reason!: string;
}
