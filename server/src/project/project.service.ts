import type { EntityManager } from '@mikro-orm/core';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { isValidSiren, normaliseSiren } from '../sme/siren.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Project, ProjectStatus } from './project.entity.js';
import { CompetenceNeed } from './competence-need.entity.js';
import type { CompetenceNeedInput, CreateProjectInput, UpdateProjectInput } from './project.inputs.js';

/** Steps an operator may set by hand; the others follow from decisions and follow-up. */
const PREPARATION_STEPS = [ProjectStatus.PRESCRIBED, ProjectStatus.DIAGNOSIS, ProjectStatus.SCHEDULED];

function checkAdvance(basin: Basin, amount: number): void {
  if (amount > basin.advanceCap) {
    throw new AppError(
      ErrorCode.ADVANCE_ABOVE_CAP,
      `The advance requested (${amount} €) is above the basin's cap (${basin.advanceCap} €)`,
      { cap: basin.advanceCap },
    );
  }
}

/** Replaces a project's needs; `em` must be the transaction's manager (SQLite has one connection). */
async function replaceNeeds(em: EntityManager, project: Project, needs: CompetenceNeedInput[]): Promise<void> {
  for (const need of await em.find(CompetenceNeed, { project: project.id })) em.remove(need);
  needs.forEach((need, position) => em.create(CompetenceNeed, { project, position, ...need }));
}

/** Creates a project (and its SME when new) in one transaction; nothing is written when any part is refused. */
export async function createProject(em: EntityManager, input: CreateProjectInput): Promise<Project> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOne(Basin, input.basinId);
    if (!basin) throw notFound('Basin');
    checkAdvance(basin, input.advanceRequested);
    const prescriberRole = await tem.findOne(
      Membership,
      { basin, person: input.prescriberId, role: { $in: [...COMMITTEE_ROLES] }, organisation: { $ne: null } },
      { populate: ['organisation'] },
    );
    if (!prescriberRole?.organisation) {
      throw badInput('The prescriber must be a committee member of this basin', { prescriberId: 'notMember' });
    }
    const sme = await resolveSme(tem, basin, input);
    const project = tem.create(Project, {
      basin,
      sme,
      title: input.title.trim(),
      summary: input.summary,
      kind: input.kind,
      prescriber: tem.getReference(Person, input.prescriberId),
      prescriberOrganisation: prescriberRole.organisation,
      jobsPlanned: input.jobsPlanned,
      advanceRequested: input.advanceRequested,
    });
    await replaceNeeds(tem, project, input.needs);
    return project;
  });
}

async function resolveSme(em: EntityManager, basin: Basin, input: CreateProjectInput): Promise<Sme> {
  if (input.smeId && input.sme) throw badInput('Give either an existing SME or a new one, not both', { sme: 'both' });
  if (input.smeId) {
    const sme = await em.findOne(Sme, { id: input.smeId, basin });
    if (!sme) throw notFound('SME');
    return sme;
  }
  if (!input.sme) throw badInput('The SME is required', { sme: 'required' });
  const siren = normaliseSiren(input.sme.siren);
  if (!isValidSiren(siren)) {
    throw new AppError(ErrorCode.INVALID_SIREN, 'This SIREN is not valid: 9 digits with a correct check digit', {
      fields: { siren: 'invalid' },
    });
  }
  if (await em.findOne(Sme, { basin, siren })) {
    throw new AppError(ErrorCode.DUPLICATE_SIREN, 'An SME with this SIREN is already registered in the basin');
  }
  return em.create(Sme, { basin, ...input.sme, siren });
}

export async function updateProject(em: EntityManager, project: Project, input: UpdateProjectInput): Promise<Project> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOneOrFail(Basin, project.basin.id);
    if (input.status && !PREPARATION_STEPS.includes(input.status)) {
      throw new AppError(ErrorCode.INVALID_STATE, 'Only a committee decision can move a project to this status');
    }
    if (input.status && !PREPARATION_STEPS.includes(project.status)) {
      throw new AppError(ErrorCode.INVALID_STATE, 'The committee has decided on this project: its status is set');
    }
    if (input.advanceRequested !== undefined && input.advanceRequested !== null)
      checkAdvance(basin, input.advanceRequested);
    if (input.title) project.title = input.title.trim();
    if (input.summary !== undefined && input.summary !== null) project.summary = input.summary;
    if (input.kind) project.kind = input.kind;
    if (input.status) project.status = input.status;
    if (input.jobsPlanned !== undefined && input.jobsPlanned !== null) project.jobsPlanned = input.jobsPlanned;
    if (input.advanceRequested !== undefined && input.advanceRequested !== null) {
      project.advanceRequested = input.advanceRequested;
    }
    if (input.needs) await replaceNeeds(tem, project, input.needs);
    tem.persist(project);
    return project;
  });
}
