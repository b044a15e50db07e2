import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { CompetenceDomain, CompetenceNeed } from '../project/competence-need.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { readableItem, readableMeeting } from '../meeting/meeting.access.js';
import { notFound } from '../errors.js';
import { Pledge } from './pledge.entity.js';
import { amendPledge, makePledge } from './pledge.service.js';

@InputType()
class PledgeInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The need this pledge answers (its domain and profile are the defaults)',
  })
  needId?: string | null;

  @Field(() => CompetenceDomain, { nullable: true })
  domain?: CompetenceDomain | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  profile?: string | null;

  @Field(() => Float, { description: 'Days, in halves' })
  days!: number;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  expertName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Your own partner company (the default); any other is refused' })
  organisationId?: string | null;
}

@InputType()
class AmendPledgeInput {
  @Field(() => Float, { nullable: true })
  days?: number | null;

  @Field(() => String, { nullable: true })
  periodStart?: string | null;

  @Field(() => String, { nullable: true })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  expertName?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Withdraw the pledge' })
  withdraw?: boolean | null;
}

@Resolver(() => Pledge)
export class PledgeResolver {
  @Authorized()
  @Mutation(() => Pledge, { description: "Partner company: pledge your company's staff time to the item's project" })
  async pledge(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('input', () => PledgeInput) input: PledgeInput,
    @Ctx() ctx: Context,
  ) {
    await readableItem(ctx, itemId);
    return makePledge(ctx.app, ctx.em, requireViewer(ctx), itemId, input);
  }

  @Authorized()
  @Mutation(() => Pledge, {
    description: "Partner company: amend or withdraw your company's pledge until the decision",
  })
  async amendPledge(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AmendPledgeInput) input: AmendPledgeInput,
    @Ctx() ctx: Context,
  ) {
    const pledge = await ctx.em.findOne(Pledge, id, { populate: ['agendaItem'] });
    if (!pledge?.agendaItem) throw notFound('Pledge');
    await readableMeeting(ctx, pledge.agendaItem.getEntity().meeting.id);
    return amendPledge(ctx.app, ctx.em, requireViewer(ctx), id, input);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() pledge: Pledge) {
    return pledge.organisation.load();
  }

  @FieldResolver(() => CompetenceNeed, { nullable: true })
  need(@Root() pledge: Pledge) {
    return pledge.need?.load() ?? null;
  }

  @FieldResolver(() => Person)
  pledgedBy(@Root() pledge: Pledge) {
    return pledge.pledgedBy.load();
  }
}
