import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from './project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { CompetenceNeed } from './competence-need.entity.js';

const CREATE = `mutation($input: CreateProjectInput!) {
  createProject(input: $input) { id title status basinId jobsPlanned advanceRequested
    sme { siren name } prescriber { email } prescriberOrganisation { name }
    needs { domain profile estimatedDays position } }
}`;
const PROJECTS = `query($basinId: ID!, $offset: Int, $limit: Int, $status: [ProjectStatus!], $search: String) {
  projects(basinId: $basinId, offset: $offset, limit: $limit, status: $status, search: $search) { totalCount hasMore items { id title } }
}`;

let server: TestServer;
let a: TestBasin;
let operatorA: string;

const input = (overrides: Record<string, unknown> = {}) => ({
  basinId: a.basin.id,
  title: 'ISO 9001 certification',
  summary: 'Reach ISO 9001 to qualify as a rail supplier.',
  prescriberId: a.people.member.id,
  jobsPlanned: 6,
  advanceRequested: 12000,
  sme: { siren: '552 100 554', name: 'Usinage Précis', sector: 'Precision mechanics', headcount: 22, town: 'Anzin' },
  needs: [
    { domain: 'QUALITY', profile: 'Quality engineer', estimatedDays: 10 },
    { domain: 'PRODUCTION', profile: 'Methods technician', estimatedDays: 4.5 },
  ],
  ...overrides,
});

async function counts() {
  const em = server.orm.em.fork();
  return { projects: await em.count(Project), smes: await em.count(Sme), needs: await em.count(CompetenceNeed) };
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'pa');
  await createTestBasin(server.orm.em.fork(), 'pb');
  operatorA = await signInToken(server, 'operator@pa.test', PASSWORD);
});
afterAll(() => server?.close());

describe('projects', () => {
  it('should let the operator record a project with a new SME and its needs, readable by the committee', async () => {
    const created = await gql(server, CREATE, { input: input() }, { token: operatorA });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProject).toMatchObject({
      title: 'ISO 9001 certification',
      status: 'PRESCRIBED',
      basinId: a.basin.id,
      sme: { siren: '552100554', name: 'Usinage Précis' },
      prescriber: { email: 'member@pa.test' },
      prescriberOrganisation: { name: 'Partner pa' },
      needs: [
        { domain: 'QUALITY', profile: 'Quality engineer', estimatedDays: 10, position: 0 },
        { domain: 'PRODUCTION', profile: 'Methods technician', estimatedDays: 4.5, position: 1 },
      ],
    });
    const observer = await signInToken(server, 'observer@pa.test', PASSWORD);
    const read = await gql(
      server,
      '{ project(id: "' + created.data?.createProject.id + '") { title } }',
      {},
      { token: observer },
    );
    expect(read.data?.project.title).toBe('ISO 9001 certification');
  });

  it('should refuse a bad SIREN, an unknown basin and an advance above the cap, writing nothing', async () => {
    const before = await counts();
    const badSiren = await gql(
      server,
      CREATE,
      { input: input({ sme: { ...input().sme, siren: '552100555' } }) },
      { token: operatorA },
    );
    expect(codeOf(badSiren)).toBe('INVALID_SIREN');
    expect(badSiren.errors?.[0]?.extensions?.fields).toEqual({ siren: 'invalid' });
    const unknown = await gql(
      server,
      CREATE,
      { input: input({ basinId: '00000000-0000-4000-8000-000000000000' }) },
      { token: operatorA },
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const aboveCap = await gql(
      server,
      CREATE,
      { input: input({ advanceRequested: 15001, sme: { ...input().sme, siren: '732829320' } }) },
      { token: operatorA },
    );
    expect(codeOf(aboveCap)).toBe('ADVANCE_ABOVE_CAP');
    const duplicate = await gql(
      server,
      CREATE,
      { input: input({ title: 'Another', sme: { ...input().sme } }) },
      { token: operatorA },
    );
    expect(codeOf(duplicate)).toBe('DUPLICATE_SIREN');
    const badNeed = await gql(
      server,
      CREATE,
      {
        input: input({
          sme: { ...input().sme, siren: '356000000' },
          needs: [{ domain: 'IT', profile: 'x', estimatedDays: 0 }],
        }),
      },
      { token: operatorA },
    );
    expect(codeOf(badNeed)).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('should answer NOT_FOUND when listing a basin that does not exist', async () => {
    const result = await gql(
      server,
      PROJECTS,
      { basinId: '00000000-0000-4000-8000-000000000000' },
      { token: operatorA },
    );
    expect(codeOf(result)).toBe('NOT_FOUND');
  });

  it('should keep each basin to itself and writes to operators', async () => {
    const operatorB = await signInToken(server, 'operator@pb.test', PASSWORD);
    const observer = await signInToken(server, 'observer@pa.test', PASSWORD);
    expect(codeOf(await gql(server, CREATE, { input: input() }, { token: operatorB }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, CREATE, { input: input() }, { token: observer }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, PROJECTS, { basinId: a.basin.id }, { token: operatorB }))).toBe('NOT_FOUND');
    const listed = await gql(server, PROJECTS, { basinId: a.basin.id }, { token: operatorA });
    const id = listed.data?.projects.items[0].id;
    expect(codeOf(await gql(server, `{ project(id: "${id}") { title } }`, {}, { token: operatorB }))).toBe('NOT_FOUND');
    const update = `mutation($id: ID!) { updateProject(id: $id, input: { title: "Hijacked" }) { title } }`;
    expect(codeOf(await gql(server, update, { id }, { token: operatorB }))).toBe('NOT_FOUND');
  });

  it('should show an SME leader its own project only', async () => {
    const em = server.orm.em.fork();
    const own = await gql(
      server,
      CREATE,
      { input: input({ title: 'Own project', sme: undefined, smeId: a.sme.id }) },
      { token: operatorA },
    );
    expect(own.errors).toBeUndefined();
    const leader = await signInToken(server, 'smeleader@pa.test', PASSWORD);
    const listed = await gql(server, PROJECTS, { basinId: a.basin.id }, { token: leader });
    expect(listed.data?.projects.items.map((p: { title: string }) => p.title)).toEqual(['Own project']);
    expect(
      codeOf(
        await gql(
          server,
          `query($b: ID!) { meetings(basinId: $b) { totalCount } }`,
          { b: a.basin.id },
          { token: leader },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await em.count(Project, { basin: a.basin.id })).toBeGreaterThan(1);
  });

  it('should page through projects and filter them', async () => {
    for (const [i, siren] of ['130005481', '180020026', '110043015'].entries()) {
      const created = await gql(
        server,
        CREATE,
        { input: input({ title: `Paged ${i}`, sme: { ...input().sme, siren } }) },
        { token: operatorA },
      );
      expect(created.errors).toBeUndefined();
    }
    const first = await gql(server, PROJECTS, { basinId: a.basin.id, limit: 2 }, { token: operatorA });
    expect(first.data?.projects).toMatchObject({ totalCount: 5, hasMore: true });
    expect(first.data?.projects.items).toHaveLength(2);
    const last = await gql(server, PROJECTS, { basinId: a.basin.id, offset: 4, limit: 2 }, { token: operatorA });
    expect(last.data?.projects).toMatchObject({ totalCount: 5, hasMore: false });
    const searched = await gql(server, PROJECTS, { basinId: a.basin.id, search: 'Paged 1' }, { token: operatorA });
    expect(searched.data?.projects.items).toEqual([{ id: expect.any(String), title: 'Paged 1' }]);
    const tooMany = await gql(server, PROJECTS, { basinId: a.basin.id, limit: 1000 }, { token: operatorA });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('should update a project, replacing its needs, and refuse to decide by hand', async () => {
    const listed = await gql(server, PROJECTS, { basinId: a.basin.id, search: 'Paged 2' }, { token: operatorA });
    const id = listed.data?.projects.items[0].id;
    const update = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { status jobsPlanned needs { profile } } }`;
    const updated = await gql(
      server,
      update,
      {
        id,
        input: {
          status: 'DIAGNOSIS',
          jobsPlanned: 9,
          needs: [{ domain: 'HR', profile: 'Recruiter', estimatedDays: 3 }],
        },
      },
      { token: operatorA },
    );
    expect(updated.data?.updateProject).toEqual({
      status: 'DIAGNOSIS',
      jobsPlanned: 9,
      needs: [{ profile: 'Recruiter' }],
    });
    const decided = await gql(server, update, { id, input: { status: 'APPROVED' } }, { token: operatorA });
    expect(codeOf(decided)).toBe('PROJECT_MOVE_NOT_ALLOWED');
  });
});
