import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import { codeOf, gql, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { recordsOfEveryKind, type BasinRecords } from '../test/basin-records.js';
import { callOf, everyPath, introspect, objectsIn, operationsTakingIds, type Call } from '../test/schema-walk.js';
import { Project } from '../project/project.entity.js';

/**
 * An outside professional writes a complementary diagnosis: the operator invites them on one project, they read and
 * write that project's paper, and nothing else of the basin — over HTTP and websockets alike — until the operator
 * ends their access.
 */

const INVITE = `mutation($p: ID!, $input: InviteExpertInput!) { inviteExpert(projectId: $p, input: $input) { link membership { id role projectId person { id email } } } }`;
const EXPERTS = `query($p: ID!) { projectExperts(projectId: $p) { id projectId person { displayName } } }`;
const REVOKE = `mutation($p: ID!, $person: ID!) { revokeExpert(projectId: $p, personId: $person) { id } }`;
const PAPER = `query($id: ID!) { project(id: $id) { id title diagnosis { latest { id number complementary sections { heading } attachments { url } } } } }`;
const SAVE = `mutation($p: ID!, $input: DiagnosisVersionInput!) { saveDiagnosisVersion(projectId: $p, input: $input) { id number complementary } }`;
const ATTACH = `mutation($v: ID!, $f: AttachmentInput!) { addAttachment(versionId: $v, file: $f) { id url } }`;
const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, bearer: true) { token person { email } } }`;

const input = { email: 'Expert@Cabinet.test', firstName: 'Élise', lastName: 'Fabre', title: 'Expert-comptable' };

let server: TestServer;
let a: TestBasin;
let records: BasinRecords;
let schema: GraphQLSchema;
/** The project the expert is invited on (not the one the basin's records hang on). */
let projectId: string;
let expertToken: string;
let expertId: string;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'exp-a');
  await createTestBasin(server.orm.em.fork(), 'exp-b');
  records = await recordsOfEveryKind(server, a);
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Reprise de la fonderie',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
  });
  await em.flush();
  projectId = project.id;
  schema = await introspect(server);
}, 120_000);
afterAll(() => server?.close());

describe('inviting an expert on a project', () => {
  it('should be refused to every role but the operator of the basin, writing nothing', async () => {
    for (const who of ['chair', 'member', 'prescriber', 'observer', 'smeleader'] as const) {
      expect(codeOf(await gql(server, INVITE, { p: projectId, input }, { token: records.tokens[who] }))).toBe(
        'FORBIDDEN',
      );
    }
    const other = await gql(
      server,
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p, bearer: true) { token } }`,
      { e: 'operator@exp-b.test', p: 'correct horse battery' },
    );
    const operatorB = other.data?.signIn.token as string;
    expect(codeOf(await gql(server, INVITE, { p: projectId, input }, { token: operatorB }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, EXPERTS, { p: projectId }, { token: operatorB }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, EXPERTS, { p: projectId }, { token: records.tokens.chair }))).toBe('FORBIDDEN');
    const listed = await gql(server, EXPERTS, { p: projectId }, { token: records.tokens.operator });
    expect(listed.data?.projectExperts).toEqual([]);
  });

  it('should give the operator a one-time link, and the expert a session through the invitation', async () => {
    const invited = await gql(server, INVITE, { p: projectId, input }, { token: records.tokens.operator });
    expect(invited.errors).toBeUndefined();
    const { link, membership } = invited.data!.inviteExpert;
    expect(membership).toMatchObject({ role: 'EXPERT', projectId, person: { email: 'expert@cabinet.test' } });
    expertId = membership.person.id;
    const accepted = await gql(server, ACCEPT, {
      t: (link as string).split('/invitation/')[1],
      p: 'fonderie reprise bilans 2026',
    });
    expect(accepted.data?.acceptInvitation.person.email).toBe('expert@cabinet.test');
    expertToken = accepted.data?.acceptInvitation.token as string;
    const listed = await gql(server, EXPERTS, { p: projectId }, { token: records.tokens.operator });
    expect(listed.data?.projectExperts).toEqual([
      { id: membership.id, projectId, person: { displayName: 'Élise Fabre' } },
    ]);
  });

  it('should refuse the same expert twice, and a member of the basin as an expert', async () => {
    expect(codeOf(await gql(server, INVITE, { p: projectId, input }, { token: records.tokens.operator }))).toBe(
      'INVALID_STATE',
    );
    const member = { ...input, email: 'member@exp-a.test' };
    expect(codeOf(await gql(server, INVITE, { p: projectId, input: member }, { token: records.tokens.operator }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('should not let an expert be invited as a plain role of the basin', async () => {
    const invite = `mutation($input: InvitePersonInput!) { invitePerson(input: $input) { link } }`;
    const asRole = { basinId: a.basin.id, email: 'x@cabinet.test', firstName: 'X', lastName: 'Y', role: 'EXPERT' };
    expect(codeOf(await gql(server, invite, { input: asRole }, { token: records.tokens.operator }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe("the expert's paper", () => {
  it('should read the project and its paper, save a complementary version and attach a file to it', async () => {
    const saved = await gql(
      server,
      SAVE,
      {
        p: projectId,
        input: {
          title: 'Diagnostic complémentaire',
          sections: [{ heading: 'Situation financière', body: 'Fonds propres reconstitués.' }],
        },
      },
      { token: expertToken },
    );
    expect(saved.data?.saveDiagnosisVersion).toMatchObject({ number: 1, complementary: true });
    const file = {
      fileName: 'bilan.pdf',
      mimeType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
    };
    const attached = await gql(
      server,
      ATTACH,
      { v: saved.data?.saveDiagnosisVersion.id, f: file },
      { token: expertToken },
    );
    expect(attached.errors).toBeUndefined();
    const read = await gql(server, PAPER, { id: projectId }, { token: expertToken });
    expect(read.data?.project.diagnosis.latest).toMatchObject({
      number: 1,
      complementary: true,
      sections: [{ heading: 'Situation financière' }],
    });
    const download = await fetch(`${server.url}${attached.data?.addAttachment.url}`, {
      headers: { authorization: `Bearer ${expertToken}` },
    });
    expect(download.status).toBe(200);
  });

  it("should answer NOT_FOUND for another project's paper, version or file, and FORBIDDEN for its lists", async () => {
    const other = records.ids.project;
    expect(codeOf(await gql(server, PAPER, { id: other }, { token: expertToken }))).toBe('NOT_FOUND');
    expect(
      codeOf(
        await gql(
          server,
          SAVE,
          { p: other, input: { title: 'x', sections: [{ heading: 'x', body: 'x' }] } },
          { token: expertToken },
        ),
      ),
    ).toBe('NOT_FOUND');
    const file = { fileName: 'x.pdf', mimeType: 'application/pdf', contentBase64: 'eA==' };
    expect(
      codeOf(await gql(server, ATTACH, { v: records.ids.diagnosisVersion, f: file }, { token: expertToken })),
    ).toBe('NOT_FOUND');
    const download = await fetch(`${server.url}/files/attachments/${records.ids.attachment}/note.txt`, {
      headers: { authorization: `Bearer ${expertToken}` },
    });
    expect(download.status).toBe(404);
  });

  it('should refuse every act of the committee or the operator', async () => {
    const acts: [string, Record<string, unknown>][] = [
      [`mutation($id: ID!) { moveProject(id: $id, status: DIAGNOSIS) { id } }`, { id: projectId }],
      [`mutation($id: ID!) { updateProject(id: $id, input: { title: "Changé" }) { id } }`, { id: projectId }],
      [
        `mutation($p: ID!, $input: InviteExpertInput!) { inviteExpert(projectId: $p, input: $input) { link } }`,
        { p: projectId, input: { ...input, email: 'z@z.test' } },
      ],
      [
        `mutation($b: ID!) { createMeeting(input: { basinId: $b, title: "Séance", scheduledAt: "2030-01-01T08:00:00Z" }) { id } }`,
        { b: a.basin.id },
      ],
      [`mutation($id: ID!) { conveneMeeting(id: $id) { id } }`, { id: records.ids.meeting }],
    ];
    for (const [query, variables] of acts) {
      expect(codeOf(await gql(server, query, variables, { token: expertToken }))).toBe('FORBIDDEN');
    }
  });
});

describe('everything else, as the expert', () => {
  /** Every query of the schema with every path below it, its project id being the expert's. */
  const everyQuery = () =>
    Object.values(schema.getQueryType()!.getFields())
      .filter((field) => isObjectType(getNamedType(field.type)))
      .map((field) =>
        callOf(
          { root: 'query', field },
          (kind) => (kind === 'project' ? projectId : records.ids[kind]),
          (type) => everyPath(type, 6),
        ),
      );

  it("should find nothing of the basin but its own project's page and paper, whatever the query or path", async () => {
    const found: { root: string; path: string; object: Record<string, unknown> }[] = [];
    const refusals = new Map<string, string | undefined>();
    for (const call of everyQuery()) {
      const result = await gql(server, call.query, call.variables, { token: expertToken });
      if (result.errors) refusals.set(call.name, codeOf(result));
      for (const { path, object } of objectsIn(result.data)) found.push({ root: call.name, path, object });
    }
    const projects = found.filter((f) => f.object.__typename === 'Project').map((f) => f.object.id);
    expect(new Set(projects)).toEqual(new Set([projectId]));
    const refused = [
      'Meeting',
      'AgendaItem',
      'Minutes',
      'Ballot',
      'Pledge',
      'Advance',
      'FollowUpReport',
      'BasinDashboard',
      'AdvancesFund',
      'PartnerLedger',
      'TriennialConvention',
      'CooperationConvention',
    ];
    expect(
      found.filter((f) => refused.includes(String(f.object.__typename))).map((f) => `${f.root} ${f.path}`),
    ).toEqual([]);
    // The page names who prescribed the project, as it does for the SME leader; nothing more of the organisations.
    expect(
      found
        .filter((f) => f.object.__typename === 'Organisation')
        .every((f) => f.path.endsWith('prescriberOrganisation')),
    ).toBe(true);
    const emails = [...new Set(found.filter((f) => f.object.__typename === 'Person').map((f) => f.object.email))];
    expect(emails.filter((email) => email !== null)).toEqual(['expert@cabinet.test']);
    expect(found.filter((f) => f.object.__typename === 'Membership' && f.root !== 'me')).toEqual([]);
    // The walk's big queries may stop on their size first: the plain ones answer the access rule.
    const plain: [string, string, Record<string, unknown>][] = [
      ['projects', `query($b: ID!) { projects(basinId: $b) { totalCount } }`, { b: a.basin.id }],
      ['meetings', `query($b: ID!) { meetings(basinId: $b) { totalCount } }`, { b: a.basin.id }],
      ['meeting', `query($id: ID!) { meeting(id: $id) { id } }`, { id: records.ids.meeting }],
      ['members', `query($b: ID!) { members(basinId: $b) { totalCount } }`, { b: a.basin.id }],
      ['organisations', `query($b: ID!) { organisations(basinId: $b) { __typename } }`, { b: a.basin.id }],
      ['basinDashboard', `query($b: ID!) { basinDashboard(basinId: $b) { __typename } }`, { b: a.basin.id }],
      ['advances', `query($b: ID!) { advances(basinId: $b) { totalCount } }`, { b: a.basin.id }],
      ['minutes', `query($m: ID!) { minutes(meetingId: $m) { id } }`, { m: records.ids.meeting }],
    ];
    for (const [name, query, variables] of plain) {
      const code = codeOf(await gql(server, query, variables, { token: expertToken }));
      expect([name, code]).toEqual([name, expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)]);
    }
  }, 60_000);

  it('should be refused alike over the websocket, live subscriptions included', async () => {
    const client = wsClient(server, expertToken);
    try {
      const own = await wsRequest(client, PAPER, { id: projectId });
      expect(own.data?.project).toMatchObject({ id: projectId });
      const list = await wsRequest(client, `query($b: ID!) { projects(basinId: $b) { totalCount } }`, {
        b: a.basin.id,
      });
      expect(list.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const meetings = await wsRequest(client, `query($b: ID!) { meetings(basinId: $b) { totalCount } }`, {
        b: a.basin.id,
      });
      expect(meetings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const meeting = await wsRequest(client, `query($id: ID!) { meeting(id: $id) { id } }`, {
        id: records.ids.meeting,
      });
      expect(meeting.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const subscribe = (query: string) =>
        new Promise<string>((resolve) => {
          client.subscribe(
            { query, variables: { id: records.ids.meeting } },
            {
              next: (value) => resolve(String(value.errors?.[0]?.extensions?.code ?? 'OK')),
              error: (error) => resolve(String((Array.isArray(error) ? error[0] : null)?.extensions?.code ?? 'ERROR')),
              complete: () => undefined,
            },
          );
        });
      expect(await subscribe(`subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`)).toBe('NOT_FOUND');
      expect(await subscribe(`subscription($id: ID!) { liveMeeting(meetingId: $id) { __typename } }`)).toMatch(
        /^(NOT_FOUND|FORBIDDEN)$/,
      );
    } finally {
      await client.dispose();
    }
  });
});

describe('every operation naming a record, as the expert', () => {
  /** The error code of one call (over HTTP, or over the websocket for a subscription), or OK. */
  async function answer(call: Call): Promise<string> {
    if (call.root !== 'subscription')
      return codeOf(await gql(server, call.query, call.variables, { token: expertToken })) ?? 'OK';
    const client = wsClient(server, expertToken);
    try {
      return await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('OK'), 1500); // a live subscription sends nothing until an event
        client.subscribe(
          { query: call.query, variables: call.variables },
          {
            next: (value) => {
              clearTimeout(timer);
              resolve(String(value.errors?.[0]?.extensions?.code ?? 'OK'));
            },
            error: (error) => {
              clearTimeout(timer);
              resolve(String((Array.isArray(error) ? error[0] : null)?.extensions?.code ?? 'ERROR'));
            },
            complete: () => undefined,
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  it("should be refused everything but its own project's page and paper, over HTTP and websockets", async () => {
    /**
     * What the expert may do: read its project and write its paper (tested above with real input), and read its
     * basin's name and settings as anyone who belongs to it (its figures are guarded field by field).
     */
    const allowed = ['project', 'saveDiagnosisVersion', 'addAttachment', 'basin'];
    /** Refusals by a rule of the feature, before its access check: they reveal nothing either. */
    const refusals = ['NOT_FOUND', 'FORBIDDEN', 'NOT_MANDATARY'];
    const refused: string[] = [];
    for (const operation of operationsTakingIds(schema)) {
      if (allowed.includes(operation.field.name)) continue;
      const call = callOf(operation, (kind) => (kind === 'project' ? projectId : records.ids[kind]));
      const code = await answer(call);
      if (!refusals.includes(code)) refused.push(`${call.root} ${call.name}: ${code}`);
    }
    expect(refused).toEqual([]);
    const files = [
      `/files/conventions/${projectId}.pdf`,
      `/files/minutes/${records.ids.meeting}.pdf`,
      `/files/exports/${a.basin.id}/projects.csv`,
    ];
    for (const file of files) {
      const status = (await fetch(`${server.url}${file}`, { headers: { authorization: `Bearer ${expertToken}` } }))
        .status;
      expect([file, [403, 404].includes(status)]).toEqual([file, true]);
    }
  }, 120_000);
});

describe('an expert on an approved project', () => {
  it('should read its paper, but not its convention, advance or follow-up', async () => {
    const approved = records.ids.project;
    const invited = await gql(
      server,
      INVITE,
      { p: approved, input: { ...input, email: 'second@cabinet.test' } },
      { token: records.tokens.operator },
    );
    const token = invited.data!.inviteExpert.link.split('/invitation/')[1];
    const accepted = await gql(server, ACCEPT, { t: token, p: 'second expert convention refused' });
    const second = accepted.data?.acceptInvitation.token as string;
    const read = await gql(
      server,
      `query($id: ID!) { project(id: $id) { id diagnosis { latest { id } } cooperationConvention { id } pledges { id } } }`,
      { id: approved },
      { token: second },
    );
    expect(read.data?.project).toMatchObject({ id: approved, cooperationConvention: null, pledges: null });
    expect(read.data?.project.diagnosis.latest.id).toEqual(expect.any(String));
    const convention = `query($id: ID!) { cooperationConvention(projectId: $id) { id } }`;
    expect(codeOf(await gql(server, convention, { id: approved }, { token: second }))).toBe('NOT_FOUND');
    const advance = await gql(
      server,
      `query($id: ID!) { advance(id: $id) { id } }`,
      { id: records.ids.advance },
      { token: second },
    );
    expect(codeOf(advance)).toBe('NOT_FOUND');
    const file = await fetch(`${server.url}/files/conventions/${approved}.pdf`, {
      headers: { authorization: `Bearer ${second}` },
    });
    expect(file.status).toBe(404);
  });
});

describe("ending an expert's access", () => {
  it('should be refused to others, then end it at once over HTTP and close the open websockets', async () => {
    expect(codeOf(await gql(server, REVOKE, { p: projectId, person: expertId }, { token: records.tokens.chair }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await gql(server, REVOKE, { p: projectId, person: expertId }, { token: expertToken }))).toBe(
      'FORBIDDEN',
    );
    let onClose: (code: number) => void = () => undefined;
    const closed = new Promise<number>((resolve) => (onClose = resolve));
    // Kept open between operations, as a screen keeps it, so that only the revocation closes it.
    const client: Client = wsClient(server, expertToken, {
      lazyCloseTimeout: 30_000,
      on: { closed: (event) => onClose((event as { code: number }).code) },
    });
    expect((await wsRequest(client, PAPER, { id: projectId })).data?.project.id).toBe(projectId);
    const revoked = await gql(server, REVOKE, { p: projectId, person: expertId }, { token: records.tokens.operator });
    expect(revoked.data?.revokeExpert).toEqual({ id: projectId });
    expect(await closed).toBe(4403);
    await client.dispose();
    expect(codeOf(await gql(server, PAPER, { id: projectId }, { token: expertToken }))).toBe('NOT_FOUND');
    expect(
      codeOf(await gql(server, REVOKE, { p: projectId, person: expertId }, { token: records.tokens.operator })),
    ).toBe('NOT_FOUND');
  });
});
