import type { FilterQuery } from '@mikro-orm/core';
import type { Context, Viewer } from '../context.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { readsBasin, visibleBasin, type Asker } from '../basin/basin.access.js';
import { Role } from '../person/membership.entity.js';
import { requireViewer } from '../auth/auth-checker.js';
import { Project } from './project.entity.js';

/**
 * The projects a viewer may see in a basin: all of them for its committee roles and the national head, only its
 * own SME's for an SME leader. Null outside the basin.
 */
export function projectScope(viewer: Viewer, basinId: string): FilterQuery<Project> | null {
  if (readsBasin(viewer, basinId)) return { basin: basinId };
  if (viewer.grants.some((g) => g.basinId === basinId && g.role === Role.SME)) {
    return { basin: basinId, sme: { leader: viewer.person.id } };
  }
  return null;
}

/** The scope of a basin's project lists; NOT_FOUND for a basin the viewer does not belong to (or none at all). */
export async function requireProjectScope(ctx: Asker, basinId: string): Promise<FilterQuery<Project>> {
  const basin = await visibleBasin(ctx, basinId);
  const scope = projectScope(requireViewer(ctx), basin.id);
  if (!scope) throw notFound('Basin');
  return scope;
}

/**
 * The viewer is the expert invited on this project: an EXPERT grant reaches that one project's page and paper, and
 * nothing else of the basin (no list, no meeting, no person).
 */
export function isProjectExpert(viewer: Viewer | null, project: Pick<Project, 'id' | 'basin'>): boolean {
  return !!viewer?.grants.some(
    (g) => g.role === Role.EXPERT && g.basinId === project.basin.id && g.projectId === project.id,
  );
}

/** A project the viewer may see, or NOT_FOUND (never revealing another basin's project, or another SME's). */
export async function readableProject(ctx: Asker, id: string): Promise<Project> {
  const viewer = requireViewer(ctx);
  const project = await ctx.em.findOne(Project, id);
  const scope = project && projectScope(viewer, project.basin.id);
  if (!project || !scope || !(await ctx.em.count(Project, { $and: [{ id }, scope] }))) throw notFound('Project');
  return project;
}

/**
 * A project for its page and its paper: what {@link readableProject} gives, and for the expert invited on it, that
 * one project — whose other records (convention, advance, follow-up) stay NOT_FOUND to them, as they ask for them
 * through `readableProject`.
 */
export async function projectPage(ctx: Asker, id: string): Promise<Project> {
  const project = await ctx.em.findOne(Project, id);
  if (project && isProjectExpert(requireViewer(ctx), project)) return project;
  return readableProject(ctx, id);
}

/** Field rule: a project's own records (its convention) are not for the expert who only writes its paper. */
export const readsProjectRecords = (ctx: Pick<Context, 'viewer'>, project: Project): boolean =>
  !isProjectExpert(ctx.viewer, project) || readsBasin(ctx.viewer, project.basin.id);

/**
 * A project for its committee files (diagnosis, follow-up reports): NOT_FOUND when the viewer cannot see it, and
 * FORBIDDEN for its own SME leader, who sees the project, its convention and its schedule, not the committee's papers.
 */
export async function committeeProject(ctx: Asker, id: string): Promise<Project> {
  const project = await readableProject(ctx, id);
  if (!readsBasin(ctx.viewer, project.basin.id)) {
    throw new AppError(ErrorCode.FORBIDDEN, "The committee's papers on a project are for the committee");
  }
  return project;
}

/** Field rule: the committee's files on a project (diagnosis, pledges) are for those who read the basin's data. */
export const readsCommitteeFiles = (ctx: Pick<Context, 'viewer'>, project: Project): boolean =>
  readsBasin(ctx.viewer, project.basin.id);

/** Field rule: the diagnosis paper is the committee's, and the expert invited on the project writes it too. */
export const readsPaper = (ctx: Pick<Context, 'viewer'>, project: Project): boolean =>
  readsCommitteeFiles(ctx, project) || isProjectExpert(ctx.viewer, project);
