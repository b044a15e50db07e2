import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { requireRole } from '../auth/auth-checker.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Project } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { agreed, elide, fullName } from '../minutes/french.js';
import { readerOf } from '../minutes/minutes-draft.js';
import { ConventionParty, ConventionSignature, CooperationConvention, SignatureStatus } from './convention.entity.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';
import { freezeIfSigned } from './convention-document.js';

interface PartySpec {
  party: ConventionParty;
  partyName: string;
  capacity: string;
  person: Person | null;
  organisation: Organisation | null;
  annexOnly?: boolean;
}

/** The committee member who chaired the approving session, else the basin's chair for a partner company. */
async function chairOf(em: EntityManager, decision: Decision, basinId: string): Promise<Membership | null> {
  let chairId: string | null = null;
  if (decision.agendaItem) {
    const item = await em.findOneOrFail(AgendaItem, decision.agendaItem.id);
    chairId = (await em.findOneOrFail(Meeting, item.meeting.id)).chair?.id ?? null;
  }
  return em.findOne(
    Membership,
    {
      basin: basinId,
      role: Role.CHAIR,
      organisation: { kind: OrganisationKind.PARTNER_COMPANY },
      ...(chairId ? { person: chairId } : {}),
    },
    { populate: ['person', 'organisation'], orderBy: { createdAt: 'asc' } },
  );
}

/**
 * The parties, in the order they sign: the SME leader, the chair, each partner company lending staff (from the
 * active pledges), the mandatary, and the operator for the advance's annex when there is an advance.
 */
async function partiesOf(em: EntityManager, decision: Decision, project: Project): Promise<PartySpec[]> {
  const sme = await em.findOneOrFail(Sme, project.sme.id);
  const parties: PartySpec[] = [];
  const leader = sme.leader ? await em.findOneOrFail(Person, sme.leader.id) : null;
  parties.push({
    party: ConventionParty.SME_LEADER,
    partyName: leader ? fullName(leader) : `La direction ${elide('de', sme.name)}`,
    capacity: `${agreed('leader', leader?.civility)} ${elide('de', sme.name)}`,
    person: leader,
    organisation: null,
  });
  const chair = await chairOf(em, decision, project.basin.id);
  if (chair) {
    parties.push({
      party: ConventionParty.CHAIR,
      partyName: fullName(chair.person.getEntity()),
      capacity: `${agreed('president', chair.person.getEntity().civility)} du comité d'agrément (${chair.organisation?.getEntity().name ?? ''})`,
      person: chair.person.getEntity(),
      organisation: chair.organisation?.getEntity() ?? null,
    });
  }
  const pledges = await em.find(Pledge, { project, withdrawn: false }, { populate: ['organisation'] });
  const companies = [...new Map(pledges.map((p) => [p.organisation.id, p.organisation.getEntity()])).values()];
  companies.sort((x, y) => x.name.localeCompare(y.name, 'fr'));
  for (const company of companies) {
    parties.push({
      party: ConventionParty.PARTNER_COMPANY,
      partyName: company.name,
      capacity: 'Entreprise partenaire, mise à disposition de compétences',
      person: null,
      organisation: company,
    });
  }
  const mandataryId = decision.mandatary?.id ?? project.mandatary?.id;
  if (mandataryId) {
    const mandatary = await em.findOneOrFail(Person, mandataryId);
    const seat = await em.findOne(
      Membership,
      {
        basin: project.basin.id,
        person: mandatary,
        role: { $in: [...COMMITTEE_ROLES] },
        organisation: { $ne: null },
      },
      { populate: ['organisation'] },
    );
    parties.push({
      party: ConventionParty.MANDATARY,
      partyName: fullName(mandatary),
      capacity: `Mandataire${seat?.organisation ? ` (${seat.organisation.getEntity().name})` : ''}`,
      person: mandatary,
      organisation: seat?.organisation?.getEntity() ?? null,
    });
  }
  if (decision.advanceAmount > 0) {
    const operator = await em.findOne(
      Organisation,
      { basin: project.basin.id, kind: OrganisationKind.OPERATOR },
      { orderBy: { name: 'asc' } },
    );
    parties.push({
      party: ConventionParty.OPERATOR,
      partyName: operator?.name ?? "L'opérateur local",
      capacity: "Opérateur local, pour l'annexe relative à l'avance remboursable",
      person: null,
      organisation: operator,
      annexOnly: true,
    });
  }
  return parties;
}

/**
 * Generates the convention of an approved project with a pending signature for each party. Called in
 * `recordDecision`'s transaction (and by the demo seeder); a project has one convention, returned as it is.
 */
export async function generateConvention(
  em: EntityManager,
  decision: Decision,
): Promise<{ convention: CooperationConvention; signatures: ConventionSignature[] }> {
  if (decision.outcome !== DecisionOutcome.APPROVED) throw new Error('Only an approval generates a convention');
  const existing = await em.findOne(CooperationConvention, { project: decision.project.id });
  if (existing) return { convention: existing, signatures: (await existing.signatures.load()).getItems() };
  const reader = await readerOf(em);
  const project = await reader.findOneOrFail(Project, decision.project.id);
  const parties = await partiesOf(reader, decision, project);
  const convention = em.create(CooperationConvention, {
    basin: project.basin.id,
    project: project.id,
    decision: decision.id,
  });
  const signatures = parties.map((spec, position) =>
    em.create(ConventionSignature, {
      convention,
      position,
      party: spec.party,
      partyName: spec.partyName,
      capacity: spec.capacity,
      person: spec.person?.id ?? null,
      organisation: spec.organisation?.id ?? null,
      annexOnly: spec.annexOnly ?? false,
    }),
  );
  return { convention, signatures };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The operator records that a party signed, on a given day: not in the future, not before the approval. A
 * signature is recorded once (the second record is INVALID_STATE, even when two arrive at the same moment).
 */
export async function recordSignature(
  em: EntityManager,
  viewer: Viewer,
  signatureId: string,
  signedOn: string,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<ConventionSignature> {
  if (!ISO_DATE.test(signedOn) || Number.isNaN(Date.parse(signedOn))) {
    throw badInput('Give the day as YYYY-MM-DD', { signedOn: 'invalid' });
  }
  if (signedOn > today) throw badInput('A signature cannot be dated in the future', { signedOn: 'future' });
  return em.transactional(async (tem) => {
    const signature = await tem.findOne(ConventionSignature, signatureId, { populate: ['convention.decision'] });
    if (!signature) throw notFound('Signature');
    const convention = signature.convention.getEntity();
    try {
      requireRole({ viewer }, convention.basin.id, Role.OPERATOR);
    } catch (error) {
      if (viewer.grants.some((g) => g.basinId === convention.basin.id)) throw error;
      throw notFound('Signature');
    }
    if (signature.status === SignatureStatus.SIGNED) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This signature is recorded already');
    }
    const decidedOn = convention.decision.getEntity().decidedAt.toISOString().slice(0, 10);
    if (signedOn < decidedOn) {
      throw badInput('A signature cannot precede the approval', { signedOn: 'beforeApproval' });
    }
    const recordedAt = new Date();
    const updated = await tem.nativeUpdate(
      ConventionSignature,
      { id: signature.id, status: SignatureStatus.PENDING },
      { status: SignatureStatus.SIGNED, signedOn, recordedAt, recordedBy: viewer.person.id },
    );
    if (updated !== 1) throw new AppError(ErrorCode.INVALID_STATE, 'This signature is recorded already');
    await recordNativeWrites(tem, 'ConventionSignature', 'UPDATE', [
      {
        id: signature.id,
        before: { status: SignatureStatus.PENDING, signedOn: null, recordedAt: null, recordedBy: null },
        after: { status: SignatureStatus.SIGNED, signedOn, recordedAt, recordedBy: viewer.person.id },
      },
    ]);
    // The last signature freezes the signed document (convention-document.ts).
    await freezeIfSigned(tem, convention.id);
    return tem.findOneOrFail(ConventionSignature, signature.id, { refresh: true });
  });
}
