import { Arg, Args, Authorized, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Basin } from './basin.entity.js';
import { TriennialConvention } from './triennial-convention.entity.js';
import { currentConvention } from '../partnership/periods.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { requireViewer } from '../auth/auth-checker.js';
import { ReadableWhen } from '../auth/readable-when.js';
import { NESTED_LIST_CAP, Page, PageArgs, toPage } from '../common/page.js';
import { readableBasin, readsBasinFigures, visibleBasin } from './basin.access.js';
import { readsPeopleOf } from '../organisation/organisation.access.js';

@ObjectType()
class MembershipPage extends Page(Membership) {}

@ObjectType()
class OrganisationPage extends Page(Organisation) {}

@Resolver(() => Basin)
export class BasinResolver {
  @Authorized()
  @Query(() => [Basin], { description: 'The basins the viewer belongs to (all of them for the national head)' })
  async basins(@Ctx() ctx: Context): Promise<Basin[]> {
    const viewer = requireViewer(ctx);
    if (viewer.person.isNetworkHead) return ctx.em.find(Basin, {}, { orderBy: { name: 'asc' } });
    const ids = [...new Set(viewer.grants.map((g) => g.basinId))];
    return ctx.em.find(Basin, { id: { $in: ids } }, { orderBy: { name: 'asc' } });
  }

  @Authorized()
  @Query(() => Basin, { description: 'A basin the viewer belongs to (its figures only for its committee roles)' })
  basin(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Basin> {
    return visibleBasin(ctx, id);
  }

  @Authorized()
  @Query(() => OrganisationPage, {
    description: 'Organisations of a basin, by kind then name; the archived ones only when asked (administration)',
  })
  async organisations(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind: OrganisationKind | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
  ) {
    const basin = await readableBasin(ctx, basinId);
    const result = await ctx.em.findAndCount(
      Organisation,
      { basin, ...(kind ? { kind } : {}), ...(includeArchived ? {} : { archivedAt: null }) },
      { orderBy: { kind: 'asc', name: 'asc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return toPage(result, page);
  }

  @Authorized()
  @Query(() => MembershipPage, { description: 'People of a basin with their role and organisation' })
  async members(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('role', () => Role, { nullable: true }) role: Role | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const basin = await readableBasin(ctx, basinId);
    const result = await ctx.em.findAndCount(
      Membership,
      { basin, ...(role ? { role } : {}) },
      {
        populate: ['person', 'organisation'],
        orderBy: { role: 'asc', person: { lastName: 'asc', firstName: 'asc' } },
        offset: page.offset,
        limit: page.limit,
      },
    );
    return toPage(result, page);
  }

  @FieldResolver(() => TriennialConvention, {
    nullable: true,
    description:
      "The convention in force today (a renewal drafted for the next period never replaces it), or the latest; null for whoever does not read the basin's figures",
  })
  @ReadableWhen(readsBasinFigures)
  async currentConvention(@Root() basin: Basin, @Ctx() ctx: Context): Promise<TriennialConvention | null> {
    return currentConvention(ctx.em, basin.id);
  }

  @FieldResolver(() => [Role], { description: "The viewer's roles in this basin" })
  myRoles(@Root() basin: Basin, @Ctx() ctx: Context): Role[] {
    return ctx.viewer?.grants.filter((g) => g.basinId === basin.id).map((g) => g.role) ?? [];
  }
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @FieldResolver(() => [Membership], {
    nullable: true,
    description: "Its people in the basin (at most 200); null for whoever may not read the basin's people",
  })
  @ReadableWhen(readsPeopleOf)
  people(@Root() organisation: Organisation, @Ctx() ctx: Context): Promise<Membership[]> {
    return ctx.em.find(
      Membership,
      { organisation },
      { populate: ['person'], orderBy: { role: 'asc', id: 'asc' }, limit: NESTED_LIST_CAP },
    );
  }
}

export { OrganisationKind };
