import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse } from 'graphql';
import { signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { clientOperation } from '../test/client-documents.js';
import { ok } from '../test/committee-session.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { DEMO_PASSWORD, seedDemoBasin } from '../seeders/demo-basin.js';
import { countQueries } from '../db/query-count.js';
import { resolveViewer } from '../context.js';
import { audienceContext } from './live-hub.js';
import { buildAppSchema } from '../schema.js';

/**
 * What one execution of the live view costs on the demo's meeting ready to run, with its first project on screen
 * and a ballot open: the statements it sends do not grow with the committee or the agenda.
 */

let server: TestServer;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  const chair = await signInToken(server, 'presidente@demo.agrement.fr', DEMO_PASSWORD);
  const basinId = (await ok(server, chair, '{ basins { id } }')).basins[0].id;
  const upcoming = await ok(
    server,
    chair,
    `query($b: ID!) { meetings(basinId: $b, period: UPCOMING, limit: 1) { items { id items { id kind } } } }`,
    { b: basinId },
  );
  const meeting = upcoming.meetings.items[0];
  meetingId = meeting.id;
  const item = meeting.items.find((i: { kind: string }) => i.kind === 'PROJECT_EXAMINATION');
  await ok(server, chair, `mutation($id: ID!) { openMeeting(id: $id, reason: "Essai") { id } }`, { id: meetingId });
  const attend = `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }`;
  for (const email of ['presidente', 'toyota', 'saint-gobain', 'vallourec', 'skf', 'leroy-merlin', 'sevelnord']) {
    await ok(server, await signInToken(server, `${email}@demo.agrement.fr`, DEMO_PASSWORD), attend, { id: meetingId });
  }
  await ok(server, chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: item.id });
  await ok(server, chair, `mutation($i: ID!) { openBallot(itemId: $i, input: { kind: NAMED }) { id } }`, {
    i: item.id,
  });
});
afterAll(() => server?.close());

describe('one execution of the live view', () => {
  it('should send at most 10 statements to the database, on the demo meeting', async () => {
    const token = await signInToken(server, 'observateur@demo.agrement.fr', DEMO_PASSWORD);
    const viewer = (await resolveViewer(server.orm.em.fork(), token))!;
    const schema = await buildAppSchema(server.running.app.pubSub);
    const document = parse(clientOperation('LiveMeetingUpdates'));
    const queries = countQueries(server.orm);
    const like = {
      em: server.orm.em.fork(),
      viewer,
      app: server.running.app,
      ip: 'test',
      transport: 'ws' as const,
      locale: 'fr' as const,
    };
    const basinId = viewer.grants[0]!.basinId;
    const costs: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const before = queries.total;
      const result = await execute({
        schema,
        document,
        variableValues: { meetingId },
        contextValue: audienceContext(server.running.app, like, viewer, basinId),
      });
      expect(result.errors).toBeUndefined();
      expect(
        (result.data?.liveMeeting as { meeting: { currentItem: { ballot: unknown } } }).meeting.currentItem.ballot,
      ).not.toBeNull();
      costs.push(queries.total - before);
    }
    expect(Math.max(...costs)).toBeLessThanOrEqual(10);
  });
});
