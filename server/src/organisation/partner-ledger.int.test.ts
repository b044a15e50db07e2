import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';

const LEDGER = `query($o: ID!) { partnerLedger(organisationId: $o) { dailyRate daysPledged daysDelivered deliveredValue
  lines { pledge { days daysDelivered profile } project { title } deliveredValue } followedProjects { title } comingMeetings { title } } }`;

let server: TestServer;
let a: TestBasin;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'pl');
  await createTestBasin(server.orm.em.fork(), 'pm');
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Qualité totale',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    status: ProjectStatus.FOLLOW_UP,
    mandatary: a.people.member.id,
  });
  em.create(Pledge, {
    project,
    organisation: a.partner.id,
    domain: CompetenceDomain.QUALITY,
    profile: 'Auditeur',
    days: 8,
    daysDelivered: 5.5,
    pledgedBy: a.people.member.id,
  });
  em.create(Pledge, {
    project,
    organisation: a.otherPartner.id,
    domain: CompetenceDomain.HR,
    profile: 'RH',
    days: 3,
    pledgedBy: a.people.otherMember.id,
  });
  em.create(Meeting, {
    basin: a.basin.id,
    title: 'Comité de printemps',
    scheduledAt: new Date(Date.now() + 20 * 86400_000),
  });
  await em.flush();
});
afterAll(() => server?.close());

describe("a partner company's ledger", () => {
  it('should show its pledges, the days delivered and their value, the projects its people follow and the coming sessions', async () => {
    const member = await signInToken(server, 'member@pl.test', PASSWORD);
    const ledger = (await gql(server, LEDGER, { o: a.partner.id }, { token: member })).data?.partnerLedger;
    expect(ledger).toEqual({
      dailyRate: 600,
      daysPledged: 8,
      daysDelivered: 5.5,
      deliveredValue: 3300,
      lines: [
        {
          pledge: { days: 8, daysDelivered: 5.5, profile: 'Auditeur' },
          project: { title: 'Qualité totale' },
          deliveredValue: 3300,
        },
      ],
      followedProjects: [{ title: 'Qualité totale' }],
      comingMeetings: [{ title: 'Comité de printemps' }],
    });
    const outsider = await signInToken(server, 'member@pm.test', PASSWORD);
    expect(codeOf(await gql(server, LEDGER, { o: a.partner.id }, { token: outsider }))).toBe('NOT_FOUND');
  });
});
