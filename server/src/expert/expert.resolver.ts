import {
  Arg,
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
import { requireRole, requireViewer } from '../auth/auth-checker.js';
import { Membership, Role } from '../person/membership.entity.js';
import { readableProject } from '../project/project.access.js';
import { Project } from '../project/project.entity.js';
import { InviteExpertInput } from './expert.inputs.js';
import { expertsOf, inviteExpert, revokeExpert } from './expert.service.js';

@ObjectType()
class ExpertInvitationPayload {
  @Field(() => Membership, { description: "The expert's access, scoped to the project" })
  membership!: Membership;

  @Field(() => String, {
    nullable: true,
    description: 'One-time link to set a password (valid 7 days); null when the person already has an account',
  })
  link!: string | null;
}

/** The operator gives an outside professional access to one project's paper, and ends it. */
@Resolver(() => Membership)
export class ExpertResolver {
  /** A project the operator of its basin acts on: NOT_FOUND from another basin, FORBIDDEN to other roles. */
  private async operatorProject(ctx: Context, projectId: string) {
    const project = await readableProject(ctx, projectId);
    requireRole(ctx, project.basin.id, Role.OPERATOR);
    return project;
  }

  @Authorized(Role.OPERATOR)
  @Query(() => [Membership], { description: 'Operator: the experts who write on this project (EXPERT memberships)' })
  async projectExperts(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: Context) {
    return expertsOf(ctx.em, await this.operatorProject(ctx, projectId));
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => ExpertInvitationPayload, {
    description: "Operator: invite an outside professional to read and write this project's diagnosis, nothing else",
  })
  async inviteExpert(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => InviteExpertInput) input: InviteExpertInput,
    @Ctx() ctx: Context,
  ) {
    const project = await this.operatorProject(ctx, projectId);
    return inviteExpert(ctx.app, ctx.em, requireViewer(ctx), project, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Project, { description: "Operator: end an expert's access to the project" })
  async revokeExpert(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('personId', () => ID) personId: string,
    @Ctx() ctx: Context,
  ) {
    const project = await this.operatorProject(ctx, projectId);
    await revokeExpert(ctx.app, ctx.em, project, personId);
    return project;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'EXPERT only: the one project the role reaches' })
  projectId(@Root() membership: Membership): string | null {
    return membership.project?.id ?? null;
  }
}
