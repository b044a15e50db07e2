import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { Role } from '../person/membership.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionOrigin } from '../basin/contribution.entity.js';
import { Page, PageArgs, toPage } from '../common/page.js';
import { CorrectContributionInput, RecordContributionInput } from './contribution.inputs.js';
import {
  budgetVsActual,
  contributionsLedger,
  correctContribution,
  funderStatement,
  recordContribution,
} from './contribution.service.js';

@ObjectType()
class ContributionPage extends Page(Contribution) {}

@ObjectType({ description: 'What one origin brought, in cash and valued in kind' })
class OriginActual {
  @Field(() => ContributionOrigin) origin!: ContributionOrigin;
  @Field(() => Int) cash!: number;
  @Field(() => Int) inKind!: number;
}

@ObjectType({ description: "One source of the convention's funding plan: its budget against what came in" })
class SourceBudget {
  @Field(() => String, { description: 'COMPANIES, TERRITORIAL_ACTORS, COLLECTIVITIES or STATE_AND_CDC' })
  source!: string;
  @Field(() => Float, { description: 'Expected share of resources, in %' }) targetShare!: number;
  @Field(() => Int, { description: 'Budget for the period shown, in euros' }) budget!: number;
  @Field(() => Int) cash!: number;
  @Field(() => Int) inKind!: number;
  @Field(() => Int, { nullable: true, description: 'Delivered staff time, valued; over the whole convention only' })
  staffTime!: number | null;
  @Field(() => Int) actual!: number;
  @Field(() => Int, { description: 'actual − budget' }) gap!: number;
  @Field(() => Float, { description: 'actual in % of budget' }) achieved!: number;
  @Field(() => [OriginActual]) origins!: OriginActual[];
}

@ObjectType({ description: "The convention's budget by source against the ledger, for a year or its three years" })
class BudgetVsActual {
  @Field(() => TriennialConvention, { nullable: true }) convention!: TriennialConvention | null;
  @Field(() => Int, { nullable: true, description: 'The year shown; null for the whole convention' })
  year!: number | null;
  @Field(() => [Int], { description: 'The calendar years of the convention' }) years!: number[];
  @Field(() => Int) budget!: number;
  @Field(() => Int) actual!: number;
  @Field(() => [SourceBudget]) sources!: SourceBudget[];
}

@ObjectType()
class StatementYear {
  @Field(() => Int) year!: number;
  @Field(() => Int) cash!: number;
  @Field(() => Int) inKind!: number;
  @Field(() => Int) total!: number;
}

@ObjectType({ description: "A funder's statement: its contributions by year, in cash and in kind" })
class FunderStatement {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => [StatementYear], { description: 'Oldest first' }) years!: StatementYear[];
  @Field(() => Int) cash!: number;
  @Field(() => Int) inKind!: number;
  @Field(() => Int) total!: number;
  @Field(() => [Contribution], { description: 'Its entries, newest first, corrected ones too (at most 200)' })
  entries!: Contribution[];
}

@Resolver(() => Contribution)
export class ContributionResolver {
  @Authorized()
  @Query(() => ContributionPage, {
    description: 'The contributions ledger (operator, steering committee, national head), newest year first',
  })
  async contributions(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return toPage(await contributionsLedger(ctx, basinId, { year, organisationId, ...page }), page);
  }

  @Authorized()
  @Query(() => BudgetVsActual, { description: "The convention's budget by source against actual" })
  contributionBudget(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('year', () => Int, { nullable: true, description: 'A calendar year; none for the whole convention' })
    year: number | null,
    @Ctx() ctx: Context,
  ) {
    return budgetVsActual(ctx, basinId, year);
  }

  @Authorized()
  @Query(() => FunderStatement, { description: "A funder's statement (its own people read it too)" })
  funderStatement(@Arg('organisationId', () => ID) organisationId: string, @Ctx() ctx: Context) {
    return funderStatement(ctx, organisationId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Contribution, { description: 'Operator: record a contribution in the ledger' })
  recordContribution(@Arg('input', () => RecordContributionInput) input: RecordContributionInput, @Ctx() ctx: Context) {
    return recordContribution(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Contribution, { description: 'Operator: correct an entry; the old one stays, superseded' })
  correctContribution(
    @Arg('input', () => CorrectContributionInput) input: CorrectContributionInput,
    @Ctx() ctx: Context,
  ) {
    return correctContribution(ctx, input);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() contribution: Contribution) {
    return contribution.organisation.load();
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The entry this one corrects' })
  correctsId(@Root() contribution: Contribution) {
    return contribution.corrects?.id ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who recorded it' })
  async recordedByName(@Root() contribution: Contribution) {
    const person = await contribution.recordedBy?.load();
    return person ? `${person.firstName} ${person.lastName}` : null;
  }
}
