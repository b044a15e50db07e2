import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { entities } from '../db/entities.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoBasin } from './demo-basin.js';

let server: TestServer;

async function countAll(): Promise<Record<string, number>> {
  const em = server.orm.em.fork();
  const counts: Record<string, number> = {};
  for (const entity of entities) {
    if (entity.name === 'BaseEntity') continue;
    counts[entity.name] = await em.count(entity);
  }
  return counts;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the demo basin', () => {
  it('should be seeded once: a second start neither duplicates nor loses data', async () => {
    expect(await seedDemoBasin(server.orm.em.fork(), databaseFileStore())).toBe(true);
    const first = await countAll();
    expect(first.Project).toBeGreaterThan(20);
    expect(await seedDemoBasin(server.orm.em.fork(), databaseFileStore())).toBe(false);
    expect(await countAll()).toEqual(first);
  });

  it('should let every demo account sign in, and show the operator a convened meeting ready to run', async () => {
    for (const account of DEMO_ACCOUNTS.slice(0, 3)) await signInToken(server, account.email, DEMO_PASSWORD);
    const token = await signInToken(server, 'operateur@demo.agrement.fr', DEMO_PASSWORD);
    const basins = await gql(server, '{ basins { id name advanceCap } }', {}, { token });
    expect(basins.data?.basins).toEqual([
      { id: expect.any(String), name: expect.stringContaining('Valenciennois'), advanceCap: 15000 },
    ]);
    const next = await gql(
      server,
      `query($b: ID!) { meetings(basinId: $b, period: UPCOMING, limit: 1) { items { status chair { email } scheduledAt items { kind title project { status diagnosis { latest { sections { heading } } } } } } } }`,
      { b: basins.data?.basins[0].id },
      { token },
    );
    const meeting = next.data?.meetings.items[0];
    expect(meeting.status).toBe('CONVENED');
    expect(meeting.chair.email).toBe('presidente@demo.agrement.fr');
    expect(new Date(meeting.scheduledAt).getTime()).toBeGreaterThan(Date.now());
    const examinations = meeting.items.filter((i: any) => i.kind === 'PROJECT_EXAMINATION');
    expect(examinations.length).toBeGreaterThanOrEqual(2);
    for (const item of examinations) {
      expect(item.project.status).toBe('SCHEDULED');
      expect(item.project.diagnosis.latest.sections.length).toBeGreaterThanOrEqual(3);
    }
  });
});
