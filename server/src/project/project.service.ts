import { type EntityManager, LockMode, ref } from '@mikro-orm/core';
import { DiagnosisPaper } from '../diagnosis/diagnosis-paper.entity.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { isValidSiren, normaliseSiren } from '../sme/siren.js';
import { nafCodeOf } from '../sme/naf.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Project, ProjectStatus } from './project.entity.js';
import { CompetenceNeed } from './competence-need.entity.js';
import type { CompetenceNeedInput, CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';

/**
 * The moves an operator makes by hand while preparing, only forward: prescribed → diagnosis → scheduled (a deferred
 * project comes back to be scheduled). Decisions and follow-up move the rest.
 */
export const PREPARATION_MOVES: Readonly<Partial<Record<ProjectStatus, readonly ProjectStatus[]>>> = {
  [ProjectStatus.PRESCRIBED]: [ProjectStatus.DIAGNOSIS],
  [ProjectStatus.DIAGNOSIS]: [ProjectStatus.SCHEDULED],
  [ProjectStatus.DEFERRED]: [ProjectStatus.SCHEDULED],
};

const moveRefused = (reason: 'NOT_FORWARD' | 'DIAGNOSIS_REQUIRED', message: string) =>
  new AppError(ErrorCode.PROJECT_MOVE_NOT_ALLOWED, message, { reason });

/** Checks a preparation move (in the caller's transaction): forward only, and a saved diagnosis before scheduling. */
async function checkMove(em: EntityManager, project: Project, to: ProjectStatus): Promise<void> {
  if (!PREPARATION_MOVES[project.status as ProjectStatus]?.includes(to)) {
    throw moveRefused('NOT_FORWARD', `A project cannot move from ${project.status} to ${to}`);
  }
  if (to === ProjectStatus.SCHEDULED) {
    const paper = await em.findOne(DiagnosisPaper, { project: project.id });
    if (!paper || paper.latestVersion < 1) {
      throw moveRefused('DIAGNOSIS_REQUIRED', 'Save a version of the diagnosis before scheduling the project');
    }
  }
}

/** Moves a project one step forward in its preparation (see {@link PREPARATION_MOVES}). */
export async function moveProject(em: EntityManager, project: Project, to: ProjectStatus): Promise<Project> {
  return em.transactional(async (tem) => {
    // Locked, so that two moves at once cannot both start from the same status (PostgreSQL runs READ COMMITTED).
    const current = await tem.findOneOrFail(Project, project.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    await checkMove(tem, current, to);
    current.status = to;
    return current;
  });
}

/** The prescriber's seat: a committee member of the basin representing an organisation. */
async function prescriberSeat(em: EntityManager, basin: Basin, prescriberId: string) {
  const seat = await em.findOne(
    Membership,
    { basin, person: prescriberId, role: { $in: [...COMMITTEE_ROLES] }, organisation: { $ne: null } },
    { populate: ['organisation'] },
  );
  if (!seat?.organisation) {
    throw badInput('The prescriber must be a committee member of this basin', { prescriberId: 'notMember' });
  }
  return seat.organisation;
}

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

/** Whether the form sends back the project's needs as they are (same order, domains, profiles and days). */
async function sameNeeds(em: EntityManager, project: Project, needs: CompetenceNeedInput[]): Promise<boolean> {
  const current = await em.find(CompetenceNeed, { project: project.id }, { orderBy: { position: 'asc' } });
  return (
    current.length === needs.length &&
    current.every(
      (need, i) =>
        need.domain === needs[i]!.domain &&
        need.profile === needs[i]!.profile &&
        need.estimatedDays === needs[i]!.estimatedDays,
    )
  );
}

/**
 * Once the committee approved a project, its advance, its plan (the competence needs) and its planned jobs are the
 * decision's: the form may send them back unchanged, but a different value is refused (FIXED_BY_DECISION). Only a new
 * decision of the committee, with its trace, changes them.
 */
async function refuseChangesFixedByDecision(
  em: EntityManager,
  project: Project,
  input: UpdateProjectInput,
): Promise<void> {
  const changed: string[] = [];
  if (input.jobsPlanned !== undefined && input.jobsPlanned !== null && input.jobsPlanned !== project.jobsPlanned)
    changed.push('jobsPlanned');
  if (
    input.advanceRequested !== undefined &&
    input.advanceRequested !== null &&
    input.advanceRequested !== project.advanceRequested
  )
    changed.push('advanceRequested');
  if (input.needs && !(await sameNeeds(em, project, input.needs))) changed.push('needs');
  if (changed.length === 0) return;
  const decided = await em.count(Decision, { project: project.id, outcome: DecisionOutcome.APPROVED });
  if (decided > 0) {
    throw new AppError(
      ErrorCode.FIXED_BY_DECISION,
      'The committee’s decision fixed the advance, plan and planned jobs of this project: only a new decision changes them',
      { fields: changed },
    );
  }
}

/** Creates a project (and its SME when new) in one transaction; nothing is written when any part is refused. */
export async function createProject(em: EntityManager, input: CreateProjectInput): Promise<Project> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOne(Basin, input.basinId);
    if (!basin) throw notFound('Basin');
    checkAdvance(basin, input.advanceRequested);
    const prescriberOrganisation = await prescriberSeat(tem, basin, input.prescriberId);
    const sme = await resolveSme(tem, basin, input);
    const project = tem.create(Project, {
      basin,
      sme,
      title: input.title.trim(),
      summary: input.summary,
      kind: input.kind,
      prescriber: tem.getReference(Person, input.prescriberId),
      prescriberOrganisation,
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
  return em.create(Sme, { basin, ...input.sme, siren, nafCode: nafCodeOf(input.sme.nafCode) });
}

export async function updateProject(em: EntityManager, project: Project, input: UpdateProjectInput): Promise<Project> {
  return em.transactional(async (tem) => {
    const basin = await tem.findOneOrFail(Basin, project.basin.id);
    if (input.status && input.status !== project.status) await checkMove(tem, project, input.status);
    await refuseChangesFixedByDecision(tem, project, input);
    if (input.prescriberId && input.prescriberId !== project.prescriber.id) {
      project.prescriberOrganisation = ref((await prescriberSeat(tem, basin, input.prescriberId)).getEntity());
      project.prescriber = tem.getReference(Person, input.prescriberId, { wrapped: true });
    }
    if (input.sme) {
      const sme = await tem.findOneOrFail(Sme, project.sme.id);
      sme.name = input.sme.name.trim();
      sme.sector = input.sme.sector.trim();
      // a form that does not show the code leaves it as it is
      if (input.sme.nafCode !== undefined) sme.nafCode = nafCodeOf(input.sme.nafCode);
      sme.headcount = input.sme.headcount;
      sme.town = input.sme.town.trim();
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
    if (input.needs && !(await sameNeeds(tem, project, input.needs))) await replaceNeeds(tem, project, input.needs);
    tem.persist(project);
    return project;
  });
}
