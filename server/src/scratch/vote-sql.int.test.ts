import { afterAll, beforeAll, it } from 'vitest';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { ok } from '../test/committee-session.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { DEMO_PASSWORD, seedDemoBasin } from '../seeders/demo-basin.js';
import { clientOperation } from '../test/client-documents.js';

let server: TestServer;
let ballotId: string;
const tokens: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  const chair = await signInToken(server, 'presidente@demo.agrement.fr', DEMO_PASSWORD);
  const basinId = (await ok(server, chair, '{ basins { id } }')).basins[0].id;
  const upcoming = await ok(server, chair, `query($b: ID!) { meetings(basinId: $b, period: UPCOMING, limit: 1) { items { id items { id kind } } } }`, { b: basinId });
  const meeting = upcoming.meetings.items[0];
  const item = meeting.items.find((i: { kind: string }) => i.kind === 'PROJECT_EXAMINATION');
  await ok(server, chair, `mutation($id: ID!) { openMeeting(id: $id, reason: "Essai") { id } }`, { id: meeting.id });
  const attend = `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }`;
  for (const email of ['presidente', 'toyota', 'saint-gobain', 'vallourec', 'skf', 'leroy-merlin', 'sevelnord']) {
    const t = await signInToken(server, `${email}@demo.agrement.fr`, DEMO_PASSWORD);
    tokens.push(t);
    await ok(server, t, attend, { id: meeting.id });
  }
  await ok(server, chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: item.id });
  ballotId = (await ok(server, chair, `mutation($i: ID!) { openBallot(itemId: $i, input: { kind: ${process.env.KIND ?? 'NAMED'} }) { id } }`, { i: item.id })).openBallot.id;
});
afterAll(() => server?.close());

it('logs a vote', async () => {
  const knex = (server.orm.em.getConnection() as AbstractSqlConnection).getKnex();
  const lines: string[] = [];
  let on = false;
  const started = new Map<string, number>();
  knex.on('query', (q: { sql: string; __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
  knex.on('query-response', (_r: unknown, q: { sql: string; __knexQueryUid: string }) => on && lines.push(`${(performance.now() - started.get(q.__knexQueryUid)!).toFixed(2)} ms  ${q.sql.slice(0, 140)}`));
  const doc = clientOperation('CastVote');
  for (const i of [0, 2, 3, 4, 5, 6]) {
    on = true;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    try { await ok(server, tokens[i]!, doc, { input: { ballotId, choice: 'FOR', idempotencyKey: `key-${i}-abcdefgh` } }); } catch (e) { console.log(String(e).slice(0, 60)); }
    const c = process.cpuUsage(c0);
    on = false;
    console.log(`vote ${i}: ${(performance.now() - t0).toFixed(1)} ms wall, ${((c.user + c.system) / 1000).toFixed(1)} ms cpu, ${lines.length} sql`);
    console.log(lines.join('\n'));
    lines.length = 0;
  }
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const N = Number(process.env.VOTES ?? 0);
  for (let k = 0; k < N; k += 1) {
    await ok(server, tokens[6]!, doc, { input: { ballotId, choice: k % 2 ? 'FOR' : 'AGAINST', idempotencyKey: `change-${k}-abcdefgh` } });
  }
  const c = process.cpuUsage(c0);
  console.log(`changes: ${((performance.now() - t0) / N).toFixed(2)} ms wall/vote, ${((c.user + c.system) / 1000 / N).toFixed(2)} ms cpu/vote`);
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync('/tmp/vote.cpuprofile', JSON.stringify(profile));
});
