import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Length, Matches, Max, Min } from 'class-validator';
import type { Context } from '../context.js';
import { Role } from '../person/membership.entity.js';
import { TreasuryAccount, TreasuryMovement, TreasuryMovementKind } from './treasury-movement.entity.js';
import { MAX_MOVEMENT, recordEndowment, recordExpense, reverseTreasuryMovement, treasury } from './treasury.service.js';

@InputType({ description: 'A movement typed by the operator' })
class MovementInput {
  @Field(() => ID) basinId!: string;

  @Field(() => Int, { description: 'In euros, positive' })
  @Min(1)
  @Max(MAX_MOVEMENT)
  amount!: number;

  @Field(() => String, { description: 'ISO date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid' })
  occurredOn!: string;

  @Field(() => String)
  @Length(1, 200)
  label!: string;
}

@InputType({ description: 'Money paid into an account' })
class EndowmentInput extends MovementInput {
  @Field(() => TreasuryAccount, { defaultValue: TreasuryAccount.ADVANCES_FUND })
  account!: TreasuryAccount;
}

@InputType({ description: 'An expense of the operator, from the running costs account' })
class ExpenseInput extends MovementInput {}

@ObjectType({ description: 'One line of an account' })
class TreasuryLine {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'ISO date' }) on!: string;
  @Field(() => TreasuryMovementKind) kind!: TreasuryMovementKind;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: 'The sum moved or written off, positive' }) amount!: number;
  @Field(() => Int, { description: 'On the cash: + in, − out, 0 for a loss' }) cashEffect!: number;
  @Field(() => Boolean, { description: 'A recorded movement the operator may still reverse' }) reversible!: boolean;
  @Field(() => ID, { nullable: true, description: 'The movement this one reverses' }) reversesId!: string | null;
}

@ObjectType({ description: 'The advances fund: endowments, disbursements, repayments, losses' })
class AdvancesFundAccount {
  @Field(() => Int, { description: 'Cash in the fund: the dashboard’s available' }) balance!: number;
  @Field(() => Int) endowed!: number;
  @Field(() => Int) disbursed!: number;
  @Field(() => Int) repaid!: number;
  @Field(() => Int) writtenOff!: number;
  @Field(() => [TreasuryLine], { description: 'Newest first, at most 200' }) movements!: TreasuryLine[];
}

@ObjectType({ description: "The running costs account: the operator's expenses, capped each year" })
class RunningCostsAccount {
  @Field(() => Int) balance!: number;
  @Field(() => Int) credited!: number;
  @Field(() => Int) spent!: number;
  @Field(() => Int, { description: 'The current calendar year' }) year!: number;
  @Field(() => Int, { description: 'The yearly cap on expenses, in euros' }) cap!: number;
  @Field(() => Int) spentThisYear!: number;
  @Field(() => Int) leftThisYear!: number;
  @Field(() => [TreasuryLine], { description: 'Newest first, at most 200' }) movements!: TreasuryLine[];
}

@ObjectType({ description: "The operator's two accounts for the scheme" })
class Treasury {
  @Field(() => AdvancesFundAccount) advancesFund!: AdvancesFundAccount;
  @Field(() => RunningCostsAccount) runningCosts!: RunningCostsAccount;
}

@Resolver()
export class TreasuryResolver {
  @Authorized()
  @Query(() => Treasury, { description: 'The two accounts (operator, steering committee, national head)' })
  treasury(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context) {
    return treasury(ctx, basinId);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TreasuryMovement, { description: 'Operator: record money paid into an account' })
  recordEndowment(@Arg('input', () => EndowmentInput) input: EndowmentInput, @Ctx() ctx: Context) {
    return recordEndowment(ctx, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TreasuryMovement, { description: 'Operator: cancel a movement typed by mistake, saying why' })
  reverseTreasuryMovement(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return reverseTreasuryMovement(ctx, id, reason);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => TreasuryMovement, { description: 'Operator: record an expense, within the yearly cap' })
  recordExpense(@Arg('input', () => ExpenseInput) input: ExpenseInput, @Ctx() ctx: Context) {
    return recordExpense(ctx, input);
  }
}
