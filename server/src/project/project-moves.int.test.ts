import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type GqlResult, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from './project.entity.js';
import { Sme } from '../sme/sme.entity.js';

/** Moving a project through its preparation, and editing it with its SME: the operator's, forward only. */

const MOVE = `mutation($id: ID!, $s: ProjectStatus!) { moveProject(id: $id, status: $s) { status nextStatuses } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { title prescriber { id } prescriberOrganisation { id } sme { name sector headcount town siren } needs { profile } } }`;
const SAVE = `mutation($p: ID!, $input: DiagnosisVersionInput!) { saveDiagnosisVersion(projectId: $p, input: $input) { number } }`;

let server: TestServer;
let a: TestBasin;
let tokens: Record<'operator' | 'chair' | 'prescriber' | 'observer' | 'smeleader' | 'operatorB', string>;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'move-a');
  await createTestBasin(server.orm.em.fork(), 'move-b');
  const signIn = (key: string, slug = 'move-a') => signInToken(server, `${key}@${slug}.test`, PASSWORD);
  tokens = {
    operator: await signIn('operator'),
    chair: await signIn('chair'),
    prescriber: await signIn('prescriber'),
    observer: await signIn('observer'),
    smeleader: await signIn('smeleader'),
    operatorB: await signIn('operator', 'move-b'),
  };
});
afterAll(() => server?.close());

async function newProject(status = ProjectStatus.PRESCRIBED): Promise<string> {
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Atelier',
    status,
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
  });
  await em.flush();
  return project.id;
}

const move = (id: string, s: string, token = tokens.operator) => gql(server, MOVE, { id, s }, { token });
const reasonOf = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.reason;

describe('moving a project through its preparation', () => {
  it('should move forward step by step, scheduling only once a diagnosis version is saved', async () => {
    const id = await newProject();
    expect((await move(id, 'DIAGNOSIS')).data?.moveProject).toEqual({
      status: 'DIAGNOSIS',
      nextStatuses: ['SCHEDULED'],
    });
    const early = await move(id, 'SCHEDULED');
    expect(codeOf(early)).toBe('PROJECT_MOVE_NOT_ALLOWED');
    expect(reasonOf(early)).toBe('DIAGNOSIS_REQUIRED');
    await gql(
      server,
      SAVE,
      { p: id, input: { title: 'Diagnostic', sections: [{ heading: 'Entreprise', body: 'PME de 18 salariés.' }] } },
      { token: tokens.prescriber },
    );
    expect((await move(id, 'SCHEDULED')).data?.moveProject).toEqual({ status: 'SCHEDULED', nextStatuses: [] });
  });

  it('should refuse a move backwards, a skipped step and a decision by hand', async () => {
    const id = await newProject(ProjectStatus.DIAGNOSIS);
    for (const status of ['PRESCRIBED', 'APPROVED', 'REJECTED', 'FOLLOW_UP']) {
      const refused = await move(id, status);
      expect(codeOf(refused)).toBe('PROJECT_MOVE_NOT_ALLOWED');
      expect(reasonOf(refused)).toBe('NOT_FORWARD');
    }
    const skipped = await move(await newProject(), 'SCHEDULED');
    expect(reasonOf(skipped)).toBe('NOT_FORWARD');
    const approved = await newProject(ProjectStatus.APPROVED);
    expect(codeOf(await move(approved, 'SCHEDULED'))).toBe('PROJECT_MOVE_NOT_ALLOWED');
    expect((await server.orm.em.fork().findOneOrFail(Project, id)).status).toBe(ProjectStatus.DIAGNOSIS);
  });

  it('should let only the operator of the basin move a project', async () => {
    const id = await newProject();
    for (const token of [tokens.chair, tokens.prescriber, tokens.observer, tokens.smeleader]) {
      expect(codeOf(await move(id, 'DIAGNOSIS', token))).toBe('FORBIDDEN');
    }
    expect(codeOf(await move(id, 'DIAGNOSIS', tokens.operatorB))).toBe('NOT_FOUND');
    expect((await server.orm.em.fork().findOneOrFail(Project, id)).status).toBe(ProjectStatus.PRESCRIBED);
  });
});

describe('editing a project with its SME', () => {
  it("should change the SME's details (not its SIREN), the prescriber and the needs in one go", async () => {
    const id = await newProject();
    const updated = await gql(
      server,
      UPDATE,
      {
        id,
        input: {
          title: 'Atelier de découpe laser',
          prescriberId: a.people.member.id,
          sme: { name: 'Mécanique Nouvelle', sector: 'Découpe', headcount: 22, town: 'Douai' },
          needs: [{ domain: 'QUALITY', profile: 'Ingénieur qualité', estimatedDays: 5 }],
        },
      },
      { token: tokens.operator },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateProject).toEqual({
      title: 'Atelier de découpe laser',
      prescriber: { id: a.people.member.id },
      prescriberOrganisation: { id: a.partner.id },
      sme: { name: 'Mécanique Nouvelle', sector: 'Découpe', headcount: 22, town: 'Douai', siren: '732829320' },
      needs: [{ profile: 'Ingénieur qualité' }],
    });
  });

  it('should refuse a prescriber who is not a committee member, and bad SME details, writing nothing', async () => {
    const id = await newProject();
    const notMember = await gql(
      server,
      UPDATE,
      { id, input: { prescriberId: a.people.observer.id } },
      { token: tokens.operator },
    );
    expect(codeOf(notMember)).toBe('BAD_USER_INPUT');
    const badSme = await gql(
      server,
      UPDATE,
      { id, input: { title: 'Changé', sme: { name: '', sector: 'x', headcount: -1, town: 'x' } } },
      { token: tokens.operator },
    );
    expect(codeOf(badSme)).toBe('BAD_USER_INPUT');
    const project = await server.orm.em.fork().findOneOrFail(Project, id);
    expect(project.title).toBe('Atelier');
    expect(project.prescriber.id).toBe(a.people.prescriber.id);
  });

  it('should let only the operator of the basin edit a project and its SME', async () => {
    const id = await newProject();
    const input = { sme: { name: 'Pirate', sector: 'x', headcount: 1, town: 'x' } };
    for (const token of [tokens.chair, tokens.prescriber, tokens.observer, tokens.smeleader]) {
      expect(codeOf(await gql(server, UPDATE, { id, input }, { token }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await gql(server, UPDATE, { id, input }, { token: tokens.operatorB }))).toBe('NOT_FOUND');
    expect((await server.orm.em.fork().findOneOrFail(Sme, a.sme.id)).name).not.toBe('Pirate');
  });
});
