import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { clientOperation } from '../test/client-documents.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { DEMO_PASSWORD, seedDemoBasin } from '../seeders/demo-basin.js';

/**
 * Reading writes nothing: every screen's query of the client, on the demo basin, leaves every row as it was; and a
 * write touches only what it changes — on SQLite too, where MikroORM's own platform used to rewrite the datetime
 * columns of every row a flush had loaded.
 */

let server: TestServer;
let token: string;
const ids: Record<string, string> = {};

/**
 * Every row's `updated_at` of every table that has one (what a write, even of unchanged values, moves), and how
 * many rows every other table holds.
 */
async function timestamps(): Promise<Map<string, string>> {
  const connection = server.orm.em.fork().getConnection();
  const seen = new Map<string, string>();
  for (const meta of Object.values(server.orm.getMetadata().getAll())) {
    if (meta.abstract || meta.embeddable) continue;
    if (meta.properties.updatedAt) {
      for (const row of await connection.execute<{ id: string; updated_at: unknown }[]>(
        `select id, updated_at from ${meta.tableName}`,
      ))
        seen.set(`${meta.tableName}:${row.id}`, String(row.updated_at));
    } else {
      const [row] = await connection.execute<{ n: unknown }[]>(`select count(*) as n from ${meta.tableName}`);
      seen.set(`${meta.tableName}:count`, String(row?.n));
    }
  }
  return seen;
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  token = await signInToken(server, 'operateur@demo.agrement.fr', DEMO_PASSWORD);
  const first = async (query: string) => (await gql(server, query, {}, { token })).data;
  ids.basinId = (await first('{ basins { id } }'))?.basins[0].id;
  const basin = `"${ids.basinId}"`;
  ids.projectId = (await first(`{ projects(basinId: ${basin}, limit: 1, status: [FOLLOW_UP]) { items { id } } }`))
    ?.projects.items[0].id;
  ids.meetingId = (await first(`{ meetings(basinId: ${basin}, period: PAST, limit: 1) { items { id } } }`))?.meetings
    .items[0].id;
  ids.advanceId = (await first(`{ advances(basinId: ${basin}) { id } }`))?.advances[0].id;
  ids.organisationId = (await first(`{ organisations(basinId: ${basin}, kind: PARTNER_COMPANY) { id } }`))
    ?.organisations[0].id;
});
afterAll(() => server?.close());

describe('a read-only request', () => {
  it('should write nothing, for every query the screens send', async () => {
    const queries: [string, Record<string, unknown>][] = [
      ['Me', {}],
      ['Basins', {}],
      ['UpcomingMeeting', { basinId: ids.basinId }],
      ['Meetings', { basinId: ids.basinId, period: 'ALL', limit: 50, offset: 0 }],
      ['Meeting', { id: ids.meetingId }],
      ['LiveMeeting', { id: ids.meetingId }],
      ['Minutes', { meetingId: ids.meetingId }],
      ['Projects', { basinId: ids.basinId, limit: 50, offset: 0 }],
      ['Project', { id: ids.projectId }],
      ['ProjectOptions', { basinId: ids.basinId }],
      ['Prescribers', { basinId: ids.basinId }],
      ['FollowUp', { projectId: ids.projectId }],
      ['FollowUpReminders', { basinId: ids.basinId }],
      ['CooperationConvention', { projectId: ids.projectId }],
      ['Advances', { basinId: ids.basinId }],
      ['Advance', { id: ids.advanceId }],
      ['AdvancesFund', { basinId: ids.basinId }],
      ['BasinDashboard', { basinId: ids.basinId }],
      ['NetworkDashboard', {}],
      ['Members', { basinId: ids.basinId, limit: 50, offset: 0 }],
      ['Organisations', { basinId: ids.basinId }],
      ['PartnerLedger', { organisationId: ids.organisationId }],
      ['ImportColumns', {}],
    ];
    const before = await timestamps();
    for (const [name, variables] of queries) {
      const result = await gql(server, clientOperation(name), variables, { token });
      // some screens are for other roles (the network view): a refusal is fine, an unexpected failure is not
      expect(result.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    }
    expect(await timestamps()).toEqual(before);
  });

  it('should leave the rows a write only read as they were: a sign-in adds its session and nothing else', async () => {
    const before = await timestamps();
    await signInToken(server, 'presidente@demo.agrement.fr', DEMO_PASSWORD);
    const after = await timestamps();
    const added = [...after.keys()].filter((key) => !before.has(key));
    expect(added).toEqual([expect.stringMatching(/^auth_session:/)]);
    for (const [key, value] of before) expect([key, after.get(key)]).toEqual([key, value]);
  });
});
