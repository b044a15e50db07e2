import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { gql, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { recordsOfEveryKind, type BasinRecords, type RecordKind } from '../test/basin-records.js';
import { callOf, everyPath, introspect, objectsIn, type Call } from '../test/schema-walk.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';

/**
 * A nested path never gives what the top-level query refuses. These tests ask every query of the schema with every
 * path below it (each type once per path), as a curious client would, and look at everything that comes back.
 */

interface Found {
  root: string;
  path: string;
  object: Record<string, unknown>;
}

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let recordsOfA: BasinRecords;
let recordsOfB: BasinRecords;
let conventionOfB: string;
let schema: GraphQLSchema;

/** Every query of the schema, with every path below it, as `idOf` fills their ids. */
function everyQuery(idOf: (kind: RecordKind) => string): Call[] {
  return Object.values(schema.getQueryType()!.getFields())
    .filter((field) => isObjectType(getNamedType(field.type)))
    .map((field) => callOf({ root: 'query', field }, idOf, (type) => everyPath(type, 6)));
}

/** Runs every query over HTTP as `token` and gathers every object of the answers. */
async function walk(token: string, idOf: (kind: RecordKind) => string): Promise<Found[]> {
  const found: Found[] = [];
  for (const call of everyQuery(idOf)) {
    const result = await gql(server, call.query, call.variables, { token });
    for (const { path, object } of objectsIn(result.data)) found.push({ root: call.name, path, object });
  }
  return found;
}

const ofType = (found: Found[], typename: string) => found.filter((f) => f.object.__typename === typename);
const emailsIn = (found: Found[]) =>
  [...new Set(ofType(found, 'Person').map((f) => f.object.email))].filter((email) => email !== null);

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'walk-a');
  b = await createTestBasin(server.orm.em.fork(), 'walk-b');
  recordsOfA = await recordsOfEveryKind(server, a);
  recordsOfB = await recordsOfEveryKind(server, b);
  const em = server.orm.em.fork();
  const convention = (basin: TestBasin) =>
    em.create(TriennialConvention, {
      basin: basin.basin.id,
      label: `Convention ${basin.basin.slug}`,
      startsOn: '2024-01-01',
      endsOn: '2026-12-31',
      advancesFundEndowment: 450000,
    });
  convention(a);
  conventionOfB = convention(b).id;
  await em.flush();
  schema = await introspect(server);
}, 120_000);
afterAll(() => server?.close());

describe("an SME leader's reads", () => {
  let found: Found[];
  beforeAll(async () => {
    found = await walk(recordsOfA.tokens.smeleader, (kind) => recordsOfA.ids[kind]);
  }, 60_000);

  it('should give its own project, its convention, its schedule and its mandatary by name', () => {
    expect(ofType(found, 'Project').map((f) => f.object.title)).toContain('Projet walk-a');
    expect(ofType(found, 'CooperationConvention').length).toBeGreaterThan(0);
    expect(ofType(found, 'RepaymentInstalment').length).toBeGreaterThan(0);
    const mandataries = found.filter((f) => f.path.endsWith('.mandatary') && f.object.__typename === 'Person');
    expect(mandataries.map((f) => [f.object.displayName, f.object.email])).toContainEqual(['othermember walk-a', null]);
  });

  it("should show no one's email but its own, whatever the path", () => {
    expect(emailsIn(found)).toEqual(['smeleader@walk-a.test']);
  });

  it("should show none of the basin's figures, people or committee papers, whatever the path", () => {
    const refused = [
      'TriennialConvention',
      'BasinDashboard',
      'AdvancesFund',
      'PartnerLedger',
      'DiagnosisPaper',
      'DiagnosisPaperVersion',
      'Pledge',
      'FollowUpReport',
      'Meeting',
      'Minutes',
      'Ballot',
    ];
    expect(found.filter((f) => refused.includes(String(f.object.__typename))).map((f) => f.path)).toEqual([]);
    // Memberships only through `me`: its own.
    expect(ofType(found, 'Membership').filter((f) => f.root !== 'me')).toEqual([]);
  });

  it('should be read alike over the websocket', async () => {
    const client = wsClient(server, recordsOfA.tokens.smeleader);
    try {
      const call = everyQuery((kind) => recordsOfA.ids[kind]).find((c) => c.name === 'project')!;
      const result = await wsRequest(client, call.query, call.variables);
      const overWs = objectsIn(result.data).map(({ path, object }) => ({ root: call.name, path, object }));
      expect(ofType(overWs, 'Project').map((f) => f.object.title)).toContain('Projet walk-a');
      expect(emailsIn(overWs)).toEqual(['smeleader@walk-a.test']);
      expect(ofType(overWs, 'Membership')).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});

describe("an observer's reads of its own basin", () => {
  let found: Found[];
  beforeAll(async () => {
    found = await walk(recordsOfB.tokens.observer, (kind) => recordsOfB.ids[kind]);
  }, 60_000);

  it("should show its basin's people with their emails and its convention's figures", () => {
    expect(emailsIn(found)).toContain('chair@walk-b.test');
    expect(ofType(found, 'TriennialConvention').map((f) => f.object.id)).toContain(conventionOfB);
  });

  it("should never reach another basin's people, figures or records", () => {
    expect(emailsIn(found).filter((email) => !String(email).endsWith('@walk-b.test'))).toEqual([]);
    const conventionsOfB = [conventionOfB, recordsOfB.ids.triennialConvention];
    expect(ofType(found, 'TriennialConvention').filter((f) => !conventionsOfB.includes(String(f.object.id)))).toEqual(
      [],
    );
    const idsOfA = new Set(Object.values(recordsOfA.ids));
    expect(found.filter((f) => idsOfA.has(String(f.object.id))).map((f) => f.path)).toEqual([]);
  });
});
