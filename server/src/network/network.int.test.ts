import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Person } from '../person/person.entity.js';
import { hashPassword } from '../auth/password.js';

const BREAKDOWNS = `{ networkBreakdowns {
  smesSupported jobsPlanned jobsPerSme
  basins { basin { slug } smesSupported jobsPlanned jobsPerSme ratioToNetwork }
  bySizeClass { key smesSupported projectsSupported jobsPlanned }
  bySector { key smesSupported jobsPlanned }
  byYear { key projectsSupported jobsPlanned }
} }`;
const UPDATE_SME = `mutation($id: ID!, $input: SmeInput!) { updateSme(id: $id, input: $input) { nafCode } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let head: string;
let operator: string;

/** A supported project of a new SME of the basin. */
async function supported(
  basin: TestBasin,
  siren: string,
  headcount: number,
  nafCode: string | null,
  jobs: number,
  year: number,
) {
  const em = server.orm.em.fork();
  const sme = em.create(Sme, {
    basin: basin.basin.id,
    siren,
    name: `PME ${siren}`,
    sector: 'x',
    town: 'y',
    headcount,
    nafCode,
  });
  em.create(Project, {
    basin: basin.basin.id,
    sme,
    title: `Projet ${siren}`,
    prescriber: basin.people.prescriber.id,
    prescriberOrganisation: basin.associated.id,
    status: ProjectStatus.FOLLOW_UP,
    jobsPlanned: jobs,
    decidedAt: new Date(Date.UTC(year, 5, 1)),
  });
  await em.flush();
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'na');
  b = await createTestBasin(server.orm.em.fork(), 'nb');
  // basin A: 3 SMEs, 39 jobs (13 a SME); basin B: 2 SMEs, 2 jobs — the network: 5 SMEs, 41 jobs
  await supported(a, '552100554', 8, '25.62B', 20, 2024);
  await supported(a, '542051180', 60, '49.41A', 15, 2025);
  await supported(a, '542065479', 30, null, 4, 2025);
  await supported(b, '572015246', 12, '25.11Z', 1, 2025);
  await supported(b, '302474572', 5, '62.01Z', 1, 2026);
  const em = server.orm.em.fork();
  const nadia = em.create(Person, {
    email: 'head@network.test',
    firstName: 'N',
    lastName: 'H',
    isNetworkHead: true,
    passwordHash: await hashPassword(PASSWORD),
  });
  await em.flush();
  head = await signInToken(server, nadia.email, PASSWORD);
  operator = await signInToken(server, 'operator@na.test', PASSWORD);
});
afterAll(() => server?.close());

describe('the network for the national head', () => {
  it('should break the supported projects down by size class, NAF section and year, and compare each basin', async () => {
    const result = await gql(server, BREAKDOWNS, {}, { token: head });
    expect(result.errors).toBeUndefined();
    const network = result.data?.networkBreakdowns;
    expect(network).toMatchObject({ smesSupported: 5, jobsPlanned: 41, jobsPerSme: 8.2 });
    expect(network.basins).toEqual([
      { basin: { slug: 'na' }, smesSupported: 3, jobsPlanned: 39, jobsPerSme: 13, ratioToNetwork: 1.59 },
      { basin: { slug: 'nb' }, smesSupported: 2, jobsPlanned: 2, jobsPerSme: 1, ratioToNetwork: 0.12 },
    ]);
    expect(network.bySizeClass).toEqual([
      { key: 'MICRO', smesSupported: 2, projectsSupported: 2, jobsPlanned: 21 },
      { key: 'SMALL', smesSupported: 2, projectsSupported: 2, jobsPlanned: 5 },
      { key: 'MEDIUM', smesSupported: 1, projectsSupported: 1, jobsPlanned: 15 },
    ]);
    expect(network.bySector).toEqual([
      { key: 'C', smesSupported: 2, jobsPlanned: 21 },
      { key: 'H', smesSupported: 1, jobsPlanned: 15 },
      { key: 'J', smesSupported: 1, jobsPlanned: 1 },
      { key: 'UNKNOWN', smesSupported: 1, jobsPlanned: 4 },
    ]);
    expect(network.byYear).toEqual([
      { key: '2024', projectsSupported: 1, jobsPlanned: 20 },
      { key: '2025', projectsSupported: 3, jobsPlanned: 20 },
      { key: '2026', projectsSupported: 1, jobsPlanned: 1 },
    ]);
  });

  it('should be refused to a basin operator', async () => {
    expect(codeOf(await gql(server, BREAKDOWNS, {}, { token: operator }))).toBe('FORBIDDEN');
  });

  it("should write an SME's NAF code the INSEE way, and refuse one that does not exist", async () => {
    const input = { siren: '732829320', name: a.sme.name, sector: 'Mécanique', headcount: 12, town: 'Anzin' };
    const done = await gql(
      server,
      UPDATE_SME,
      { id: a.sme.id, input: { ...input, nafCode: '2562 b' } },
      { token: operator },
    );
    expect(done.data?.updateSme.nafCode).toBe('25.62B');
    const refused = await gql(
      server,
      UPDATE_SME,
      { id: a.sme.id, input: { ...input, nafCode: '04.00Z' } },
      { token: operator },
    );
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect((await server.orm.em.fork().findOneOrFail(Sme, a.sme.id)).nafCode).toBe('25.62B');
  });
});
