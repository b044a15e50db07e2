import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { readableBasin } from '../basin/basin.access.js';
import { batchLoader, perRequest } from '../common/batch.js';
import { Page, PageArgs, toPage } from '../common/page.js';
import { Decision } from '../decision/decision.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { Person } from '../person/person.entity.js';
import { DecisionReview, Orientation, ReviewVerdict } from './decision-review.entity.js';
import {
  ORIENTATION_TEXT_MAX,
  ORIENTATION_TITLE_MAX,
  REVIEW_COMMENT_MAX,
  SteeringStatus,
  recordOrientation,
  reviewDecision,
  steeringStatus,
} from './steering.service.js';

registerEnumType(SteeringStatus, { name: 'SteeringStatus' });

@ObjectType()
class DecisionPage extends Page(Decision) {}

@ObjectType()
class OrientationPage extends Page(Orientation) {}

@InputType()
class ReviewDecisionInput {
  @Field(() => ID)
  decisionId!: string;

  @Field(() => ReviewVerdict)
  verdict!: ReviewVerdict;

  @Field(() => String, { nullable: true, description: 'Required to question a decision' })
  @IsOptional()
  @MaxLength(REVIEW_COMMENT_MAX)
  comment?: string | null;
}

@InputType()
class OrientationInput {
  @Field(() => ID)
  basinId!: string;

  @Field(() => String)
  @MaxLength(ORIENTATION_TITLE_MAX)
  title!: string;

  @Field(() => String)
  @MaxLength(ORIENTATION_TEXT_MAX)
  text!: string;
}

/** The reviews of the decisions a request shows, read once for all of them. */
const reviewsOf = perRequest((request) => {
  const { em } = request as Context;
  return batchLoader(async (decisionIds) => {
    const reviews = await em.find(
      DecisionReview,
      { decision: { $in: decisionIds } },
      { orderBy: { createdAt: 'asc' }, populate: ['reviewer'] },
    );
    const byDecision = new Map<string, DecisionReview[]>();
    for (const review of reviews) {
      const list = byDecision.get(review.decision.id) ?? [];
      list.push(review);
      byDecision.set(review.decision.id, list);
    }
    return byDecision;
  }, [] as DecisionReview[]);
});

/**
 * The local steering committee (role OBSERVER): it validates the committee's decisions after the fact or questions
 * them, and gives the basin orientations. Everyone who reads the basin reads both.
 */
@Resolver()
export class SteeringResolver {
  @Authorized()
  @Query(() => DecisionPage, { description: "The basin's committee decisions, newest first, with their reviews" })
  async steeringDecisions(
    @Arg('basinId', () => ID) basinId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    await readableBasin(ctx, basinId);
    const found = await ctx.em.findAndCount(
      Decision,
      { project: { basin: basinId } },
      { orderBy: { decidedAt: 'desc', id: 'asc' }, populate: ['project'], limit: page.limit, offset: page.offset },
    );
    return toPage(found, page);
  }

  @Authorized()
  @Query(() => OrientationPage, { description: "The steering committee's orientations for the basin, newest first" })
  async orientations(
    @Arg('basinId', () => ID) basinId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    await readableBasin(ctx, basinId);
    const found = await ctx.em.findAndCount(
      Orientation,
      { basin: basinId },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
    return toPage(found, page);
  }

  @Authorized()
  @Mutation(() => DecisionReview, {
    description: 'Steering committee: validate a decision after the fact, or question it (on the next agenda)',
  })
  reviewDecision(@Arg('input', () => ReviewDecisionInput) input: ReviewDecisionInput, @Ctx() ctx: Context) {
    return reviewDecision(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Orientation, { description: 'Steering committee: give the basin an orientation' })
  async recordOrientation(@Arg('input', () => OrientationInput) input: OrientationInput, @Ctx() ctx: Context) {
    await readableBasin(ctx, input.basinId);
    return recordOrientation(ctx.em, requireViewer(ctx), input);
  }
}

@Resolver(() => Decision)
export class DecisionSteeringResolver {
  @FieldResolver(() => [DecisionReview], { description: "The steering committee's reviews, oldest first" })
  reviews(@Root() decision: Decision, @Ctx() ctx: Context) {
    return reviewsOf(ctx)(decision.id);
  }

  @FieldResolver(() => SteeringStatus)
  async steeringStatus(@Root() decision: Decision, @Ctx() ctx: Context) {
    return steeringStatus(await reviewsOf(ctx)(decision.id));
  }
}

@Resolver(() => DecisionReview)
export class DecisionReviewResolver {
  @FieldResolver(() => Decision)
  decision(@Root() review: DecisionReview) {
    return review.decision.load();
  }

  @FieldResolver(() => Person)
  reviewer(@Root() review: DecisionReview) {
    return review.reviewer.load();
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'A question: the session whose agenda carries it' })
  async meeting(@Root() review: DecisionReview, @Ctx() ctx: Context) {
    if (!review.agendaItem) return null;
    const item = await ctx.em.findOne(AgendaItem, review.agendaItem.id, { populate: ['meeting'] });
    return item?.meeting.getEntity() ?? null;
  }
}

@Resolver(() => Orientation)
export class OrientationResolver {
  @FieldResolver(() => Person)
  author(@Root() orientation: Orientation) {
    return orientation.author.load();
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemSteeringResolver {
  @FieldResolver(() => DecisionReview, {
    nullable: true,
    description: "The steering committee's question this item puts before the committee",
  })
  steeringQuestion(@Root() item: AgendaItem, @Ctx() ctx: Context) {
    return ctx.em.findOne(DecisionReview, { agendaItem: item.id });
  }
}
