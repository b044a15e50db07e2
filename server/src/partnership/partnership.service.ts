import type { EntityManager } from '@mikro-orm/core';
import { UniqueConstraintViolationException, ref } from '@mikro-orm/core';
import type { Asker } from '../basin/basin.access.js';
import { requireViewer } from '../auth/auth-checker.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { TriennialConvention, type AnnexResource, type AnnexUse } from '../basin/triennial-convention.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { ConventionPartner, type YearCommitment } from './convention-partner.entity.js';
import { ConventionObjective } from './convention-objective.entity.js';
import { conventionsBasin, operatedBasin, readableConvention, writableConvention } from './partnership.access.js';
import {
  MAX_PARTNERS,
  type AmendObjectiveInput,
  type BudgetAnnexInput,
  type ConventionTermsInput,
  type ObjectivesInput,
  type PartnerCommitmentsInput,
  type SignatureInput,
} from './partnership.inputs.js';
import { conventionYears, isIsoDay, isoToday, shiftDay, shiftYears, yearOf } from './periods.js';

/** Where a convention stands: the first two are stored facts (signatures), the last three read from the dates. */
export enum ConventionStatus {
  /** Its terms are being written: no partner has signed. */
  DRAFT = 'DRAFT',
  /** Some partners have signed: the terms are frozen, the others are yet to sign. */
  SIGNING = 'SIGNING',
  /** Every partner has signed; its period has not begun. */
  SIGNED = 'SIGNED',
  /** Signed, and today is within its period. */
  RUNNING = 'RUNNING',
  /** Signed, and its period is over. */
  ENDED = 'ENDED',
}

/** The status of a convention, given how many of its partners have signed. */
export function statusOf(convention: TriennialConvention, signatures: number, today = isoToday()): ConventionStatus {
  if (!convention.signedAt) return signatures > 0 ? ConventionStatus.SIGNING : ConventionStatus.DRAFT;
  if (today < convention.startsOn) return ConventionStatus.SIGNED;
  return today > convention.endsOn ? ConventionStatus.ENDED : ConventionStatus.RUNNING;
}

/** How many of a convention's partners have signed. */
export const signatureCount = (em: EntityManager, conventionId: string) =>
  em.count(ConventionPartner, { convention: conventionId, signedOn: { $ne: null } });

/**
 * Serialises the writes on one convention: touching its row first takes its row lock (PostgreSQL) or the write lock
 * (SQLite), so that a signature and an edit, or two renewals, never interleave (as `lockBasinTreasury` does).
 */
async function lockConvention(tem: EntityManager, conventionId: string): Promise<TriennialConvention> {
  await tem.nativeUpdate(TriennialConvention, { id: conventionId }, { updatedAt: new Date() });
  return tem.findOneOrFail(TriennialConvention, conventionId, { refresh: true });
}

/** Refuses any change of terms once a partner has signed. */
async function requireDraft(tem: EntityManager, convention: TriennialConvention): Promise<void> {
  if (convention.signedAt || (await signatureCount(tem, convention.id)) > 0)
    throw new AppError(ErrorCode.CONVENTION_FROZEN, 'A partner has signed this convention: its terms are frozen', {
      conventionId: convention.id,
    });
}

/** Runs an edit of a draft's terms in one transaction, under the convention's lock. */
async function editDraft<T>(
  ctx: Asker,
  conventionId: string,
  edit: (tem: EntityManager, convention: TriennialConvention) => Promise<T>,
): Promise<T> {
  await writableConvention(ctx, conventionId);
  return ctx.em.transactional(async (tem) => {
    const convention = await lockConvention(tem, conventionId);
    await requireDraft(tem, convention);
    return edit(tem, convention);
  });
}

/** A basin's conventions, the latest period first (at most 50: one every three years). */
export async function conventionsOf(ctx: Asker, basinId: string): Promise<TriennialConvention[]> {
  const basin = await conventionsBasin(ctx, basinId);
  return ctx.em.find(TriennialConvention, { basin }, { orderBy: { startsOn: 'desc', id: 'asc' }, limit: 50 });
}

export const conventionById = (ctx: Asker, conventionId: string) => readableConvention(ctx, conventionId);

/**
 * The operator starts a basin's first convention, as a draft of three years from `startsOn`. Later periods come by
 * renewal, which carries the partners forward.
 */
export async function startConvention(
  ctx: Asker,
  input: { basinId: string; startsOn: string; label: string },
): Promise<TriennialConvention> {
  await operatedBasin(ctx, input.basinId);
  if (!isIsoDay(input.startsOn)) throw badInput('Give the first day as YYYY-MM-DD', { startsOn: 'invalid' });
  return ctx.em.transactional(async (tem) => {
    await tem.nativeUpdate(Basin, { id: input.basinId }, { updatedAt: new Date() });
    if ((await tem.count(TriennialConvention, { basin: input.basinId })) > 0)
      throw new AppError(
        ErrorCode.CONVENTION_ALREADY_RENEWED,
        'This basin has a convention already: renew it for the next period',
      );
    return tem.create(TriennialConvention, {
      basin: tem.getReference(Basin, input.basinId),
      label: input.label.trim(),
      startsOn: input.startsOn,
      endsOn: shiftDay(shiftYears(input.startsOn, 3), -1),
    });
  });
}

/**
 * The operator renews a signed convention for the next three years: a new draft from the day after it ends, with its
 * targets, its partners (archived organisations left out) and their commitments moved forward by the years between
 * the two periods, its budget annex likewise and its objectives — a starting proposal that the partners negotiate
 * before they sign. A convention is renewed once; of two renewals racing, one wins.
 */
export async function renewConvention(ctx: Asker, conventionId: string): Promise<TriennialConvention> {
  const basinId = await writableConvention(ctx, conventionId);
  try {
    return await ctx.em.transactional(async (tem) => {
      const current = await lockConvention(tem, conventionId);
      if (!current.signedAt)
        throw new AppError(ErrorCode.CONVENTION_NOT_SIGNED, 'Only a signed convention is renewed', { conventionId });
      const startsOn = shiftDay(current.endsOn, 1);
      const endsOn = shiftDay(shiftYears(startsOn, 3), -1);
      const taken = await tem.findOne(TriennialConvention, {
        basin: basinId,
        $or: [{ renews: current.id }, { startsOn: { $lte: endsOn }, endsOn: { $gte: startsOn } }],
      });
      if (taken)
        throw new AppError(ErrorCode.CONVENTION_ALREADY_RENEWED, 'The next period has a convention already', {
          renewalId: taken.id,
        });
      const shift = yearOf(startsOn) - yearOf(current.startsOn);
      const later = <T extends { year: number }>(lines: readonly T[]): T[] =>
        lines.map((line) => ({ ...line, year: line.year + shift }));
      const renewal = tem.create(TriennialConvention, {
        basin: tem.getReference(Basin, basinId),
        label: current.label.replace(/\b(19|20)\d{2}\b/g, (year) => String(Number(year) + shift)),
        startsOn,
        endsOn,
        renews: current,
        targetJobsPerYear: current.targetJobsPerYear,
        targetProjectsExaminedPerYear: current.targetProjectsExaminedPerYear,
        targetProjectsApprovedPerYear: current.targetProjectsApprovedPerYear,
        targetBudget: current.targetBudget,
        shareCompanies: current.shareCompanies,
        shareTerritorialActors: current.shareTerritorialActors,
        shareCollectivities: current.shareCollectivities,
        shareStateAndCdc: current.shareStateAndCdc,
        advancesFundTarget: current.advancesFundTarget,
        annexResources: later(current.annexResources),
        annexUses: later(current.annexUses),
      });
      const partners = await tem.find(
        ConventionPartner,
        { convention: current, organisation: { archivedAt: null } },
        { orderBy: { organisation: { name: 'asc' }, id: 'asc' } },
      );
      for (const partner of partners) {
        tem.create(ConventionPartner, {
          convention: renewal,
          organisation: partner.organisation,
          commitments: later(partner.commitments),
        });
      }
      const objectives = await tem.find(ConventionObjective, { convention: current }, { orderBy: { position: 'asc' } });
      for (const objective of objectives) {
        tem.create(ConventionObjective, {
          convention: renewal,
          position: objective.position,
          label: objective.label,
          target: objective.target,
          unit: objective.unit,
        });
      }
      return renewal;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new AppError(ErrorCode.CONVENTION_ALREADY_RENEWED, 'The next period has a convention already');
    throw error;
  }
}

/** The operator sets a draft's label and headline targets; the four expected shares add up to 100 %. */
export async function updateConventionTerms(ctx: Asker, input: ConventionTermsInput): Promise<TriennialConvention> {
  return editDraft(ctx, input.conventionId, async (_tem, convention) => {
    const shares =
      input.shareCompanies + input.shareTerritorialActors + input.shareCollectivities + input.shareStateAndCdc;
    if (Math.abs(shares - 100) > 0.05)
      throw badInput('The four expected shares add up to 100 %', {
        shares: 'sum',
        total: String(Math.round(shares * 10) / 10),
      });
    const { conventionId: _id, label, ...targets } = input;
    Object.assign(convention, targets, { label: label.trim() });
    return convention;
  });
}

/** The operator adds an organisation of the basin to a draft's signatories. */
export async function addConventionPartner(
  ctx: Asker,
  conventionId: string,
  organisationId: string,
): Promise<ConventionPartner> {
  return editDraft(ctx, conventionId, async (tem, convention) => {
    const organisation = await tem.findOne(Organisation, {
      id: organisationId,
      basin: convention.basin.id,
      archivedAt: null,
    });
    if (!organisation) throw notFound('Organisation');
    if (await tem.findOne(ConventionPartner, { convention, organisation }))
      throw badInput('This organisation is a partner of the convention already', { organisationId: 'duplicate' });
    if ((await tem.count(ConventionPartner, { convention })) >= MAX_PARTNERS)
      throw badInput(`A convention has at most ${MAX_PARTNERS} partners`, { organisationId: 'tooMany' });
    return tem.create(ConventionPartner, { convention, organisation });
  });
}

/** A partner and the id of its convention; NOT_FOUND (another basin's too) for whoever does not write it. */
async function writablePartner(ctx: Asker, partnerId: string): Promise<string> {
  const partner = await ctx.em.fork().findOne(ConventionPartner, partnerId);
  if (!partner) throw notFound('Partner');
  await writableConvention(ctx, partner.convention.id).catch((error: AppError) => {
    throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound('Partner') : error;
  });
  return partner.convention.id;
}

/** The operator takes a partner off a draft (with its commitments). */
export async function removeConventionPartner(ctx: Asker, partnerId: string): Promise<TriennialConvention> {
  const conventionId = await writablePartner(ctx, partnerId);
  return editDraft(ctx, conventionId, async (tem, convention) => {
    const partner = await tem.findOne(ConventionPartner, partnerId);
    if (partner) tem.remove(partner);
    return convention;
  });
}

/** Each year once, within the convention's years. */
function checkYears(convention: TriennialConvention, lines: readonly { year: number }[], key: (line: never) => string) {
  const years = conventionYears(convention);
  const seen = new Set<string>();
  for (const line of lines) {
    if (!years.includes(line.year))
      throw badInput(`The years of this convention are ${years[0]} to ${years.at(-1)}`, { year: 'outOfPeriod' });
    const k = key(line as never);
    if (seen.has(k)) throw badInput('Give each line once a year', { year: 'duplicate' });
    seen.add(k);
  }
}

/** The operator sets a partner's commitments on a draft: money and staff days, by calendar year. */
export async function setPartnerCommitments(ctx: Asker, input: PartnerCommitmentsInput): Promise<ConventionPartner> {
  const conventionId = await writablePartner(ctx, input.partnerId);
  return editDraft(ctx, conventionId, async (tem, convention) => {
    checkYears(convention, input.commitments, (line: YearCommitment) => String(line.year));
    const partner = await tem.findOneOrFail(ConventionPartner, input.partnerId);
    partner.commitments = input.commitments
      .map(({ year, amount, staffDays }) => ({ year, amount, staffDays }))
      .sort((a, b) => a.year - b.year);
    return partner;
  });
}

/** The operator sets a draft's budget annex: resources by source and year, uses by line and year. */
export async function setBudgetAnnex(ctx: Asker, input: BudgetAnnexInput): Promise<TriennialConvention> {
  return editDraft(ctx, input.conventionId, async (_tem, convention) => {
    checkYears(convention, input.resources, (line: AnnexResource) => `${line.source}/${line.year}`);
    checkYears(convention, input.uses, (line: AnnexUse) => `${line.line}/${line.year}`);
    const byYear = <T extends { year: number }>(a: T, b: T) => a.year - b.year;
    convention.annexResources = input.resources
      .map(({ source, year, amount }) => ({ source, year, amount }))
      .sort(byYear);
    convention.annexUses = input.uses.map(({ line, year, amount }) => ({ line, year, amount })).sort(byYear);
    return convention;
  });
}

/** The operator sets a draft's specific objectives, in order: they replace those stored. */
export async function setConventionObjectives(ctx: Asker, input: ObjectivesInput): Promise<TriennialConvention> {
  return editDraft(ctx, input.conventionId, async (tem, convention) => {
    const labels = input.objectives.map((o) => o.label.trim());
    if (labels.some((label) => !label)) throw badInput('Give each objective a label', { label: 'empty' });
    const stored = await tem.find(ConventionObjective, { convention }, { orderBy: { position: 'asc' } });
    // kept rows keep their id (and their trail): the first ones are updated, the rest added or removed
    input.objectives.forEach((objective, position) => {
      const fields = { position, label: labels[position]!, target: objective.target, unit: objective.unit.trim() };
      const row = stored[position];
      if (row) Object.assign(row, fields);
      else tem.create(ConventionObjective, { convention, ...fields });
    });
    for (const row of stored.slice(input.objectives.length)) tem.remove(row);
    return convention;
  });
}

/**
 * The operator records a partner's signature from the signed paper: who signed for it, and on which day (not in the
 * future). The first signature freezes the terms; the last one makes the convention signed (`signedAt`).
 */
export async function recordPartnerSignature(ctx: Asker, input: SignatureInput): Promise<TriennialConvention> {
  const conventionId = await writablePartner(ctx, input.partnerId);
  if (!isIsoDay(input.signedOn)) throw badInput('Give the day signed as YYYY-MM-DD', { signedOn: 'invalid' });
  if (input.signedOn > isoToday()) throw badInput('A signature is not recorded in advance', { signedOn: 'future' });
  const signatoryName = input.signatoryName.trim();
  if (!signatoryName) throw badInput('Name who signed for the partner', { signatoryName: 'empty' });
  const viewer = requireViewer(ctx);
  return ctx.em.transactional(async (tem) => {
    const convention = await lockConvention(tem, conventionId);
    const partner = await tem.findOneOrFail(ConventionPartner, input.partnerId, { refresh: true });
    if (partner.signedOn)
      throw new AppError(ErrorCode.ALREADY_SIGNED, 'This partner has signed already', { signedOn: partner.signedOn });
    Object.assign(partner, {
      signedOn: input.signedOn,
      signatoryName,
      signatureRecordedAt: new Date(),
      signatureRecordedBy: ref(tem.getReference(Person, viewer.person.id)),
    });
    await tem.flush();
    const unsigned = await tem.count(ConventionPartner, { convention, signedOn: null });
    if (unsigned === 0) convention.signedAt = new Date();
    return convention;
  });
}

/**
 * The operator withdraws a signature recorded by mistake (wrong partner, wrong day), while the convention is still in
 * signature: once every partner has signed, it is a signed record that changes only by amendment or renewal. The
 * audit trail keeps the signature withdrawn, who withdrew it and when; with no signature left, the terms are a draft
 * again.
 */
export async function withdrawPartnerSignature(ctx: Asker, partnerId: string): Promise<TriennialConvention> {
  const conventionId = await writablePartner(ctx, partnerId);
  return ctx.em.transactional(async (tem) => {
    const convention = await lockConvention(tem, conventionId);
    if (convention.signedAt)
      throw new AppError(
        ErrorCode.CONVENTION_FROZEN,
        'Every partner has signed this convention: it changes only by amendment or renewal',
        { conventionId },
      );
    const partner = await tem.findOneOrFail(ConventionPartner, partnerId, { refresh: true });
    if (!partner.signedOn) throw badInput('This partner has not signed', { partnerId: 'unsigned' });
    Object.assign(partner, {
      signedOn: null,
      signatoryName: null,
      signatureRecordedAt: null,
      signatureRecordedBy: null,
    });
    return convention;
  });
}

/**
 * The operator amends an objective's target once the convention is signed and before it ends: the reason is kept
 * with the target, the signed value stays readable, and the audit trail records each change (docs/DECISIONS.md).
 */
export async function amendObjectiveTarget(ctx: Asker, input: AmendObjectiveInput): Promise<ConventionObjective> {
  const objective = await ctx.em.fork().findOne(ConventionObjective, input.objectiveId);
  if (!objective) throw notFound('Objective');
  await writableConvention(ctx, objective.convention.id).catch((error: AppError) => {
    throw error.extensions.code === ErrorCode.NOT_FOUND ? notFound('Objective') : error;
  });
  const viewer = requireViewer(ctx);
  return ctx.em.transactional(async (tem) => {
    const convention = await lockConvention(tem, objective.convention.id);
    if (!convention.signedAt)
      throw new AppError(ErrorCode.CONVENTION_NOT_SIGNED, 'A draft’s objectives are edited, not amended');
    if (convention.endsOn < isoToday())
      throw new AppError(ErrorCode.CONVENTION_FROZEN, 'This convention has ended: its objectives are history');
    const row = await tem.findOneOrFail(ConventionObjective, input.objectiveId, { refresh: true });
    row.signedTarget ??= row.target;
    row.target = input.target;
    row.amendmentReason = input.reason.trim();
    row.amendedAt = new Date();
    row.amendedBy = ref(tem.getReference(Person, viewer.person.id));
    return row;
  });
}

/** A convention's partners, by name. */
export const partnersOf = (em: EntityManager, conventionId: string) =>
  em.find(
    ConventionPartner,
    { convention: conventionId },
    { orderBy: { organisation: { name: 'asc' }, id: 'asc' }, populate: ['organisation'] },
  );

/** A convention's objectives, in order. */
export const objectivesOf = (em: EntityManager, conventionId: string) =>
  em.find(ConventionObjective, { convention: conventionId }, { orderBy: { position: 'asc' } });
