import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { createInvitation, createInvitedPerson, invitationLink } from '../auth/auth.service.js';
import { BasinSettingChange } from './basin-setting-change.entity.js';
import { SETTING_FIELDS, checkSettings, type BasinSettings } from './basin-settings.js';
import type { CreateBasinInput, InviteOperatorInput, NewPersonInput } from './administration.inputs.js';

/** National head: a new basin, with every setting at its default. DUPLICATE_SLUG when the slug is taken. */
export async function createBasin(em: EntityManager, input: CreateBasinInput): Promise<Basin> {
  const slug = input.slug.trim();
  return em.transactional(async (tem) => {
    if (await tem.findOne(Basin, { slug })) throw new AppError(ErrorCode.DUPLICATE_SLUG, 'This slug is taken');
    return tem.create(Basin, {
      name: input.name.trim(),
      slug,
      region: input.region.trim(),
      ...(input.timezone?.trim() ? { timezone: input.timezone.trim() } : {}),
    });
  });
}

/**
 * The basin's operator: a new person with the OPERATOR role, representing an organisation of kind OPERATOR (chosen,
 * or created by name in the same transaction), and their one-time link.
 */
export async function inviteOperator(app: App, em: EntityManager, inviter: Viewer, input: InviteOperatorInput) {
  const created = await em.transactional(async (tem) => {
    const basin = await tem.findOneOrFail(Basin, input.basinId);
    let organisation: Organisation | null;
    if (input.organisationId) {
      organisation = await tem.findOne(Organisation, { id: input.organisationId, basin });
      if (!organisation || organisation.kind !== OrganisationKind.OPERATOR) throw notFound('Operator organisation');
      if (organisation.archivedAt) throw new AppError(ErrorCode.ORGANISATION_ARCHIVED, 'This organisation is archived');
    } else if (input.organisationName?.trim()) {
      organisation = tem.create(Organisation, {
        basin,
        name: input.organisationName.trim(),
        kind: OrganisationKind.OPERATOR,
      });
    } else {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose or name the operator organisation', {
        fields: { organisationId: 'required' },
      });
    }
    const person = await createInvitedPerson(tem, input);
    tem.create(Membership, { person, basin, role: Role.OPERATOR, organisation });
    return { person, token: createInvitation(tem, person, basin, inviter.person) };
  });
  return { person: created.person, link: invitationLink(app, created.person, created.token) };
}

/**
 * Changes the rules named in `changes` (the others stay), after checking every range, and records each change that
 * differs from the current value (who, field, before, after) in the same transaction. Returns the basin.
 */
export async function updateBasinSettings(
  em: EntityManager,
  by: Person,
  basinId: string,
  changes: Partial<{ [K in keyof BasinSettings]: BasinSettings[K] | null }>,
): Promise<Basin> {
  const given = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== null && value !== undefined && isSetting(key)),
  ) as Partial<BasinSettings>;
  checkSettings(given);
  return em.transactional(async (tem) => {
    const basin = await tem.findOneOrFail(Basin, basinId);
    for (const field of SETTING_FIELDS) {
      if (!(field in given)) continue;
      const before = JSON.stringify(basin[field]);
      const after = JSON.stringify(given[field]);
      if (before === after) continue;
      Object.assign(basin, { [field]: given[field] });
      tem.create(BasinSettingChange, { basin, changedBy: tem.getReference(Person, by.id), field, before, after });
    }
    return basin;
  });
}

const isSetting = (key: string): key is keyof BasinSettings => (SETTING_FIELDS as readonly string[]).includes(key);

/**
 * First run: the programme's national head, who reads and administers every basin, with a one-time link to set their
 * password. DUPLICATE_EMAIL when the email already has an account.
 */
export async function createNetworkHead(app: Pick<App, 'config' | 'logger'>, em: EntityManager, input: NewPersonInput) {
  const created = await em.transactional(async (tem) => {
    const person = await createInvitedPerson(tem, { ...input, isNetworkHead: true });
    // Nobody invites the first head: the invitation names them as its own author.
    return { person, token: createInvitation(tem, person, null, person) };
  });
  return { person: created.person, link: invitationLink(app, created.person, created.token) };
}
