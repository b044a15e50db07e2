import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CompetenceDomain } from './competence-need.entity.js';
import { ProjectKind, ProjectStatus } from './project.entity.js';

/** A project lists its competence needs whole: a handful in practice, at most this many. */
export const MAX_NEEDS = 50;
@InputType()
export class SmeInput {
  @Field(() => String, { description: '9 digits; spaces are ignored' })
  siren!: string;

  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String)
  @Length(1, 200)
  sector!: string;

  @Field(() => String, {
    nullable: true,
    description: 'NAF rév. 2 activity code, e.g. 25.62B (dots and spaces optional)',
  })
  @IsOptional()
  @MaxLength(10)
  nafCode?: string | null;

  @Field(() => Int)
  @Min(0)
  @Max(5000)
  headcount!: number;

  @Field(() => String)
  @Length(1, 200)
  town!: string;
}

@InputType({ description: "The SME's details as the project form edits them; its SIREN does not change" })
export class SmeUpdateInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String)
  @Length(1, 200)
  sector!: string;

  @Field(() => String, {
    nullable: true,
    description: 'NAF rév. 2 activity code, e.g. 25.62B (dots and spaces optional)',
  })
  @IsOptional()
  @MaxLength(10)
  nafCode?: string | null;

  @Field(() => Int)
  @Min(0)
  @Max(5000)
  headcount!: number;

  @Field(() => String)
  @Length(1, 200)
  town!: string;
}

@InputType()
export class CompetenceNeedInput {
  @Field(() => CompetenceDomain)
  domain!: CompetenceDomain;

  @Field(() => String)
  @Length(1, 300)
  profile!: string;

  @Field(() => Float)
  @Min(0.5)
  @Max(1000)
  estimatedDays!: number;
}

@InputType()
export class CreateProjectInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID, { nullable: true, description: 'An SME already known in the basin…' })
  smeId?: string | null;

  @Field(() => SmeInput, { nullable: true, description: '…or a new one' })
  @IsOptional()
  @ValidateNested()
  sme?: SmeInput | null;

  @Field(() => String)
  @Length(3, 200)
  title!: string;

  @Field(() => String, { defaultValue: '' })
  @MaxLength(20000)
  summary!: string;

  @Field(() => ProjectKind, { defaultValue: ProjectKind.DEVELOPMENT })
  kind!: ProjectKind;

  @Field(() => ID, { description: 'The member who brings the project' })
  prescriberId!: string;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(10000)
  jobsPlanned!: number;

  @Field(() => Int, { defaultValue: 0, description: 'In euros' })
  @Min(0)
  advanceRequested!: number;

  @Field(() => [CompetenceNeedInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(MAX_NEEDS)
  needs!: CompetenceNeedInput[];
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(3, 200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  summary?: string | null;

  @Field(() => ProjectKind, { nullable: true })
  kind?: ProjectKind | null;

  @Field(() => ProjectStatus, {
    nullable: true,
    description: 'Only forward along the preparation steps, as moveProject; decisions move the rest',
  })
  status?: ProjectStatus | null;

  @Field(() => ID, { nullable: true, description: 'The member who brings the project' })
  prescriberId?: string | null;

  @Field(() => SmeUpdateInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  sme?: SmeUpdateInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(10000)
  jobsPlanned?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  advanceRequested?: number | null;

  @Field(() => [CompetenceNeedInput], { nullable: true, description: 'Replaces the whole list when given' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(MAX_NEEDS)
  needs?: CompetenceNeedInput[] | null;
}
