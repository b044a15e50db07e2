import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { Project, ProjectStatus } from './project.entity.js';
import { CompetenceNeed } from './competence-need.entity.js';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { PREPARATION_MOVES, createProject, moveProject, updateProject } from './project.service.js';
import { projectPage, readableProject, readsPaper, requireProjectScope } from './project.access.js';
import { requireRole } from '../auth/auth-checker.js';
import { ReadableWhen } from '../auth/readable-when.js';
import { requireBasinRole } from '../basin/basin.access.js';
import { Role } from '../person/membership.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Person } from '../person/person.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { DiagnosisPaper } from '../diagnosis/diagnosis-paper.entity.js';
import { Page, PageArgs, toPage } from '../common/page.js';

@ObjectType()
class ProjectPage extends Page(Project) {}

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized()
  @Query(() => ProjectPage, { description: "A basin's projects, newest first; an SME leader sees only its own" })
  async projects(
    @Arg('basinId', () => ID) basinId: string,
    @Arg('status', () => [ProjectStatus], { nullable: true }) status: ProjectStatus[] | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const filters = [await requireProjectScope(ctx, basinId)];
    if (status?.length) filters.push({ status: { $in: status } });
    if (search?.trim()) {
      const like = `%${search.trim()}%`;
      filters.push({ $or: [{ title: { $like: like } }, { sme: { name: { $like: like } } }] });
    }
    const result = await ctx.em.findAndCount(
      Project,
      { $and: filters },
      { orderBy: { createdAt: 'desc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return toPage(result, page);
  }

  @Authorized()
  @Query(() => Project)
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Project> {
    return projectPage(ctx, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Project, { description: 'Operator: record a prescribed project (and its SME when new)' })
  async createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: Context) {
    await requireBasinRole(ctx, input.basinId, Role.OPERATOR);
    return createProject(ctx.em, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Project)
  async updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ) {
    const project = await readableProject(ctx, id);
    requireRole(ctx, project.basin.id, Role.OPERATOR);
    return updateProject(ctx.em, project, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Project, {
    description:
      'Operator: move a project one step forward in its preparation (PRESCRIBED → DIAGNOSIS → SCHEDULED; a DEFERRED project back to SCHEDULED); scheduling needs a saved diagnosis version',
  })
  async moveProject(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ProjectStatus) status: ProjectStatus,
    @Ctx() ctx: Context,
  ) {
    const project = await readableProject(ctx, id);
    requireRole(ctx, project.basin.id, Role.OPERATOR);
    return moveProject(ctx.em, project, status);
  }

  @FieldResolver(() => [ProjectStatus], { description: 'The statuses the operator may move the project to by hand' })
  nextStatuses(@Root() project: Project): ProjectStatus[] {
    return [...(PREPARATION_MOVES[project.status as ProjectStatus] ?? [])];
  }

  @FieldResolver(() => ID)
  basinId(@Root() project: Project): string {
    return project.basin.id;
  }

  @FieldResolver(() => Sme)
  sme(@Root() project: Project) {
    return project.sme.load();
  }

  @FieldResolver(() => Person)
  prescriber(@Root() project: Project) {
    return project.prescriber.load();
  }

  @FieldResolver(() => Organisation)
  prescriberOrganisation(@Root() project: Project) {
    return project.prescriberOrganisation.load();
  }

  @FieldResolver(() => Person, { nullable: true })
  mandatary(@Root() project: Project) {
    return project.mandatary?.load() ?? null;
  }

  @FieldResolver(() => [CompetenceNeed])
  async needs(@Root() project: Project): Promise<CompetenceNeed[]> {
    return (await project.needs.load()).getItems();
  }

  @FieldResolver(() => DiagnosisPaper, {
    nullable: true,
    description: "The committee's diagnosis paper (and its expert's); null for the project's SME leader",
  })
  @ReadableWhen(readsPaper)
  diagnosis(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.em.findOne(DiagnosisPaper, { project });
  }
}
