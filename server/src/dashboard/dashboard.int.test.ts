import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { seedDemoBasin, DEMO_PASSWORD } from '../seeders/demo-basin.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionOrigin } from '../basin/contribution.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { Person } from '../person/person.entity.js';

const DASHBOARD = `query($b: ID!) { basinDashboard(basinId: $b) {
  smesSupported jobsPlanned jobsCreated jobsPreserved jobsTarget jobsPerSme daysPledged daysDelivered
  years { index examined approved jobsPlanned targetExamined targetApproved targetJobs }
  competences { organisation { name } pledgedDays deliveredDays deliveredValue }
  advances { advancesCount lent repaid outstanding losses lossRate }
  resources { source cash staffTime total share targetShare }
} }`;

let server: TestServer;
let small: TestBasin;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  small = await createTestBasin(server.orm.em.fork(), 'db');
  // A small basin with figures known by hand: a convention that began 18 months ago, three decisions.
  const em = server.orm.em.fork();
  const started = new Date();
  started.setUTCMonth(started.getUTCMonth() - 18);
  const startsOn = started.toISOString().slice(0, 10);
  em.create(TriennialConvention, {
    basin: small.basin.id,
    label: 'Convention',
    startsOn,
    endsOn: '2099-12-31',
    targetJobsPerYear: 10,
  });
  const monthsAfterStart = (m: number) => new Date(started.getTime() + m * 30.5 * 86400_000);
  const project = (title: string, status: ProjectStatus, jobsPlanned: number, jobsCreated: number, siren: string) => {
    const sme = em.create(Sme, { basin: small.basin.id, siren, name: title, sector: 'x', headcount: 10, town: 'x' });
    return em.create(Project, {
      basin: small.basin.id,
      sme,
      title,
      prescriber: small.people.prescriber.id,
      prescriberOrganisation: small.associated.id,
      status,
      jobsPlanned,
      jobsCreated,
    });
  };
  const p1 = project('One', ProjectStatus.FOLLOW_UP, 10, 4, '552100554');
  const p2 = project('Two', ProjectStatus.APPROVED, 6, 0, '130005481');
  const p3 = project('Three', ProjectStatus.REJECTED, 8, 0, '180020026');
  const recordedBy = small.people.chair.id;
  em.create(Decision, { project: p1, outcome: DecisionOutcome.APPROVED, recordedBy, decidedAt: monthsAfterStart(2) });
  em.create(Decision, { project: p3, outcome: DecisionOutcome.REJECTED, recordedBy, decidedAt: monthsAfterStart(3) });
  em.create(Decision, { project: p2, outcome: DecisionOutcome.APPROVED, recordedBy, decidedAt: monthsAfterStart(14) });
  em.create(Pledge, {
    project: p1,
    organisation: small.partner.id,
    domain: CompetenceDomain.QUALITY,
    profile: 'Q',
    days: 10,
    daysDelivered: 5,
    pledgedBy: small.people.member.id,
  });
  em.create(Pledge, {
    project: p2,
    organisation: small.otherPartner.id,
    domain: CompetenceDomain.HR,
    profile: 'H',
    days: 4,
    pledgedBy: small.people.otherMember.id,
  });
  em.create(Contribution, {
    basin: small.basin.id,
    organisation: small.partner.id,
    year: 2026,
    amount: 1000,
    origin: ContributionOrigin.COMPANIES,
  });
  em.create(Contribution, {
    basin: small.basin.id,
    organisation: small.associated.id,
    year: 2026,
    amount: 2000,
    origin: ContributionOrigin.TERRITORIAL_ACTORS,
  });
  await em.flush();
});
afterAll(() => server?.close());

describe('the basin dashboard', () => {
  it('should show the Valenciennois after three years: 27 SMEs, 13 advances, 349 jobs, 78 hires, about 13 jobs per SME', async () => {
    const observer = await signInToken(server, 'observateur@demo.agrement.fr', DEMO_PASSWORD);
    const { basins } = (await gql(server, '{ basins { id } }', {}, { token: observer })).data!;
    const d = (await gql(server, DASHBOARD, { b: basins[0].id }, { token: observer })).data?.basinDashboard;
    expect(d).toMatchObject({ smesSupported: 27, jobsPlanned: 349, jobsCreated: 78, jobsTarget: 225 });
    expect(Math.round(d.jobsPerSme)).toBe(13);
    expect(d.advances.advancesCount).toBe(13);
    expect(d.years).toHaveLength(3);
    expect(d.years.reduce((s: number, y: any) => s + y.approved, 0)).toBeGreaterThanOrEqual(27);
    expect(d.resources.map((r: any) => r.source)).toEqual([
      'COMPANIES',
      'TERRITORIAL_ACTORS',
      'COLLECTIVITIES',
      'STATE_AND_CDC',
    ]);
    expect(d.resources.reduce((s: number, r: any) => s + r.share, 0)).toBeCloseTo(100, 0);
  });

  it('should compute every figure of a small basin exactly', async () => {
    const operator = await signInToken(server, 'operator@db.test', PASSWORD);
    const d = (await gql(server, DASHBOARD, { b: small.basin.id }, { token: operator })).data?.basinDashboard;
    expect(d).toMatchObject({
      smesSupported: 2,
      jobsPlanned: 16,
      jobsCreated: 4,
      jobsTarget: 30,
      jobsPerSme: 8,
      daysPledged: 14,
      daysDelivered: 5,
    });
    expect(d.years.map((y: any) => [y.index, y.examined, y.approved, y.jobsPlanned])).toEqual([
      [1, 2, 1, 10],
      [2, 1, 1, 6],
      [3, 0, 0, 0],
    ]);
    expect(d.competences).toEqual([
      { organisation: { name: 'Partner db' }, pledgedDays: 10, deliveredDays: 5, deliveredValue: 3000 },
      { organisation: { name: 'Other partner db' }, pledgedDays: 4, deliveredDays: 0, deliveredValue: 0 },
    ]);
    // companies: 1 000 € cash + 5 days × 600 €; territorial actors: 2 000 € → 4 000 / 6 000 and 2 000 / 6 000
    expect(d.resources).toEqual([
      { source: 'COMPANIES', cash: 1000, staffTime: 3000, total: 4000, share: 66.7, targetShare: 40 },
      { source: 'TERRITORIAL_ACTORS', cash: 2000, staffTime: 0, total: 2000, share: 33.3, targetShare: 20 },
      { source: 'COLLECTIVITIES', cash: 0, staffTime: 0, total: 0, share: 0, targetShare: 25 },
      { source: 'STATE_AND_CDC', cash: 0, staffTime: 0, total: 0, share: 0, targetShare: 15 },
    ]);
  });

  it('should keep the network view to the national head', async () => {
    const operator = await signInToken(server, 'operator@db.test', PASSWORD);
    expect(codeOf(await gql(server, '{ networkDashboard { smesSupported } }', {}, { token: operator }))).toBe(
      'FORBIDDEN',
    );
    const em = server.orm.em.fork();
    await em.nativeUpdate(Person, { email: 'observer@db.test' }, { isNetworkHead: true });
    const head = await signInToken(server, 'observer@db.test', PASSWORD);
    const network = (
      await gql(
        server,
        '{ networkDashboard { smesSupported jobsCreated basins { basin { slug } smesSupported } } }',
        {},
        { token: head },
      )
    ).data?.networkDashboard;
    expect(network.smesSupported).toBe(27 + 2);
    expect(network.jobsCreated).toBe(78 + 4);
    expect(network.basins.map((b: any) => b.basin.slug).sort()).toEqual(['db', 'valenciennois']);
  });
});
