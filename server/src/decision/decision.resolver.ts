import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { IsOptional, MaxLength, Min } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Person } from '../person/person.entity.js';
import { Project } from '../project/project.entity.js';
import { readableItem } from '../meeting/meeting.access.js';
import { Decision, DecisionOutcome } from './decision.entity.js';
import { recordDecision } from './decision.service.js';

@InputType()
class DecisionInput {
  @Field(() => DecisionOutcome)
  outcome!: DecisionOutcome;

  @Field(() => Int, { nullable: true, description: "Approval: the advance granted, at most the basin's cap" })
  @IsOptional()
  @Min(0)
  advanceAmount?: number | null;

  @Field(() => ID, { nullable: true, description: 'Approval: the mandatary (required)' })
  mandataryId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for a deferral' })
  @IsOptional()
  @MaxLength(5000)
  reasons?: string | null;
}

@Resolver(() => Decision)
export class DecisionResolver {
  @Authorized()
  @Mutation(() => Decision, { description: "Chair: record the committee's decision on the item's project" })
  async recordDecision(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('input', () => DecisionInput) input: DecisionInput,
    @Ctx() ctx: Context,
  ) {
    await readableItem(ctx, itemId);
    return recordDecision(ctx.app, ctx.em, requireViewer(ctx), itemId, input);
  }

  @FieldResolver(() => Person, { nullable: true })
  mandatary(@Root() decision: Decision) {
    return decision.mandatary?.load() ?? null;
  }

  @FieldResolver(() => String, {
    description:
      "The decision's trace as JSON, kept when it was recorded: attendance, quorum, the ballot's tally and recusals, " +
      'pledges, the diagnosis version examined',
  })
  trace(@Root() decision: Decision): string {
    return JSON.stringify(decision.trace);
  }

  @FieldResolver(() => Project)
  project(@Root() decision: Decision) {
    return decision.project.load();
  }
}
