import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { introspect } from '../test/schema-walk.js';

/** Root lists that cannot grow much: the viewer's own basins, and the import file's fixed columns. */
/** `chairTerms`: a basin's chairs and vice-chairs, a few terms in a decade (capped at 200 besides). */
/**
 * Lists bounded by a rule: the basins of the network, the import columns and error codes (fixed), a basin's chair
 * terms, its chair and vice-chair (the candidates to chair a session), a project's experts (10 at most), a basin's
 * partnership conventions (one every three years, capped at 50), the years of its annual reports (one a calendar
 * year, 50 at most), the import's column headers (fixed).
 */
const BOUNDED_ROOT_LISTS = [
  'basins',
  'importColumns',
  'errorCodes',
  'chairTerms',
  'meetingChairCandidates',
  'projectExperts',
  'triennialConventions',
  'annualReportYears',
  'importColumnHeaders',
];

let server: TestServer;
let a: TestBasin;
let schema: GraphQLSchema;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'lists');
  schema = await introspect(server);
});
afterAll(() => server?.close());

describe('lists that grow', () => {
  it('should be pages at the root of the schema, but for the few that are bounded', () => {
    const unpaged = Object.values(schema.getQueryType()!.getFields())
      .filter((field) => isListType(getNullableType(field.type)))
      .map((field) => field.name)
      .filter((name) => !BOUNDED_ROOT_LISTS.includes(name));
    expect(unpaged).toEqual([]);
    const pages = Object.values(schema.getQueryType()!.getFields()).filter((field) =>
      getNamedType(field.type).name.endsWith('Page'),
    );
    expect(pages.map((field) => field.name).sort()).toEqual([
      'advances',
      'auditEntries',
      'basinSettingChanges',
      'contributions',
      'followUpReminders',
      'meetings',
      'members',
      'myFollowUps',
      'organisations',
      'orientations',
      'projects',
      'smes',
      'steeringDecisions',
    ]);
    for (const field of pages)
      expect(field.args.map((arg) => arg.name)).toEqual(expect.arrayContaining(['offset', 'limit']));
  });

  it("should page a basin's organisations, and refuse pages above 200", async () => {
    const token = await signInToken(server, 'observer@lists.test', PASSWORD);
    const page = (offset: number, limit: number) =>
      gql(
        server,
        `query($b: ID!, $o: Int!, $l: Int!) { organisations(basinId: $b, offset: $o, limit: $l) {
          totalCount hasMore items { name } } }`,
        { b: a.basin.id, o: offset, l: limit },
        { token },
      );
    const first = (await page(0, 2)).data?.organisations;
    expect(first).toMatchObject({ totalCount: 5, hasMore: true });
    expect(first.items.map((o: { name: string }) => o.name)).toEqual(['Initiative lists', 'CCI lists']);
    const last = (await page(4, 2)).data?.organisations;
    expect(last).toMatchObject({ totalCount: 5, hasMore: false, items: [{ name: 'Third partner lists' }] });
    expect((await page(0, 201)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
