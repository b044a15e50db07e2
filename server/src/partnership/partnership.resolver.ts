import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { Length, MaxLength } from 'class-validator';
import type { Context } from '../context.js';
import { Role } from '../person/membership.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { ConventionPartner } from './convention-partner.entity.js';
import { ConventionObjective } from './convention-objective.entity.js';
import { readsConventionMoney, readsConventionObjectives } from './partnership.access.js';
import { ReadableWhen } from '../auth/readable-when.js';
import {
  AmendObjectiveInput,
  AnnexSource,
  AnnexUseLine,
  BudgetAnnexInput,
  ConventionTermsInput,
  ObjectivesInput,
  PartnerCommitmentsInput,
  SignatureInput,
} from './partnership.inputs.js';
import {
  ConventionStatus,
  addConventionPartner,
  amendObjectiveTarget,
  conventionById,
  conventionsOf,
  objectivesOf,
  partnersOf,
  recordPartnerSignature,
  removeConventionPartner,
  renewConvention,
  setBudgetAnnex,
  setConventionObjectives,
  setPartnerCommitments,
  signatureCount,
  startConvention,
  statusOf,
  updateConventionTerms,
  withdrawPartnerSignature,
} from './partnership.service.js';
import { conventionYears } from './periods.js';

registerEnumType(ConventionStatus, { name: 'ConventionStatus' });

@ObjectType()
class AnnexResourceLine {
  @Field(() => AnnexSource) source!: AnnexSource;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'In euros' }) amount!: number;
}

@ObjectType()
class AnnexUseRow {
  @Field(() => AnnexUseLine) line!: AnnexUseLine;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'In euros' }) amount!: number;
}

@ObjectType({ description: 'The budget annex: resources by source and uses by line, by calendar year' })
class BudgetAnnex {
  @Field(() => [AnnexResourceLine]) resources!: AnnexResourceLine[];
  @Field(() => [AnnexUseRow]) uses!: AnnexUseRow[];
  @Field(() => Int) resourcesTotal!: number;
  @Field(() => Int) usesTotal!: number;
}

@InputType({ description: "A basin's first convention: three years from its first day" })
class StartConventionInput {
  @Field(() => ID) basinId!: string;

  @Field(() => String, { description: 'First day, ISO date' })
  @MaxLength(10)
  startsOn!: string;

  @Field(() => String)
  @Length(3, 200)
  label!: string;
}

@Resolver(() => TriennialConvention)
export class PartnershipConventionResolver {
  @Authorized()
  @Query(() => [TriennialConvention], {
    description: "The basin's partnership conventions, the latest period first (operator, steering committee, head)",
  })
  triennialConventions(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    return conventionsOf(ctx, basinId);
  }

  @Authorized()
  @Query(() => TriennialConvention, { description: 'One partnership convention, with its partners and annex' })
  triennialConvention(@Arg('conventionId', () => ID) conventionId: string, @Ctx() ctx: Context) {
    return conventionById(ctx, conventionId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, { description: "Operator: draft the basin's first convention" })
  startConvention(@Arg('input', () => StartConventionInput) input: StartConventionInput, @Ctx() ctx: Context) {
    return startConvention(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, {
    description:
      'Operator: draft the renewal of a signed convention for the next three years, partners carried forward',
  })
  renewConvention(@Arg('conventionId', () => ID) conventionId: string, @Ctx() ctx: Context) {
    return renewConvention(ctx, conventionId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, { description: "Operator: a draft's label and headline targets" })
  updateConventionTerms(@Arg('input', () => ConventionTermsInput) input: ConventionTermsInput, @Ctx() ctx: Context) {
    return updateConventionTerms(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ConventionPartner, { description: 'Operator: add an organisation of the basin to a draft' })
  addConventionPartner(
    @Arg('conventionId', () => ID) conventionId: string,
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() ctx: Context,
  ) {
    return addConventionPartner(ctx, conventionId, organisationId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, { description: 'Operator: take a partner off a draft' })
  removeConventionPartner(@Arg('partnerId', () => ID) partnerId: string, @Ctx() ctx: Context) {
    return removeConventionPartner(ctx, partnerId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ConventionPartner, { description: "Operator: a partner's commitments on a draft, by year" })
  setPartnerCommitments(
    @Arg('input', () => PartnerCommitmentsInput) input: PartnerCommitmentsInput,
    @Ctx() ctx: Context,
  ) {
    return setPartnerCommitments(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, { description: "Operator: a draft's budget annex (replaces it)" })
  setBudgetAnnex(@Arg('input', () => BudgetAnnexInput) input: BudgetAnnexInput, @Ctx() ctx: Context) {
    return setBudgetAnnex(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, { description: "Operator: a draft's specific objectives (replaces them)" })
  setConventionObjectives(@Arg('input', () => ObjectivesInput) input: ObjectivesInput, @Ctx() ctx: Context) {
    return setConventionObjectives(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, {
    description: "Operator: record a partner's signature; the last one makes the convention signed",
  })
  recordPartnerSignature(@Arg('input', () => SignatureInput) input: SignatureInput, @Ctx() ctx: Context) {
    return recordPartnerSignature(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TriennialConvention, {
    description: 'Operator: withdraw a signature recorded by mistake, while some partner has yet to sign',
  })
  withdrawPartnerSignature(@Arg('partnerId', () => ID) partnerId: string, @Ctx() ctx: Context) {
    return withdrawPartnerSignature(ctx, partnerId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ConventionObjective, {
    description: "Operator: amend a signed convention's objective target, saying why",
  })
  amendObjectiveTarget(@Arg('input', () => AmendObjectiveInput) input: AmendObjectiveInput, @Ctx() ctx: Context) {
    return amendObjectiveTarget(ctx, input);
  }

  @FieldResolver(() => ConventionStatus)
  async status(@Root() convention: TriennialConvention, @Ctx() ctx: Context) {
    return statusOf(convention, await signatureCount(ctx.em, convention.id));
  }

  @FieldResolver(() => Boolean, { description: 'Terms frozen: a partner has signed' })
  async frozen(@Root() convention: TriennialConvention, @Ctx() ctx: Context) {
    return !!convention.signedAt || (await signatureCount(ctx.em, convention.id)) > 0;
  }

  @FieldResolver(() => [Int], { description: 'The calendar years it covers' })
  years(@Root() convention: TriennialConvention) {
    return conventionYears(convention);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The convention this one renews' })
  renewsId(@Root() convention: TriennialConvention) {
    return convention.renews?.id ?? null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Its renewal, once drafted' })
  async renewalId(@Root() convention: TriennialConvention, @Ctx() ctx: Context) {
    return (await ctx.em.findOne(TriennialConvention, { renews: convention.id }))?.id ?? null;
  }

  @FieldResolver(() => [ConventionPartner], {
    nullable: true,
    description: "Its signatories and their commitments; null for whoever does not read the programme's money",
  })
  @ReadableWhen(readsConventionMoney)
  partners(@Root() convention: TriennialConvention, @Ctx() ctx: Context) {
    return partnersOf(ctx.em, convention.id);
  }

  @FieldResolver(() => BudgetAnnex, {
    nullable: true,
    description: "Its budget annex; null for whoever does not read the programme's money",
  })
  @ReadableWhen(readsConventionMoney)
  budgetAnnex(@Root() convention: TriennialConvention): BudgetAnnex {
    const sum = (lines: readonly { amount: number }[]) => lines.reduce((total, line) => total + line.amount, 0);
    return {
      resources: convention.annexResources as AnnexResourceLine[],
      uses: convention.annexUses as AnnexUseRow[],
      resourcesTotal: sum(convention.annexResources),
      usesTotal: sum(convention.annexUses),
    };
  }

  @FieldResolver(() => [ConventionObjective], {
    nullable: true,
    description: 'Its specific objectives, in order; null for whoever does not read the basin',
  })
  @ReadableWhen(readsConventionObjectives)
  objectives(@Root() convention: TriennialConvention, @Ctx() ctx: Context) {
    return objectivesOf(ctx.em, convention.id);
  }
}

@Resolver(() => ConventionPartner)
export class ConventionPartnerResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() partner: ConventionPartner) {
    return partner.organisation.load();
  }

  @FieldResolver(() => Boolean)
  signed(@Root() partner: ConventionPartner) {
    return !!partner.signedOn;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The operator who recorded the signature' })
  async signatureRecordedByName(@Root() partner: ConventionPartner) {
    const person = await partner.signatureRecordedBy?.load();
    return person ? `${person.firstName} ${person.lastName}` : null;
  }

  @FieldResolver(() => ID)
  conventionId(@Root() partner: ConventionPartner) {
    return partner.convention.id;
  }
}
