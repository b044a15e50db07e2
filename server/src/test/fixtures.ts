import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { hashPassword } from '../auth/password.js';

export const PASSWORD = 'correct horse battery';
let hashed: Promise<string> | null = null;

export interface TestBasin {
  basin: Basin;
  partner: Organisation;
  otherPartner: Organisation;
  thirdPartner: Organisation;
  associated: Organisation;
  operatorOrg: Organisation;
  people: Record<
    'operator' | 'chair' | 'member' | 'otherMember' | 'thirdMember' | 'prescriber' | 'observer' | 'smeLeader',
    Person
  >;
  sme: Sme;
}

/**
 * A small basin: a committee of four organisations (three partner companies and an associated partner whose
 * member prescribes), an operator, an observer and an SME leader. Emails are `<key>@<slug>.test`.
 */
export async function createTestBasin(em: EntityManager, slug: string, advanceCap = 15000): Promise<TestBasin> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  return em.transactional(async (tem) => {
    const basin = tem.create(Basin, { name: `Basin ${slug}`, slug, region: 'Test', advanceCap });
    const org = (name: string, kind: OrganisationKind) => tem.create(Organisation, { basin, name, kind });
    const operatorOrg = org(`CCI ${slug}`, OrganisationKind.OPERATOR);
    const partner = org(`Partner ${slug}`, OrganisationKind.PARTNER_COMPANY);
    const otherPartner = org(`Other partner ${slug}`, OrganisationKind.PARTNER_COMPANY);
    const thirdPartner = org(`Third partner ${slug}`, OrganisationKind.PARTNER_COMPANY);
    const associated = org(`Initiative ${slug}`, OrganisationKind.ASSOCIATED_PARTNER);
    const person = (key: string, roles: Role[], organisation: Organisation | null) => {
      const p = tem.create(Person, { email: `${key}@${slug}.test`, firstName: key, lastName: slug, passwordHash });
      for (const role of roles) tem.create(Membership, { person: p, basin, role, organisation });
      return p;
    };
    const people = {
      operator: person('operator', [Role.OPERATOR], operatorOrg),
      chair: person('chair', [Role.CHAIR, Role.MEMBER], partner),
      member: person('member', [Role.MEMBER], partner),
      otherMember: person('othermember', [Role.MEMBER], otherPartner),
      thirdMember: person('thirdmember', [Role.MEMBER], thirdPartner),
      prescriber: person('prescriber', [Role.MEMBER], associated),
      observer: person('observer', [Role.OBSERVER], null),
      smeLeader: person('smeleader', [Role.SME], null),
    };
    const sme = tem.create(Sme, {
      basin,
      siren: '732829320',
      name: `Mécanique ${slug}`,
      sector: 'Precision mechanics',
      headcount: 18,
      town: 'Valenciennes',
      leader: people.smeLeader,
    });
    return { basin, partner, otherPartner, thirdPartner, associated, operatorOrg, people, sme };
  });
}
