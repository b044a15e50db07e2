import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { endTerm, officeOf, takeOffice } from './chair-terms.service.js';
import { activeOrganisation } from './organisations.service.js';
import type {
  GrantRoleInput,
  HandOverChairInput,
  RevokeRoleInput,
  SetPersonCivilityInput,
  TransferPersonInput,
} from './administration.inputs.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';

/** Roles that represent an organisation and need one. */
const WITH_ORGANISATION: readonly Role[] = [Role.OPERATOR, Role.MEMBER, Role.CHAIR, Role.VICE_CHAIR];

/** Their sockets close (4403) and reconnect with their new rights: a revoked role stops at once, on every instance. */
const accessChanged = (app: App, personIds: string[]) => {
  for (const personId of new Set(personIds)) app.connections.end({ personId, reason: 'ACCESS_CHANGED' });
};

/**
 * Grants a role to a person who already belongs to the basin, for an active organisation (theirs by default).
 * CHAIR and VICE_CHAIR take office by a handover (`takeOffice`); EXPERT is granted per project, not here.
 */
export async function grantRole(app: App, em: EntityManager, by: Viewer, input: GrantRoleInput): Promise<Membership[]> {
  if (input.role === Role.EXPERT) {
    throw badInput('An expert is named for one project, from the project', { role: 'expertPerProject' });
  }
  const changed = await em.transactional(async (tem) => {
    const office = officeOf(input.role);
    if (office) return takeOffice(tem, by.person, input.basinId, office, input.personId);
    const memberships = await tem.find(Membership, { person: input.personId, basin: input.basinId });
    if (memberships.length === 0) throw notFound('Person');
    if (memberships.some((m) => m.role === input.role)) {
      throw new AppError(ErrorCode.ROLE_ALREADY_HELD, 'This person already holds this role');
    }
    const organisationId = input.organisationId ?? memberships.find((m) => m.organisation)?.organisation?.id ?? null;
    const organisation = organisationId ? await activeOrganisation(tem, input.basinId, organisationId) : null;
    if (!organisation && WITH_ORGANISATION.includes(input.role)) {
      throw badInput('This role represents an organisation: choose one', { organisationId: 'required' });
    }
    tem.create(Membership, {
      person: tem.getReference(Person, input.personId),
      basin: tem.getReference(Basin, input.basinId),
      role: input.role,
      organisation: input.role === Role.SME ? null : organisation,
    });
    return [input.personId];
  });
  accessChanged(app, changed);
  return em.fork().find(Membership, { person: input.personId, basin: input.basinId }, { orderBy: { role: 'asc' } });
}

/**
 * Revokes a role. An operator cannot revoke their own operator role (OWN_LAST_OPERATOR_ROLE); a chair or vice-chair
 * stays a member until they hand over; revoking an office ends its term; revoking the SME role unlinks the person
 * from the SMEs they led. The person's open websockets close at once.
 */
export async function revokeRole(app: App, em: EntityManager, by: Viewer, input: RevokeRoleInput): Promise<boolean> {
  await em.transactional(async (tem) => {
    const membership = await tem.findOne(Membership, {
      person: input.personId,
      basin: input.basinId,
      role: input.role,
    });
    if (!membership) throw notFound('Role');
    if (input.role === Role.OPERATOR && input.personId === by.person.id && !by.person.isNetworkHead) {
      throw new AppError(ErrorCode.OWN_LAST_OPERATOR_ROLE, 'You cannot revoke your own operator role');
    }
    if (input.role === Role.MEMBER) {
      const presides = await tem.count(Membership, {
        person: input.personId,
        basin: input.basinId,
        role: { $in: [Role.CHAIR, Role.VICE_CHAIR] },
      });
      if (presides > 0) {
        throw new AppError(
          ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
          'The chair and vice-chair must stay committee members: hand over the office first',
        );
      }
    }
    if (officeOf(input.role)) {
      await endTerm(tem, membership, by.person, new Date());
    } else {
      tem.remove(membership);
    }
    if (input.role === Role.SME) {
      const led = await tem
        .fork({ clear: true, keepTransactionContext: true })
        .find(Sme, { basin: input.basinId, leader: input.personId }, { fields: ['id'] });
      await tem.nativeUpdate(Sme, { basin: input.basinId, leader: input.personId }, { leader: null });
      await recordNativeWrites(
        tem,
        'Sme',
        'UPDATE',
        led.map((sme) => ({ id: sme.id, before: { leader: input.personId }, after: { leader: null } })),
      );
    }
  });
  accessChanged(app, [input.personId]);
  return true;
}

/**
 * Moves a person to another active organisation of the basin: every role they hold there now represents it (an SME
 * leader's role represents none). A chair or vice-chair moves only to a partner company.
 */
export async function transferPerson(app: App, em: EntityManager, input: TransferPersonInput): Promise<Membership[]> {
  await em.transactional(async (tem) => {
    const memberships = await tem.find(Membership, { person: input.personId, basin: input.basinId });
    if (memberships.length === 0) throw notFound('Person');
    const organisation: Organisation = await activeOrganisation(tem, input.basinId, input.organisationId);
    const presides = memberships.some((m) => officeOf(m.role));
    if (presides && organisation.kind !== OrganisationKind.PARTNER_COMPANY) {
      throw new AppError(
        ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
        'The chair and vice-chair represent a partner company: hand over the office first',
      );
    }
    for (const m of memberships)
      if (m.role !== Role.SME) m.organisation = tem.getReference(Organisation, organisation.id, { wrapped: true });
  });
  accessChanged(app, [input.personId]);
  return em.fork().find(Membership, { person: input.personId, basin: input.basinId }, { orderBy: { role: 'asc' } });
}

/**
 * Sets (or clears) how a person of the basin is addressed: Madame, Monsieur, or not given. Documents drafted from
 * then on agree the person's titles with it; minutes already drafted keep what they recorded.
 */
export async function setPersonCivility(em: EntityManager, input: SetPersonCivilityInput): Promise<Person> {
  return em.transactional(async (tem) => {
    if (!(await tem.count(Membership, { person: input.personId, basin: input.basinId }))) throw notFound('Person');
    const person = await tem.findOneOrFail(Person, input.personId);
    person.civility = input.civility ?? null;
    return person;
  });
}

/** Hands the chair (or vice-chair) over in one transaction: see `takeOffice`. Returns true. */
export async function handOverChair(app: App, em: EntityManager, by: Viewer, input: HandOverChairInput) {
  const changed = await em.transactional((tem) =>
    takeOffice(tem, by.person, input.basinId, input.office, input.toPersonId),
  );
  accessChanged(app, changed);
  return true;
}
