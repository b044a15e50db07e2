import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { recordsOfEveryKind, type BasinRecords, type RecordKind } from '../test/basin-records.js';
import { callOf, introspect, operationsTakingIds, type Call } from '../test/schema-walk.js';
import { signInAll, type Who } from '../test/committee-session.js';
import { hashPassword } from '../auth/password.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';

/**
 * The basin is the tenant boundary: a record of another basin must answer exactly like a record that does not
 * exist (NOT_FOUND), never FORBIDDEN, which would tell that it exists. The operations are read from the schema, so
 * a new query or mutation that takes an id is covered as soon as it is written — or this test asks to map its id.
 */

/** The error code of one call (over HTTP, or over the websocket for a subscription), or OK. */
async function answer(server: TestServer, token: string, call: Call): Promise<string> {
  if (call.root !== 'subscription') {
    const result = await gql(server, call.query, call.variables, { token });
    return codeOf(result) ?? 'OK';
  }
  const client = wsClient(server, token);
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
            const first = Array.isArray(error) ? error[0] : null;
            resolve(String(first?.extensions?.code ?? 'ERROR'));
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let recordsOfA: BasinRecords;
let calls: (idOf: (kind: RecordKind) => string) => Call[];
let tokensOfB: Record<Who, string>;
/** A person of basin B holding every committee role there, so that no role check stands before the basin's. */
let everyRoleOfB: string;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'bound-a');
  b = await createTestBasin(server.orm.em.fork(), 'bound-b');
  recordsOfA = await recordsOfEveryKind(server, a);
  const em = server.orm.em.fork();
  const person = em.create(Person, {
    email: 'every-role@bound-b.test',
    firstName: 'Every',
    lastName: 'Role',
    passwordHash: await hashPassword('every role of basin b'),
  });
  em.create(Membership, { person, basin: b.basin.id, role: Role.OPERATOR, organisation: b.operatorOrg.id });
  em.create(Membership, { person, basin: b.basin.id, role: Role.CHAIR, organisation: b.partner.id });
  em.create(Membership, { person, basin: b.basin.id, role: Role.MEMBER, organisation: b.partner.id });
  em.create(Membership, { person, basin: b.basin.id, role: Role.OBSERVER, organisation: null });
  await em.flush();
  const schema = await introspect(server);
  const operations = operationsTakingIds(schema);
  calls = (idOf) => operations.map((operation) => callOf(operation, idOf));
  tokensOfB = await signInAll(server, 'bound-b');
  const signedIn = await gql(
    server,
    'mutation { signIn(email: "every-role@bound-b.test", password: "every role of basin b", bearer: true) { token } }',
  );
  everyRoleOfB = signedIn.data?.signIn.token;
}, 120_000);
afterAll(() => server?.close());

describe("another basin's records", () => {
  it('should answer NOT_FOUND to every operation that names one, for a person holding every role of basin B', async () => {
    const answers: Record<string, string> = {};
    for (const call of calls((kind) => recordsOfA.ids[kind])) {
      answers[call.name] = await answer(server, everyRoleOfB, call);
    }
    expect(Object.keys(answers).length).toBeGreaterThan(40);
    expect(Object.entries(answers).filter(([, code]) => code !== 'NOT_FOUND')).toEqual([]);
  }, 120_000);

  it.each(['member', 'observer', 'smeleader', 'operator'] as const)(
    'should answer a %s of basin B the same for a record of basin A as for a record that does not exist',
    async (who) => {
      const unknown = calls(() => randomUUID());
      const foreign = calls((kind) => recordsOfA.ids[kind]);
      const differences: string[] = [];
      for (const [index, call] of foreign.entries()) {
        const forForeign = await answer(server, tokensOfB[who], call);
        const forUnknown = await answer(server, tokensOfB[who], unknown[index]!);
        if (forForeign !== forUnknown || !['NOT_FOUND', 'FORBIDDEN'].includes(forForeign))
          differences.push(`${call.name}: ${forForeign} (unknown id: ${forUnknown})`);
      }
      expect(differences).toEqual([]);
    },
    120_000,
  );

  it('should answer 404 to every file route that names one, as to a file that does not exist', async () => {
    const { ids } = recordsOfA;
    const routes = (id: (kind: RecordKind) => string) => [
      `/files/attachments/${id('attachment')}/note.txt`,
      `/files/minutes/${id('meeting')}.pdf`,
      `/files/conventions/${id('project')}.pdf`,
      `/files/exports/${id('basin')}/projects.csv`,
      `/files/reports/${id('basin')}/2026.pdf`,
      `/files/reports/${id('basin')}/2026.xlsx`,
    ];
    const statuses = async (paths: string[]) =>
      Promise.all(
        paths.map(
          async (path) =>
            (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${everyRoleOfB}` } })).status,
        ),
      );
    expect(await statuses(routes((kind) => ids[kind]))).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await statuses(routes(() => randomUUID()))).toEqual([404, 404, 404, 404, 404, 404]);
    // The same routes do answer for the basin's own people: the 404 above is the boundary, not a broken route.
    const own = await fetch(`${server.url}/files/conventions/${ids.project}.pdf`, {
      headers: { authorization: `Bearer ${recordsOfA.tokens.operator}` },
    });
    expect(own.status).toBe(200);
  });
});

describe('a role check within one basin', () => {
  it('should stay FORBIDDEN for a record or basin the viewer can see but whose role does not allow the change', async () => {
    const member = tokensOfB.member;
    const createProject = await gql(
      server,
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { basinId: b.basin.id, title: 'Not mine to create', prescriberId: b.people.prescriber.id } },
      { token: member },
    );
    expect(codeOf(createProject)).toBe('FORBIDDEN');
    const organisations = await gql(
      server,
      `query($b: ID!) { organisations(basinId: $b) { __typename } }`,
      { b: b.basin.id },
      { token: tokensOfB.smeleader },
    );
    expect(codeOf(organisations)).toBe('FORBIDDEN');
  });
});
