import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { createApp, type RunningApp } from '../app.js';
import { gql, signInToken, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AuthSession } from './auth-session.entity.js';
import { hashToken } from './tokens.js';

/**
 * A websocket speaks for one sign-in session: it closes when that session ends — signed out, expired — or when the
 * person's access changes, on every instance, and then delivers nothing more.
 */

const EVENTS = `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`;
const RAISE = `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`;
const LOWER = `mutation($id: ID!) { lowerHand(meetingId: $id) }`;

/** A member's live connection to the meeting: its events, and how it closed. */
function listen(server: Pick<TestServer, 'wsUrl'>, token: string, meetingId: string) {
  const events: string[] = [];
  let closedWith: number | null = null;
  let onClose: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (onClose = resolve));
  const client: Client = wsClient(server, token, {
    on: {
      closed: (event) => {
        closedWith = (event as { code: number }).code;
        onClose(closedWith);
      },
    },
  });
  client.subscribe<{ meetingEvents: { kind: string } }>(
    { query: EVENTS, variables: { id: meetingId } },
    {
      next: (value) => value.data && events.push(value.data.meetingEvents.kind),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { client, events, closed, closedWith: () => closedWith };
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** An open session of the basin, to subscribe to. */
async function openMeeting(server: TestServer, basin: TestBasin): Promise<string> {
  const em = server.orm.em.fork();
  const meeting = em.create(Meeting, {
    basin: basin.basin.id,
    title: 'Séance en direct',
    scheduledAt: new Date(),
    chair: basin.people.chair.id,
    status: MeetingStatus.OPEN,
    openedAt: new Date(),
  });
  await em.flush();
  return meeting.id;
}

let server: TestServer;
let a: TestBasin;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'lc');
  meetingId = await openMeeting(server, a);
});
afterAll(() => server?.close());

describe("a person's live connection", () => {
  it('should close at once when its session signs out, and deliver nothing more, while their other session goes on', async () => {
    const phone = await signInToken(server, 'member@lc.test', PASSWORD);
    const laptop = await signInToken(server, 'member@lc.test', PASSWORD);
    const onPhone = listen(server, phone, meetingId);
    const onLaptop = listen(server, laptop, meetingId);
    await settle();
    expect(server.running.app.connections.count(a.people.member.id)).toBe(2);
    const chair = await signInToken(server, 'chair@lc.test', PASSWORD);
    await gql(server, RAISE, { id: meetingId }, { token: chair });
    await settle();
    expect(onPhone.events.length).toBeGreaterThan(0);

    await gql(server, 'mutation { signOut }', {}, { token: phone });
    expect(await onPhone.closed).toBe(4401);
    const [phoneSaw, laptopSaw] = [onPhone.events.length, onLaptop.events.length];
    await gql(server, LOWER, { id: meetingId }, { token: chair });
    await settle();
    expect(onPhone.events).toHaveLength(phoneSaw);
    expect(onLaptop.events.length).toBeGreaterThan(laptopSaw);
    expect(onLaptop.closedWith()).toBeNull();
    expect(server.running.app.connections.count(a.people.member.id)).toBe(1);
    await onPhone.client.dispose();
    await onLaptop.client.dispose();
  });

  it('should close when its session expires', async () => {
    const token = await signInToken(server, 'othermember@lc.test', PASSWORD);
    const em = server.orm.em.fork();
    await em.nativeUpdate(AuthSession, { tokenHash: hashToken(token) }, { expiresAt: new Date(Date.now() + 1_500) });
    const live = listen(server, token, meetingId);
    expect(await live.closed).toBe(4401);
    await live.client.dispose();
  });

  it('should close every socket of a person whose access changed, so that they reconnect with their new rights', async () => {
    const token = await signInToken(server, 'thirdmember@lc.test', PASSWORD);
    const live = listen(server, token, meetingId);
    await settle();
    server.running.app.connections.end({ personId: a.people.thirdMember.id, reason: 'ACCESS_CHANGED' });
    expect(await live.closed).toBe(4403);
    await live.client.dispose();
  });
});

describe.runIf(process.env.REDIS_URL)('across instances through Redis', () => {
  let first: TestServer;
  let second: RunningApp;
  let secondUrl: string;
  let shared: string;

  beforeAll(async () => {
    first = await startTestServer({ redisUrl: process.env.REDIS_URL! });
    shared = await openMeeting(first, await createTestBasin(first.orm.em.fork(), 'lr'));
    second = await createApp(first.config, { orm: first.orm });
    secondUrl = await second.listen(0);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should close the socket held by another instance when the session signs out on this one', async () => {
    const token = await signInToken(first, 'member@lr.test', PASSWORD);
    const live = listen({ wsUrl: `${secondUrl.replace(/^http/, 'ws')}/graphql` }, token, shared);
    await settle();
    await gql(first, 'mutation { signOut }', {}, { token });
    expect(await live.closed).toBe(4401);
    await live.client.dispose();
  });
});
