import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from './app.js';
import { gql, signInToken, startTestServer, wsClient, type TestServer } from './test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from './test/fixtures.js';

/**
 * Two instances on one database and one Redis: a change made through one reaches subscribers of the other.
 * Runs when REDIS_URL is set (CI sets it to the machine's Redis).
 */
const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('events across instances through Redis', () => {
  let first: TestServer;
  let second: RunningApp;
  let secondUrl: string;
  let a: TestBasin;

  beforeAll(async () => {
    first = await startTestServer({ redisUrl: redisUrl! });
    second = await createApp(first.config, { orm: first.orm });
    secondUrl = await second.listen(0);
    a = await createTestBasin(first.orm.em.fork(), 'ra');
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should deliver an agenda change made on one instance to a subscriber of the other', async () => {
    const operator = await signInToken(first, 'operator@ra.test', PASSWORD);
    const created = await gql(
      first,
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: { basinId: a.basin.id, title: 'Shared meeting', scheduledAt: '2026-12-03T08:30:00Z' },
      },
      { token: operator },
    );
    const id = created.data?.createMeeting.id as string;
    const member = await signInToken(first, 'member@ra.test', PASSWORD);
    const client = wsClient({ wsUrl: `${secondUrl.replace(/^http/, 'ws')}/graphql` }, member);
    const event = new Promise<{ kind: string }>((resolve, reject) => {
      client.subscribe<{ meetingEvents: { kind: string } }>(
        { query: `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`, variables: { id } },
        {
          // arrivals (this subscriber's own included) come as coalesced PRESENCE events
          next: (v) => v.data && v.data.meetingEvents.kind !== 'PRESENCE' && resolve(v.data.meetingEvents),
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    await gql(
      first,
      `mutation($m: ID!) { addAgendaItem(meetingId: $m, input: { kind: INFORMATION, title: "Across" }) { id } }`,
      { m: id },
      { token: operator },
    );
    expect(await event).toEqual({ kind: 'AGENDA' });
    await client.dispose();
  });
});
