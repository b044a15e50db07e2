import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { requireViewer } from '../auth/auth-checker.js';
import { InvitationPayload } from '../auth/auth.resolver.js';
import { Basin } from '../basin/basin.entity.js';
import { readableBasin } from '../basin/basin.access.js';
import { Page, PageArgs, toPage } from '../common/page.js';
import { notFound } from '../errors.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Membership } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { SmeInput } from '../project/project.inputs.js';
import { Sme } from '../sme/sme.entity.js';
import { administeredBasin, requireNetworkHead } from './administration.access.js';
import {
  BasinSettingsInput,
  CreateBasinInput,
  GrantRoleInput,
  SetPersonCivilityInput,
  HandOverChairInput,
  InviteOperatorInput,
  OrganisationInput,
  RevokeRoleInput,
  SmeLeaderInput,
  TransferPersonInput,
} from './administration.inputs.js';
import { BasinSettingChange } from './basin-setting-change.entity.js';
import { createBasin, inviteOperator, updateBasinSettings } from './basins.service.js';
import { ChairTerm } from './chair-term.entity.js';
import { chairTerms } from './chair-terms.service.js';
import { createOrganisation, setOrganisationArchived, updateOrganisation } from './organisations.service.js';
import { grantRole, handOverChair, revokeRole, setPersonCivility, transferPerson } from './roles.service.js';
import { linkSmeLeader, updateSme } from './smes.service.js';

@ObjectType()
class SmePage extends Page(Sme) {}

@ObjectType()
class BasinSettingChangePage extends Page(BasinSettingChange) {}

@ObjectType()
class SmeLeaderPayload {
  @Field(() => Sme)
  sme!: Sme;

  @Field(() => String, { nullable: true, description: 'One-time link for an invited leader; null for a known person' })
  link?: string | null;
}

/** An organisation of a basin the viewer administers; NOT_FOUND outside the viewer's basins. */
async function administeredOrganisation(ctx: Context, id: string): Promise<Organisation> {
  const organisation = await ctx.em.findOne(Organisation, id);
  if (!organisation) throw notFound('Organisation');
  await administeredBasin(ctx, organisation.basin.id);
  return organisation;
}

async function administeredSme(ctx: Context, id: string): Promise<Sme> {
  const sme = await ctx.em.findOne(Sme, id);
  if (!sme) throw notFound('SME');
  await administeredBasin(ctx, sme.basin.id);
  return sme;
}

/**
 * Administration of the programme and its basins: the national head creates basins and invites their operators; a
 * basin's operator (or the national head) runs its organisations, people, roles, chair, settings and SMEs.
 */
@Resolver()
export class AdministrationResolver {
  @Authorized()
  @Mutation(() => Basin, { description: 'National head: a new basin, its settings at their defaults' })
  createBasin(@Arg('input', () => CreateBasinInput) input: CreateBasinInput, @Ctx() ctx: Context): Promise<Basin> {
    requireNetworkHead(ctx);
    return createBasin(ctx.em, input);
  }

  @Authorized()
  @Mutation(() => InvitationPayload, { description: "Operator or national head: invite the basin's operator" })
  async inviteOperator(@Arg('input', () => InviteOperatorInput) input: InviteOperatorInput, @Ctx() ctx: Context) {
    await administeredBasin(ctx, input.basinId);
    return inviteOperator(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Basin, { description: "Operator or national head: change the basin's rules (each change is logged)" })
  async updateBasinSettings(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('input', () => BasinSettingsInput) input: BasinSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<Basin> {
    await administeredBasin(ctx, basinId);
    return updateBasinSettings(ctx.em, requireViewer(ctx).person, basinId, { ...input });
  }

  @Authorized()
  @Query(() => BasinSettingChangePage, {
    description: "Operator or national head: the basin's rule changes, newest first",
  })
  async basinSettingChanges(
    @Arg('basinId', () => ID) basinId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    await administeredBasin(ctx, basinId);
    const result = await ctx.em.findAndCount(
      BasinSettingChange,
      { basin: basinId },
      { orderBy: { createdAt: 'desc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return toPage(result, page);
  }

  @Authorized()
  @Mutation(() => Organisation, { description: 'Operator or national head: add an organisation to the basin' })
  async createOrganisation(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('input', () => OrganisationInput) input: OrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    return createOrganisation(ctx.em, await administeredBasin(ctx, basinId), input);
  }

  @Authorized()
  @Mutation(() => Organisation, { description: 'Operator or national head: edit an organisation' })
  async updateOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrganisationInput) input: OrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    return updateOrganisation(ctx.em, await administeredOrganisation(ctx, id), input);
  }

  @Authorized()
  @Mutation(() => Organisation, {
    description: 'Operator or national head: archive (true) or bring back (false) an organisation; never deleted',
  })
  async setOrganisationArchived(
    @Arg('id', () => ID) id: string,
    @Arg('archived', () => Boolean) archived: boolean,
    @Ctx() ctx: Context,
  ): Promise<Organisation> {
    return setOrganisationArchived(ctx.em, await administeredOrganisation(ctx, id), archived);
  }

  @Authorized()
  @Mutation(() => [Membership], { description: "Operator or national head: grant a role; returns the person's roles" })
  async grantRole(@Arg('input', () => GrantRoleInput) input: GrantRoleInput, @Ctx() ctx: Context) {
    await administeredBasin(ctx, input.basinId);
    return grantRole(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Person, {
    description: 'Operator or national head: how a person of the basin is addressed (agrees titles in the documents)',
  })
  async setPersonCivility(
    @Arg('input', () => SetPersonCivilityInput) input: SetPersonCivilityInput,
    @Ctx() ctx: Context,
  ) {
    await administeredBasin(ctx, input.basinId);
    return setPersonCivility(ctx.em, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "Operator or national head: revoke a role; the person's live screens reconnect",
  })
  async revokeRole(@Arg('input', () => RevokeRoleInput) input: RevokeRoleInput, @Ctx() ctx: Context) {
    await administeredBasin(ctx, input.basinId);
    return revokeRole(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => [Membership], { description: 'Operator or national head: move a person to another organisation' })
  async transferPerson(@Arg('input', () => TransferPersonInput) input: TransferPersonInput, @Ctx() ctx: Context) {
    await administeredBasin(ctx, input.basinId);
    return transferPerson(ctx.app, ctx.em, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Operator or national head: the chair (or vice-chair) passes to a serving partner-company member',
  })
  async handOverChair(@Arg('input', () => HandOverChairInput) input: HandOverChairInput, @Ctx() ctx: Context) {
    await administeredBasin(ctx, input.basinId);
    return handOverChair(ctx.app, ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => [ChairTerm], { description: "The terms of the basin's chairs and vice-chairs, running ones first" })
  async chairTerms(@Arg('basinId', () => ID) basinId: string, @Ctx() ctx: Context): Promise<ChairTerm[]> {
    await readableBasin(ctx, basinId);
    return chairTerms(ctx.em, basinId);
  }

  @Authorized()
  @Query(() => SmePage, { description: "The basin's SMEs, by name (its committee roles and the national head)" })
  async smes(@Arg('basinId', () => ID) basinId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    await readableBasin(ctx, basinId);
    const result = await ctx.em.findAndCount(
      Sme,
      { basin: basinId },
      { orderBy: { name: 'asc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return toPage(result, page);
  }

  @Authorized()
  @Mutation(() => Sme, { description: 'Operator or national head: edit an SME' })
  async updateSme(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SmeInput) input: SmeInput,
    @Ctx() ctx: Context,
  ): Promise<Sme> {
    await administeredSme(ctx, id);
    return updateSme(ctx.em, id, input);
  }

  @Authorized()
  @Mutation(() => SmeLeaderPayload, { description: "Operator or national head: link the SME leader's account" })
  async linkSmeLeader(
    @Arg('smeId', () => ID) smeId: string,
    @Arg('input', () => SmeLeaderInput) input: SmeLeaderInput,
    @Ctx() ctx: Context,
  ): Promise<SmeLeaderPayload> {
    await administeredSme(ctx, smeId);
    return linkSmeLeader(ctx.app, ctx.em, requireViewer(ctx), smeId, input);
  }
}

@Resolver(() => ChairTerm)
export class ChairTermResolver {
  @FieldResolver(() => Person)
  person(@Root() term: ChairTerm) {
    return term.person.load();
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who started the term (null: began before terms were kept)',
  })
  startedBy(@Root() term: ChairTerm) {
    return term.startedBy?.load() ?? null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who ended it, by a handover or a revocation' })
  endedBy(@Root() term: ChairTerm) {
    return term.endedBy?.load() ?? null;
  }
}

@Resolver(() => BasinSettingChange)
export class BasinSettingChangeResolver {
  @FieldResolver(() => Person)
  changedBy(@Root() change: BasinSettingChange) {
    return change.changedBy.load();
  }
}
