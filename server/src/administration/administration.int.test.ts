import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { codeOf, gql, signInToken, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { hashPassword } from '../auth/password.js';
import { Person } from '../person/person.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { Sme } from '../sme/sme.entity.js';

/**
 * Administration of a basin, against the real server: the national head creates basins and invites their
 * operators; the operator of a basin (or the national head) runs its organisations, roles, chair, settings and SMEs.
 * Everyone else is refused: FORBIDDEN inside the basin, NOT_FOUND from another basin, UNAUTHENTICATED without a session.
 */

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
const tokens: Record<string, string> = {};

const HEAD_EMAIL = 'head@programme.test';

async function as(who: string | null, query: string, variables: Record<string, unknown> = {}) {
  return gql(server, query, variables, { token: who ? tokens[who] : null });
}

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  a = await createTestBasin(em, 'ad');
  b = await createTestBasin(em, 'bd');
  em.create(Person, {
    email: HEAD_EMAIL,
    firstName: 'Anne',
    lastName: 'Head',
    isNetworkHead: true,
    passwordHash: await hashPassword(PASSWORD),
  });
  await em.flush();
  for (const key of ['operator', 'chair', 'member', 'observer', 'smeLeader'] as const) {
    tokens[key] = await signInToken(server, a.people[key].email, PASSWORD);
  }
  tokens.otherOperator = await signInToken(server, b.people.operator.email, PASSWORD);
  tokens.head = await signInToken(server, HEAD_EMAIL, PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

const CREATE_BASIN = `mutation($input: CreateBasinInput!) { createBasin(input: $input) { id slug advanceCap quorumPercent } }`;
const INVITE_OPERATOR = `mutation($input: InviteOperatorInput!) {
  inviteOperator(input: $input) { link person { id } } }`;
const UPDATE_SETTINGS = `mutation($basinId: ID!, $input: BasinSettingsInput!) {
  updateBasinSettings(basinId: $basinId, input: $input) { id quorumPercent followUpCadenceMonths } }`;
const SETTING_CHANGES = `query($basinId: ID!) {
  basinSettingChanges(basinId: $basinId) { items { field before after changedBy { id } } } }`;
const CREATE_ORGANISATION = `mutation($basinId: ID!, $input: OrganisationInput!) {
  createOrganisation(basinId: $basinId, input: $input) { id name kind siren archivedAt } }`;
const UPDATE_ORGANISATION = `mutation($id: ID!, $input: OrganisationInput!) {
  updateOrganisation(id: $id, input: $input) { id name kind siren } }`;
const ARCHIVE = `mutation($id: ID!, $archived: Boolean!) { setOrganisationArchived(id: $id, archived: $archived) { id archivedAt } }`;
const ORGANISATIONS = `query($basinId: ID!, $all: Boolean!) {
  organisations(basinId: $basinId, includeArchived: $all, limit: 200) { items { id } } }`;
const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { role organisation { id } } }`;
const REVOKE = `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) }`;
const TRANSFER = `mutation($input: TransferPersonInput!) { transferPerson(input: $input) { role organisation { id } } }`;
const HAND_OVER = `mutation($input: HandOverChairInput!) { handOverChair(input: $input) }`;
const CHAIR_TERMS = `query($basinId: ID!) {
  chairTerms(basinId: $basinId) { office startedAt endedAt person { id } startedBy { id } endedBy { id } } }`;
const SMES = `query($basinId: ID!) { smes(basinId: $basinId) { items { id name leader { id } } } }`;
const UPDATE_SME = `mutation($id: ID!, $input: SmeInput!) { updateSme(id: $id, input: $input) { id siren name headcount } }`;
const LINK_LEADER = `mutation($smeId: ID!, $input: SmeLeaderInput!) {
  linkSmeLeader(smeId: $smeId, input: $input) { link sme { id leader { id } } } }`;

const SME_INPUT = { siren: '732 829 320', name: 'Mécanique ad', sector: 'Mécanique', headcount: 20, town: 'Anzin' };
const ORG_INPUT = { name: 'Nouvelle entreprise', kind: 'PARTNER_COMPANY', siren: '552100554', town: 'Douai' };

/** Every operation that writes, with variables aimed at basin A. None of them may pass for a refused caller. */
function writes(): [string, string, Record<string, unknown>][] {
  const basinId = a.basin.id;
  return [
    [
      'inviteOperator',
      INVITE_OPERATOR,
      {
        input: { basinId, email: 'x@x.test', firstName: 'X', lastName: 'Y', organisationId: a.operatorOrg.id },
      },
    ],
    ['updateBasinSettings', UPDATE_SETTINGS, { basinId, input: { quorumPercent: 60 } }],
    ['basinSettingChanges', SETTING_CHANGES, { basinId }],
    ['createOrganisation', CREATE_ORGANISATION, { basinId, input: ORG_INPUT }],
    ['updateOrganisation', UPDATE_ORGANISATION, { id: a.partner.id, input: { name: 'P', kind: 'PARTNER_COMPANY' } }],
    ['setOrganisationArchived', ARCHIVE, { id: a.associated.id, archived: true }],
    ['grantRole', GRANT, { input: { basinId, personId: a.people.member.id, role: 'OBSERVER' } }],
    ['revokeRole', REVOKE, { input: { basinId, personId: a.people.member.id, role: 'MEMBER' } }],
    [
      'transferPerson',
      TRANSFER,
      {
        input: { basinId, personId: a.people.member.id, organisationId: a.otherPartner.id },
      },
    ],
    ['handOverChair', HAND_OVER, { input: { basinId, toPersonId: a.people.member.id } }],
    ['updateSme', UPDATE_SME, { id: a.sme.id, input: SME_INPUT }],
    ['linkSmeLeader', LINK_LEADER, { smeId: a.sme.id, input: { personId: a.people.observer.id } }],
  ];
}

describe('who may administer a basin', () => {
  it.each([
    ['member', 'FORBIDDEN'],
    ['chair', 'FORBIDDEN'],
    ['observer', 'FORBIDDEN'],
    ['smeLeader', 'FORBIDDEN'],
    ['otherOperator', 'NOT_FOUND'],
    [null, 'UNAUTHENTICATED'],
  ])('should refuse every administration of basin A to %s with %s', async (who, code) => {
    for (const [name, query, variables] of writes()) {
      const result = await as(who, query, variables);
      expect({ name, code: codeOf(result) }).toEqual({ name, code });
    }
  });

  it.each([['operator'], ['member'], ['smeLeader'], ['otherOperator'], [null]])(
    'should refuse creating a basin to %s',
    async (who) => {
      const result = await as(who, CREATE_BASIN, { input: { name: 'Sambre', slug: 'sambre', region: 'HdF' } });
      expect(codeOf(result)).toBe(who ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    },
  );

  it('should show the chair terms and SMEs to the committee, not to the SME leader nor to another basin', async () => {
    expect((await as('member', CHAIR_TERMS, { basinId: a.basin.id })).data?.chairTerms).toHaveLength(1);
    expect((await as('member', SMES, { basinId: a.basin.id })).data?.smes.items).toHaveLength(1);
    expect(codeOf(await as('smeLeader', CHAIR_TERMS, { basinId: a.basin.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('smeLeader', SMES, { basinId: a.basin.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('otherOperator', CHAIR_TERMS, { basinId: a.basin.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('otherOperator', SMES, { basinId: a.basin.id }))).toBe('NOT_FOUND');
  });
});

describe('basins', () => {
  it('should let the national head create a basin with default settings, then invite its operator', async () => {
    const created = await as('head', CREATE_BASIN, {
      input: { name: 'Sambre-Avesnois', slug: 'sambre-avesnois', region: 'Hauts-de-France' },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createBasin).toMatchObject({ slug: 'sambre-avesnois', advanceCap: 25000, quorumPercent: 50 });
    const basinId = created.data?.createBasin.id as string;
    const listed = await as('head', `{ basins { id } }`);
    expect(listed.data?.basins.map((x: { id: string }) => x.id)).toContain(basinId);

    const invited = await as('head', INVITE_OPERATOR, {
      input: {
        basinId,
        email: 'operateur@sambre.test',
        firstName: 'Paul',
        lastName: 'Opérateur',
        organisationName: 'CCI Sambre-Avesnois',
      },
    });
    expect(invited.errors).toBeUndefined();
    const token = String(invited.data?.inviteOperator.link).split('/invitation/')[1];
    const accepted = await gql(
      server,
      `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, bearer: true) { token } }`,
      { t: token, p: 'un mot de passe solide pour Sambre' },
    );
    expect(accepted.errors).toBeUndefined();
    const operator = await gql(
      server,
      `{ basins { id myRoles } }`,
      {},
      { token: accepted.data?.acceptInvitation.token },
    );
    expect(operator.data?.basins).toEqual([{ id: basinId, myRoles: ['OPERATOR'] }]);
    const organisations = await as('head', ORGANISATIONS, { basinId, all: false });
    expect(organisations.data?.organisations.items).toHaveLength(1);
  });

  it('should refuse a slug already taken', async () => {
    const result = await as('head', CREATE_BASIN, { input: { name: 'Copie', slug: 'ad', region: 'Test' } });
    expect(codeOf(result)).toBe('DUPLICATE_SLUG');
  });

  it('should let the operator of the basin invite another operator for its operator organisation', async () => {
    const result = await as('operator', INVITE_OPERATOR, {
      input: {
        basinId: a.basin.id,
        email: 'second-operator@ad.test',
        firstName: 'Second',
        lastName: 'Operator',
        organisationId: a.operatorOrg.id,
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.inviteOperator.link).toMatch(/\/invitation\//);
  });
});

describe('basin settings', () => {
  it('should refuse a value out of its range with the field and the range', async () => {
    const result = await as('operator', UPDATE_SETTINGS, { basinId: a.basin.id, input: { quorumPercent: 150 } });
    expect(codeOf(result)).toBe('SETTING_OUT_OF_RANGE');
    expect(result.errors?.[0]?.extensions).toMatchObject({ field: 'quorumPercent', min: 1, max: 100 });
    const cadence = await as('head', UPDATE_SETTINGS, {
      basinId: a.basin.id,
      input: { followUpCadenceMonths: [6, 3] },
    });
    expect(codeOf(cadence)).toBe('SETTING_OUT_OF_RANGE');
    const follow = await as('head', UPDATE_SETTINGS, { basinId: a.basin.id, input: { minFollowUpMonths: 12 } });
    expect(codeOf(follow)).toBe('SETTING_OUT_OF_RANGE');
  });

  it('should change the rules and log each changed field with who, before and after', async () => {
    const byOperator = await as('operator', UPDATE_SETTINGS, {
      basinId: a.basin.id,
      input: { quorumPercent: 60, followUpCadenceMonths: [3, 6, 12, 18, 24] },
    });
    expect(byOperator.data?.updateBasinSettings).toMatchObject({ quorumPercent: 60 });
    const byHead = await as('head', UPDATE_SETTINGS, {
      basinId: a.basin.id,
      input: { quorumPercent: 60, allowVoteChange: false },
    });
    expect(byHead.errors).toBeUndefined();
    const log = await as('operator', SETTING_CHANGES, { basinId: a.basin.id });
    expect(log.data?.basinSettingChanges.items).toEqual(
      expect.arrayContaining([
        { field: 'quorumPercent', before: '50', after: '60', changedBy: { id: a.people.operator.id } },
        {
          field: 'followUpCadenceMonths',
          before: '[3,6,12,18]',
          after: '[3,6,12,18,24]',
          changedBy: { id: a.people.operator.id },
        },
      ]),
    );
    const byHeadEntries = log.data?.basinSettingChanges.items.filter(
      (c: { changedBy: { id: string } }) => c.changedBy.id !== a.people.operator.id,
    );
    // The unchanged quorum is not logged again.
    expect(byHeadEntries.map((c: { field: string }) => c.field)).toEqual(['allowVoteChange']);
  });
});

describe('organisations', () => {
  it('should add and edit an organisation, checking its SIREN', async () => {
    const bad = await as('operator', CREATE_ORGANISATION, {
      basinId: a.basin.id,
      input: { ...ORG_INPUT, siren: '123456789' },
    });
    expect(codeOf(bad)).toBe('INVALID_SIREN');
    const created = await as('head', CREATE_ORGANISATION, { basinId: a.basin.id, input: ORG_INPUT });
    expect(created.data?.createOrganisation).toMatchObject({ kind: 'PARTNER_COMPANY', siren: '552100554' });
    const edited = await as('operator', UPDATE_ORGANISATION, {
      id: created.data?.createOrganisation.id,
      input: { name: 'Banque du Hainaut', kind: 'ASSOCIATED_PARTNER', siren: null },
    });
    expect(edited.data?.updateOrganisation).toMatchObject({ name: 'Banque du Hainaut', kind: 'ASSOCIATED_PARTNER' });
  });

  it('should archive an organisation out of the pickers, keep it in the history, and bring it back', async () => {
    const archived = await as('operator', ARCHIVE, { id: a.thirdPartner.id, archived: true });
    expect(archived.data?.setOrganisationArchived.archivedAt).toBeTruthy();
    const active = await as('member', ORGANISATIONS, { basinId: a.basin.id, all: false });
    expect(active.data?.organisations.items.map((o: { id: string }) => o.id)).not.toContain(a.thirdPartner.id);
    const all = await as('operator', ORGANISATIONS, { basinId: a.basin.id, all: true });
    expect(all.data?.organisations.items.map((o: { id: string }) => o.id)).toContain(a.thirdPartner.id);
    const grant = await as('operator', GRANT, {
      input: { basinId: a.basin.id, personId: a.people.observer.id, role: 'MEMBER', organisationId: a.thirdPartner.id },
    });
    expect(codeOf(grant)).toBe('ORGANISATION_ARCHIVED');
    const back = await as('head', ARCHIVE, { id: a.thirdPartner.id, archived: false });
    expect(back.data?.setOrganisationArchived.archivedAt).toBeNull();
  });

  it("should refuse to archive the chair's organisation", async () => {
    expect(codeOf(await as('operator', ARCHIVE, { id: a.partner.id, archived: true }))).toBe(
      'CHAIR_NOT_PARTNER_REPRESENTATIVE',
    );
  });
});

describe('people and roles', () => {
  it('should grant a role for the person’s own organisation, refuse EXPERT and a role already held', async () => {
    const granted = await as('operator', GRANT, {
      input: { basinId: a.basin.id, personId: a.people.prescriber.id, role: 'OBSERVER' },
    });
    expect(granted.data?.grantRole).toContainEqual({ role: 'OBSERVER', organisation: { id: a.associated.id } });
    const again = await as('head', GRANT, {
      input: { basinId: a.basin.id, personId: a.people.prescriber.id, role: 'OBSERVER' },
    });
    expect(codeOf(again)).toBe('ROLE_ALREADY_HELD');
    const expert = await as('operator', GRANT, {
      input: { basinId: a.basin.id, personId: a.people.prescriber.id, role: 'EXPERT' },
    });
    expect(codeOf(expert)).toBe('BAD_USER_INPUT');
    const stranger = await as('operator', GRANT, {
      input: { basinId: a.basin.id, personId: b.people.member.id, role: 'OBSERVER' },
    });
    expect(codeOf(stranger)).toBe('NOT_FOUND');
  });

  it('should refuse an operator revoking their own operator role, not the national head', async () => {
    const own = await as('operator', REVOKE, {
      input: { basinId: a.basin.id, personId: a.people.operator.id, role: 'OPERATOR' },
    });
    expect(codeOf(own)).toBe('OWN_LAST_OPERATOR_ROLE');
  });

  it('should revoke a role and close the person’s live connections at once', async () => {
    const em = server.orm.em.fork();
    const meeting = em.create(Meeting, {
      basin: a.basin.id,
      title: 'Séance',
      scheduledAt: new Date(),
      chair: a.people.chair.id,
      status: MeetingStatus.OPEN,
      openedAt: new Date(),
    });
    await em.flush();
    let onClose: (code: number) => void = () => undefined;
    const closed = new Promise<number>((resolve) => (onClose = resolve));
    const client: Client = wsClient(server, tokens.observer!, {
      on: { closed: (event) => onClose((event as { code: number }).code) },
    });
    client.subscribe(
      { query: `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`, variables: { id: meeting.id } },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const revoked = await as('operator', REVOKE, {
      input: { basinId: a.basin.id, personId: a.people.observer.id, role: 'OBSERVER' },
    });
    expect(revoked.data?.revokeRole).toBe(true);
    expect(await closed).toBe(4403);
    await client.dispose();
    const after = await as('observer', `query($id: ID!) { basin(id: $id) { id } }`, { id: a.basin.id });
    expect(codeOf(after)).toBe('NOT_FOUND');
    // Back in the basin for the other tests.
    const restore = server.orm.em.fork();
    restore.create(Membership, { person: a.people.observer.id, basin: a.basin.id, role: Role.OBSERVER });
    await restore.flush();
  });

  it('should transfer a person to another organisation of the basin, not to an archived one', async () => {
    const moved = await as('operator', TRANSFER, {
      input: { basinId: a.basin.id, personId: a.people.thirdMember.id, organisationId: a.otherPartner.id },
    });
    expect(moved.data?.transferPerson).toEqual([{ role: 'MEMBER', organisation: { id: a.otherPartner.id } }]);
    const foreign = await as('operator', TRANSFER, {
      input: { basinId: a.basin.id, personId: a.people.thirdMember.id, organisationId: b.partner.id },
    });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const back = await as('head', TRANSFER, {
      input: { basinId: a.basin.id, personId: a.people.thirdMember.id, organisationId: a.thirdPartner.id },
    });
    expect(back.errors).toBeUndefined();
  });

  it("should record a person's civility, clear it, and refuse another basin's person or a member", async () => {
    const SET = `mutation($input: SetPersonCivilityInput!) { setPersonCivility(input: $input) { id civility } }`;
    const input = { basinId: a.basin.id, personId: a.people.chair.id, civility: 'MADAME' };
    expect((await as('operator', SET, { input })).data?.setPersonCivility).toEqual({
      id: a.people.chair.id,
      civility: 'MADAME',
    });
    expect(codeOf(await as('member', SET, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await as('operator', SET, { input: { ...input, personId: b.people.chair.id } }))).toBe('NOT_FOUND');
    expect(codeOf(await as('otherOperator', SET, { input }))).toBe('NOT_FOUND');
    const cleared = await as('head', SET, { input: { ...input, civility: null } });
    expect(cleared.data?.setPersonCivility.civility).toBeNull();
  });
});

describe('chair and vice-chair', () => {
  it('should refuse the chair to anyone but a serving member for an active partner company', async () => {
    for (const person of [a.people.observer, a.people.prescriber, a.people.operator]) {
      const result = await as('operator', HAND_OVER, { input: { basinId: a.basin.id, toPersonId: person.id } });
      expect(codeOf(result)).toBe('CHAIR_NOT_PARTNER_REPRESENTATIVE');
    }
    const stranger = await as('operator', HAND_OVER, { input: { basinId: a.basin.id, toPersonId: b.people.chair.id } });
    expect(codeOf(stranger)).toBe('NOT_FOUND');
  });

  it('should hand over the chair in one step, keep the terms and move the meetings not yet opened', async () => {
    const em = server.orm.em.fork();
    const planned = em.create(Meeting, {
      basin: a.basin.id,
      title: 'Prochaine séance',
      scheduledAt: new Date(Date.now() + 86_400_000),
      chair: a.people.chair.id,
    });
    const closed = em.create(Meeting, {
      basin: a.basin.id,
      title: 'Séance passée',
      scheduledAt: new Date(Date.now() - 86_400_000),
      chair: a.people.chair.id,
      status: MeetingStatus.CLOSED,
    });
    await em.flush();
    const result = await as('operator', HAND_OVER, {
      input: { basinId: a.basin.id, toPersonId: a.people.otherMember.id },
    });
    expect(result.errors).toBeUndefined();
    const check = server.orm.em.fork();
    const chairs = await check.find(Membership, { basin: a.basin.id, role: Role.CHAIR });
    expect(chairs.map((m) => m.person.id)).toEqual([a.people.otherMember.id]);
    expect((await check.findOneOrFail(Meeting, planned.id)).chair?.id).toBe(a.people.otherMember.id);
    expect((await check.findOneOrFail(Meeting, closed.id)).chair?.id).toBe(a.people.chair.id);
    const terms = await as('member', CHAIR_TERMS, { basinId: a.basin.id });
    expect(terms.data?.chairTerms).toEqual([
      expect.objectContaining({
        office: 'CHAIR',
        endedAt: null,
        person: { id: a.people.otherMember.id },
        startedBy: { id: a.people.operator.id },
      }),
      expect.objectContaining({
        office: 'CHAIR',
        person: { id: a.people.chair.id },
        endedBy: { id: a.people.operator.id },
      }),
    ]);
    expect(terms.data?.chairTerms[1].endedAt).toBe(terms.data?.chairTerms[0].startedAt);
  });

  it('should keep the chair and the vice-chair two different people', async () => {
    const same = await as('operator', HAND_OVER, {
      input: { basinId: a.basin.id, toPersonId: a.people.otherMember.id, office: 'VICE_CHAIR' },
    });
    expect(codeOf(same)).toBe('CHAIR_IS_VICE_CHAIR');
    const vice = await as('head', HAND_OVER, {
      input: { basinId: a.basin.id, toPersonId: a.people.member.id, office: 'VICE_CHAIR' },
    });
    expect(vice.errors).toBeUndefined();
    const back = await as('operator', HAND_OVER, { input: { basinId: a.basin.id, toPersonId: a.people.member.id } });
    expect(codeOf(back)).toBe('CHAIR_IS_VICE_CHAIR');
    const revokeMember = await as('operator', REVOKE, {
      input: { basinId: a.basin.id, personId: a.people.member.id, role: 'MEMBER' },
    });
    expect(codeOf(revokeMember)).toBe('CHAIR_NOT_PARTNER_REPRESENTATIVE');
  });

  it('should leave exactly one chair when two handovers race', async () => {
    const results = await Promise.all([
      as('operator', HAND_OVER, { input: { basinId: a.basin.id, toPersonId: a.people.chair.id } }),
      as('head', HAND_OVER, { input: { basinId: a.basin.id, toPersonId: a.people.thirdMember.id } }),
    ]);
    expect(results.some((r) => r.data?.handOverChair === true)).toBe(true);
    const check = server.orm.em.fork();
    expect(await check.count(Membership, { basin: a.basin.id, role: Role.CHAIR })).toBe(1);
    const terms = await as('operator', CHAIR_TERMS, { basinId: a.basin.id });
    const running = terms.data?.chairTerms.filter(
      (t: { office: string; endedAt: string | null }) => t.office === 'CHAIR' && !t.endedAt,
    );
    expect(running).toHaveLength(1);
  });
});

describe('SMEs', () => {
  it('should edit an SME, checking its SIREN and its uniqueness in the basin', async () => {
    const bad = await as('operator', UPDATE_SME, { id: a.sme.id, input: { ...SME_INPUT, siren: '123456789' } });
    expect(codeOf(bad)).toBe('INVALID_SIREN');
    const em = server.orm.em.fork();
    const other = em.create(Sme, {
      basin: a.basin.id,
      siren: '552100554',
      name: 'Autre PME',
      sector: 'Textile',
      headcount: 9,
      town: 'Denain',
    });
    await em.flush();
    const duplicate = await as('head', UPDATE_SME, { id: other.id, input: SME_INPUT });
    expect(codeOf(duplicate)).toBe('DUPLICATE_SIREN');
    const edited = await as('operator', UPDATE_SME, { id: a.sme.id, input: SME_INPUT });
    expect(edited.data?.updateSme).toMatchObject({ siren: '732829320', headcount: 20, name: 'Mécanique ad' });
  });

  it("should invite the SME's leader, who then finds their own project's SME", async () => {
    const em = server.orm.em.fork();
    const sme = em.create(Sme, {
      basin: a.basin.id,
      siren: '403052111',
      name: 'Tôlerie du Hainaut',
      sector: 'Tôlerie',
      headcount: 12,
      town: 'Trith',
    });
    await em.flush();
    const linked = await as('operator', LINK_LEADER, {
      smeId: sme.id,
      input: { invite: { email: 'dirigeant@tolerie.test', firstName: 'Marc', lastName: 'Tôlier' } },
    });
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.linkSmeLeader.link).toMatch(/\/invitation\//);
    const leaderId = linked.data?.linkSmeLeader.sme.leader.id;
    const roles = await server.orm.em.fork().find(Membership, { person: leaderId, basin: a.basin.id });
    expect(roles.map((m) => m.role)).toEqual([Role.SME]);
  });

  it('should link an existing person of the basin as leader, and refuse a person of another basin', async () => {
    const linked = await as('head', LINK_LEADER, { smeId: a.sme.id, input: { personId: a.people.member.id } });
    expect(linked.data?.linkSmeLeader).toEqual({
      link: null,
      sme: { id: a.sme.id, leader: { id: a.people.member.id } },
    });
    const foreign = await as('operator', LINK_LEADER, { smeId: a.sme.id, input: { personId: b.people.member.id } });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
  });
});

describe('the national head, who holds no role in the basin', () => {
  it('should read and do each act of administration in any basin', async () => {
    const basinId = b.basin.id;
    const read = async (query: string) => {
      const result = await as('head', query, { basinId });
      expect(result.errors).toBeUndefined();
      return result.data;
    };
    expect((await read(SETTING_CHANGES))?.basinSettingChanges.items).toEqual([]);
    expect((await read(CHAIR_TERMS))?.chairTerms).toHaveLength(1);
    expect((await read(SMES))?.smes.items).toHaveLength(1);

    const acts: [string, Record<string, unknown>][] = [
      [UPDATE_ORGANISATION, { id: b.associated.id, input: { name: 'Initiative Sambre', kind: 'ASSOCIATED_PARTNER' } }],
      [GRANT, { input: { basinId, personId: b.people.prescriber.id, role: 'OBSERVER' } }],
      [REVOKE, { input: { basinId, personId: b.people.prescriber.id, role: 'OBSERVER' } }],
      [UPDATE_SME, { id: b.sme.id, input: { ...SME_INPUT, name: 'Mécanique bd' } }],
      // The head may also revoke an operator's role, which the operator may not do to themself.
      [REVOKE, { input: { basinId, personId: b.people.operator.id, role: 'OPERATOR' } }],
    ];
    for (const [query, variables] of acts) {
      const result = await as('head', query, variables);
      expect(result.errors).toBeUndefined();
    }
    const gone = await as('otherOperator', `query($id: ID!) { basin(id: $id) { id } }`, { id: basinId });
    expect(codeOf(gone)).toBe('NOT_FOUND');
  });

  it('should let the operator add an organisation to its own basin', async () => {
    const created = await as('operator', CREATE_ORGANISATION, {
      basinId: a.basin.id,
      input: { name: 'Communauté d’agglomération', kind: 'COLLECTIVITY' },
    });
    expect(created.data?.createOrganisation).toMatchObject({ kind: 'COLLECTIVITY', siren: null, archivedAt: null });
  });
});
