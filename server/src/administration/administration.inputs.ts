import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEmail, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MajorityRule, QuorumBasis } from '../basin/basin.entity.js';
import { OrganisationKind } from '../organisation/organisation.entity.js';
import { Role } from '../person/membership.entity.js';
import { Civility } from '../person/person.entity.js';
import { ChairOffice } from './chair-term.entity.js';

@InputType({ description: 'A new basin: its settings start at their defaults' })
export class CreateBasinInput {
  @Field(() => String)
  @Length(2, 120)
  name!: string;

  @Field(() => String, { description: 'Lowercase letters, digits and dashes (2 to 40)' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { message: 'slug' })
  slug!: string;

  @Field(() => String)
  @Length(1, 120)
  region!: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone; Europe/Paris by default' })
  @IsOptional()
  @MaxLength(60)
  timezone?: string | null;
}

@InputType({ description: 'A person to invite (no account yet)' })
export class NewPersonInput {
  @Field(() => String)
  @IsEmail({}, { message: 'invalid' })
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @Length(1, 100)
  firstName!: string;

  @Field(() => String)
  @Length(1, 100)
  lastName!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => Civility, { nullable: true, description: 'Madame or Monsieur; left out, the documents stay neutral' })
  civility?: Civility | null;
}

@InputType({ description: "The basin's operator: an organisation of kind OPERATOR, chosen or created by name" })
export class InviteOperatorInput extends NewPersonInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID, { nullable: true, description: 'An existing organisation of kind OPERATOR…' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: '…or the name of one to create' })
  @IsOptional()
  @Length(1, 200)
  organisationName?: string | null;
}

@InputType()
export class OrganisationInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(120)
  town?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  sector?: string | null;

  @Field(() => String, { nullable: true, description: '9 digits with a valid check digit; spaces are ignored' })
  @IsOptional()
  @MaxLength(20)
  siren?: string | null;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => Role, { description: 'Not EXPERT (granted per project); CHAIR and VICE_CHAIR take office by handover' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: "The organisation represented; by default the person's own" })
  organisationId?: string | null;
}

@InputType()
export class RevokeRoleInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => Role)
  role!: Role;
}

@InputType()
export class TransferPersonInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organisationId!: string;
}

@InputType({ description: "A person's civility, which agrees their titles in the documents" })
export class SetPersonCivilityInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => Civility, { nullable: true, description: 'Null: not given (the documents use the neutral form)' })
  civility?: Civility | null;
}

@InputType()
export class HandOverChairInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => ID)
  toPersonId!: string;

  @Field(() => ChairOffice, { defaultValue: ChairOffice.CHAIR })
  office!: ChairOffice;
}

@InputType({ description: 'The rules of a basin; a field left out does not change' })
export class BasinSettingsInput {
  @Field(() => Int, { nullable: true })
  advanceCap?: number | null;

  @Field(() => QuorumBasis, { nullable: true })
  quorumBasis?: QuorumBasis | null;

  @Field(() => Int, { nullable: true })
  quorumPercent?: number | null;

  @Field(() => MajorityRule, { nullable: true })
  majorityRule?: MajorityRule | null;

  @Field(() => Boolean, { nullable: true })
  allowVoteChange?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  showNamedVotesLive?: boolean | null;

  @Field(() => Int, { nullable: true })
  maxProxiesPerMember?: number | null;

  @Field(() => Float, { nullable: true })
  dailyRate?: number | null;

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(24)
  followUpCadenceMonths?: number[] | null;

  @Field(() => Int, { nullable: true })
  minFollowUpMonths?: number | null;
}

@InputType({ description: "The SME leader's account: an existing person of the basin, or one to invite" })
export class SmeLeaderInput {
  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => NewPersonInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  invite?: NewPersonInput | null;
}
