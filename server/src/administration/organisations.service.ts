import type { EntityManager } from '@mikro-orm/core';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { isValidSiren, normaliseSiren } from '../sme/siren.js';
import type { OrganisationInput } from './administration.inputs.js';

function fields(input: OrganisationInput) {
  const siren = input.siren?.trim() ? normaliseSiren(input.siren) : null;
  if (siren && !isValidSiren(siren)) throw new AppError(ErrorCode.INVALID_SIREN, 'This SIREN is not valid');
  return {
    name: input.name.trim(),
    kind: input.kind,
    town: input.town?.trim() || null,
    sector: input.sector?.trim() || null,
    siren,
  };
}

export async function createOrganisation(em: EntityManager, basin: Basin, input: OrganisationInput) {
  const values = fields(input);
  return em.transactional(async (tem) =>
    tem.create(Organisation, { basin: tem.getReference(Basin, basin.id), ...values }),
  );
}

/**
 * Edits an organisation. Its kind may change, except away from PARTNER_COMPANY while one of its people chairs or
 * vice-chairs the committee (they would no longer be a partner company's representative).
 */
export async function updateOrganisation(em: EntityManager, organisation: Organisation, input: OrganisationInput) {
  const values = fields(input);
  return em.transactional(async (tem) => {
    const current = await tem.findOneOrFail(Organisation, organisation.id);
    if (current.kind !== values.kind && (await presides(tem, current))) {
      throw new AppError(
        ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
        'One of its people chairs or vice-chairs the committee: hand over the chair first',
      );
    }
    Object.assign(current, values);
    return current;
  });
}

/**
 * Archives (or brings back) an organisation. Never deleted: its people, pledges and decisions stay in the history;
 * archived, it leaves the pickers and takes no new role. Refused while one of its people presides the committee.
 */
export async function setOrganisationArchived(em: EntityManager, organisation: Organisation, archived: boolean) {
  return em.transactional(async (tem) => {
    const current = await tem.findOneOrFail(Organisation, organisation.id);
    if (archived && !current.archivedAt && (await presides(tem, current))) {
      throw new AppError(
        ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
        'One of its people chairs or vice-chairs the committee: hand over the chair first',
      );
    }
    current.archivedAt = archived ? (current.archivedAt ?? new Date()) : null;
    return current;
  });
}

const presides = async (tem: EntityManager, organisation: Organisation): Promise<boolean> =>
  (await tem.count(Membership, { organisation, role: { $in: [Role.CHAIR, Role.VICE_CHAIR] } })) > 0;

/** An active organisation of the basin, for a new role or a transfer: NOT_FOUND elsewhere, ORGANISATION_ARCHIVED. */
export async function activeOrganisation(tem: EntityManager, basinId: string, id: string): Promise<Organisation> {
  const organisation = await tem.findOne(Organisation, { id, basin: basinId });
  if (!organisation) throw notFound('Organisation');
  if (organisation.archivedAt) throw new AppError(ErrorCode.ORGANISATION_ARCHIVED, 'This organisation is archived');
  return organisation;
}
