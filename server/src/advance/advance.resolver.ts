import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Role } from '../person/membership.entity.js';
import { Project } from '../project/project.entity.js';
import { NESTED_LIST_CAP, Page, PageArgs, toPage } from '../common/page.js';
import { requireProjectScope } from '../project/project.access.js';
import { readableBasin } from '../basin/basin.access.js';
import { readableAdvance } from './advance.access.js';
import { Advance, Repayment, RepaymentFrequency, RepaymentInstalment } from './advance.entity.js';
import {
  declareDefault,
  disburseAdvance,
  outstandingOf,
  recordRepayment,
  rescheduleAdvance,
} from './advance.service.js';
import { fundFigures } from './fund.js';
import { instalmentState } from './schedule.js';

@InputType()
class RepaymentTermsInput {
  @Field(() => Int, { defaultValue: 6, description: 'Months without repayment' })
  deferralMonths!: number;

  @Field(() => Int, { defaultValue: 36, description: 'Months of repayment after the deferral' })
  durationMonths!: number;

  @Field(() => RepaymentFrequency, { defaultValue: RepaymentFrequency.MONTHLY })
  frequency!: RepaymentFrequency;
}

@ObjectType({ description: "The basin's advances fund" })
class AdvancesFund {
  @Field(() => Int) granted!: number;
  @Field(() => Int) lent!: number;
  @Field(() => Int) repaid!: number;
  @Field(() => Int) outstanding!: number;
  @Field(() => Int) losses!: number;
  @Field(() => Float, { description: 'Losses in % of sums lent' }) lossRate!: number;
  @Field(() => Float) referenceLossRate!: number;
  @Field(() => Int) endowment!: number;
  @Field(() => Int, { description: 'Endowment − lent + repaid' }) available!: number;
  @Field(() => Int) criticalSize!: number;
  @Field(() => Int) advancesCount!: number;
}

@ObjectType()
class AdvancePage extends Page(Advance) {}

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => Advance)
export class AdvanceResolver {
  @Authorized()
  @Query(() => AdvancePage, { description: "A basin's advances, newest first (an SME leader: its own)" })
  async advances(@Arg('basinId', () => ID) basinId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const scope = await requireProjectScope(ctx, basinId);
    const result = await ctx.em.findAndCount(
      Advance,
      { project: scope },
      { orderBy: { createdAt: 'desc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return toPage(result, page);
  }

  @Authorized()
  @Query(() => Advance)
  async advance(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return readableAdvance(ctx, id);
  }

  @Authorized()
  @Query(() => AdvancesFund)
  async advancesFund(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    await readableBasin(ctx, basinId);
    return fundFigures(ctx.em, basinId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Advance, { description: 'Operator: record the disbursement; the repayment schedule is generated' })
  async disburseAdvance(
    @Arg('id', () => ID) id: string,
    @Arg('disbursedOn', () => String) disbursedOn: string,
    @Arg('terms', () => RepaymentTermsInput) terms: RepaymentTermsInput,
    @Ctx() ctx: Context,
  ) {
    await readableAdvance(ctx, id);
    return disburseAdvance(ctx.em, requireViewer(ctx), id, disbursedOn, terms);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Repayment, { description: 'Operator: record a repayment received' })
  async recordRepayment(
    @Arg('advanceId', () => ID) advanceId: string,
    @Arg('amount', () => Int) amount: number,
    @Arg('paidOn', () => String) paidOn: string,
    @Ctx() ctx: Context,
  ) {
    await readableAdvance(ctx, advanceId);
    return recordRepayment(ctx.em, requireViewer(ctx), advanceId, amount, paidOn);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Advance, { description: "Operator, on the committee's decision: book the remainder as a loss" })
  async declareDefault(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    await readableAdvance(ctx, id);
    return declareDefault(ctx.em, requireViewer(ctx), id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Advance, { description: "Operator, on the committee's decision: spread what remains over new terms" })
  async rescheduleAdvance(
    @Arg('id', () => ID) id: string,
    @Arg('from', () => String) from: string,
    @Arg('terms', () => RepaymentTermsInput) terms: RepaymentTermsInput,
    @Ctx() ctx: Context,
  ) {
    await readableAdvance(ctx, id);
    return rescheduleAdvance(ctx.em, requireViewer(ctx), id, from, terms);
  }

  @FieldResolver(() => Project)
  project(@Root() advance: Advance) {
    return advance.project.load();
  }

  @FieldResolver(() => [RepaymentInstalment])
  instalments(@Root() advance: Advance, @Ctx() ctx: Context) {
    return ctx.em.find(RepaymentInstalment, { advance }, { orderBy: { number: 'asc' } });
  }

  @FieldResolver(() => [Repayment], { description: 'Oldest first, at most 200' })
  repayments(@Root() advance: Advance, @Ctx() ctx: Context) {
    return ctx.em.find(Repayment, { advance }, { orderBy: { paidOn: 'asc', id: 'asc' }, limit: NESTED_LIST_CAP });
  }

  @FieldResolver(() => Int, { description: 'What remains to repay' })
  outstanding(@Root() advance: Advance, @Ctx() ctx: Context) {
    return outstandingOf(ctx.em, advance);
  }

  @FieldResolver(() => Int, { description: 'Due today and not paid' })
  async overdue(@Root() advance: Advance, @Ctx() ctx: Context) {
    const instalments = await ctx.em.find(RepaymentInstalment, { advance, dueOn: { $lt: today() } });
    return advance.status === 'DISBURSED' ? instalments.reduce((sum, i) => sum + i.amount - i.paidAmount, 0) : 0;
  }
}

@Resolver(() => RepaymentInstalment)
export class InstalmentResolver {
  @FieldResolver(() => String, { description: 'PAID_ON_TIME, PAID_LATE, UPCOMING, LATE or UNPAID (over 90 days late)' })
  state(@Root() instalment: RepaymentInstalment) {
    return instalmentState(instalment, today());
  }
}
