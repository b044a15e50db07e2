import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { isValidSiren, normaliseSiren } from '../sme/siren.js';
import { nafCodeOf } from '../sme/naf.js';
import type { SmeInput } from '../project/project.inputs.js';
import { createInvitation, createInvitedPerson, invitationLink } from '../auth/auth.service.js';
import type { SmeLeaderInput } from './administration.inputs.js';

/** Edits an SME: the SIREN passes the check digit and stays unique in the basin. */
export async function updateSme(em: EntityManager, smeId: string, input: SmeInput): Promise<Sme> {
  const siren = normaliseSiren(input.siren);
  if (!isValidSiren(siren)) {
    throw new AppError(ErrorCode.INVALID_SIREN, 'This SIREN is not valid', { fields: { siren: 'invalid' } });
  }
  return em.transactional(async (tem) => {
    const sme = await tem.findOneOrFail(Sme, smeId);
    if (await tem.findOne(Sme, { basin: sme.basin, siren, id: { $ne: sme.id } })) {
      throw new AppError(ErrorCode.DUPLICATE_SIREN, 'An SME with this SIREN is already registered in the basin');
    }
    Object.assign(sme, {
      siren,
      name: input.name.trim(),
      sector: input.sector.trim(),
      ...(input.nafCode !== undefined ? { nafCode: nafCodeOf(input.nafCode) } : {}),
      headcount: input.headcount,
      town: input.town.trim(),
    });
    return sme;
  });
}

/**
 * Links the SME's leader account: an existing person of the basin, or a new person invited (with their one-time
 * link). Either way they hold the SME role in the basin — which, with `Sme.leader`, is how their own file finds its
 * SME. A previous leader keeps their account but no longer reaches this SME.
 */
export async function linkSmeLeader(
  app: App,
  em: EntityManager,
  by: Viewer,
  smeId: string,
  input: SmeLeaderInput,
): Promise<{ sme: Sme; link: string | null }> {
  if (!input.personId === !input.invite) {
    throw badInput('Choose a person or invite one', { personId: 'oneOf', invite: 'oneOf' });
  }
  const result = await em.transactional(async (tem) => {
    const sme = await tem.findOneOrFail(Sme, smeId);
    const previous = sme.leader?.id ?? null;
    let person: Person;
    let token: string | null = null;
    if (input.personId) {
      const known = await tem.count(Membership, { person: input.personId, basin: sme.basin });
      if (known === 0) throw notFound('Person');
      person = tem.getReference(Person, input.personId);
    } else {
      person = await createInvitedPerson(tem, input.invite!);
      token = createInvitation(tem, person, sme.basin.getEntity(), by.person);
    }
    if ((await tem.count(Membership, { person, basin: sme.basin, role: Role.SME })) === 0) {
      tem.create(Membership, { person, basin: sme.basin, role: Role.SME, organisation: null });
    }
    sme.leader = tem.getReference(Person, person.id, { wrapped: true });
    return { sme, person, token, previous };
  });
  for (const personId of new Set([result.person.id, result.previous].filter((id): id is string => !!id))) {
    app.connections.end({ personId, reason: 'ACCESS_CHANGED' });
  }
  const link = result.token ? invitationLink(app, result.person, result.token) : null;
  return { sme: result.sme, link };
}
