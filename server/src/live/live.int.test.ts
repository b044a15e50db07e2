import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import jsonPatch from 'fast-json-patch';
import { createClient, type Client } from 'graphql-ws';
import { codeOf, gql, startTestServer, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { ok, openWithQuorum, prepareSession, signInAll, type Who } from '../test/committee-session.js';
import { clientOperation } from '../test/client-documents.js';
import { Basin } from '../basin/basin.entity.js';

/**
 * The live view, through real websockets with the client's own documents: pushed after every change (whole on
 * arrival, then as patches of the view shown), computed once per audience, personal parts to their owner only, in
 * commit order, and caught up after a reconnect.
 */

const SHARED = clientOperation('LiveMeetingUpdates');
const PERSONAL = clientOperation('MyLiveMeetingUpdates');
const OPEN = `mutation($item: ID!, $input: OpenBallotInput!) { openBallot(itemId: $item, input: $input) { id } }`;
const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { id } }`;
const CLOSE = `mutation($b: ID!) { closeBallot(ballotId: $b) { status } }`;
const NOTE = `mutation($i: ID!, $b: String!) { saveNote(itemId: $i, body: $b) { id } }`;

let server: TestServer;
let a: TestBasin;
let tokens: Record<Who, string>;
let meetingId: string;
let itemId: string;
const clients: Client[] = [];

interface Screen {
  client: Client;
  /** Every payload received, in order. */
  received: Record<string, any>[];
  /** Resolves once a payload satisfies `test`. */
  until(test: (payload: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
  stop(): void;
}

/** A screen: one websocket, subscribed to one document, as the client's live page does. */
function screen(who: Who, query: string, options: { liveVersions?: Record<string, number> } = {}): Screen {
  const client = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${tokens[who]}`, liveVersions: options.liveVersions ?? {} },
    retryAttempts: 0,
  });
  clients.push(client);
  const received: Record<string, any>[] = [];
  const waiters: { test: (p: Record<string, any>) => boolean; resolve: (p: Record<string, any>) => void }[] = [];
  // as the client does: a patch applies to the view last shown, and the screen then shows the patched view
  let shown: { version: number; meeting: unknown } | null = null;
  const stop = client.subscribe<Record<string, any>>(
    { query, variables: { meetingId } },
    {
      next: (value) => {
        const payload = (value.data ?? { errors: value.errors }) as Record<string, any>;
        const update = payload.liveMeeting;
        if (update?.patch) {
          expect(update.base).toBe(shown?.version);
          try {
            update.meeting = jsonPatch.applyPatch(jsonPatch.deepClone(shown!.meeting), update.patch, true).newDocument;
          } catch (error) {
            // the client would fetch the query again; a test sees it as a failure
            payload.patchFailed = String(error);
          }
        }
        if (update?.meeting) shown = { version: update.version, meeting: update.meeting };
        received.push(payload);
        for (const waiter of waiters.filter((w) => w.test(payload))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(payload);
        }
      },
      error: (error) => received.push({ errors: error }),
      complete: () => undefined,
    },
  );
  return {
    client,
    received,
    stop,
    until: (test, ms = 5_000) => {
      const already = received.find(test);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; received ${JSON.stringify(received)}`)), ms);
        waiters.push({
          test,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
  };
}

const ballotIn = (p: Record<string, any>) => p.liveMeeting?.meeting?.currentItem?.ballot ?? null;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'lv');
  tokens = await signInAll(server, 'lv');
  const session = await prepareSession(server, a, { title: 'Robotisation de la ligne' });
  meetingId = session.meetingId;
  itemId = session.projectItemId;
  await openWithQuorum(server, a, tokens, meetingId);
  await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: itemId });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.close();
});

describe('the live view', () => {
  it('should push each change as a patch of the view, computed once for all the screens of one audience', async () => {
    const observers = [screen('observer', SHARED), screen('observer', SHARED), screen('observer', SHARED)];
    const member = screen('member', SHARED);
    for (const s of [...observers, member]) await s.until((p) => !!p.liveMeeting);
    const before = server.running.app.live.stats();
    expect(before.cohorts).toBe(2); // observers together, the member apart
    const ballotId = (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind: 'SECRET' } })).openBallot.id;
    for (const s of [...observers, member]) await s.until((p) => ballotIn(p)?.id === ballotId);
    // one execution per cohort for the change (and perhaps one for the presence of the new screens)
    const executions = server.running.app.live.stats().executions - before.executions;
    expect(executions).toBeLessThanOrEqual(4);
    const [first, second] = observers.map((s) => s.received.at(-1));
    expect(second).toEqual(first);
    await ok(server, tokens.chair, VOTE, { input: { ballotId, choice: 'FOR', idempotencyKey: randomUUID() } });
    // the vote travels as a patch of the view shown, a few hundred bytes instead of the whole view
    const voted = await observers[0]!.until((p) => ballotIn(p)?.votedCount === 1);
    expect(voted.liveMeeting.patch).not.toBeNull();
    expect(JSON.stringify(voted.liveMeeting.patch).length).toBeLessThan(600);
    expect(JSON.stringify(voted.liveMeeting.meeting).length).toBeGreaterThan(2_000);
    // and the patched view is the view itself: a screen arriving now is sent it whole, equal
    await settle();
    const late = screen('observer', SHARED);
    const whole = await late.until((p) => !!p.liveMeeting);
    expect(whole.liveMeeting.patch).toBeNull();
    expect(whole.liveMeeting.meeting).toEqual(observers[0]!.received.at(-1)!.liveMeeting.meeting);
    await ok(server, tokens.chair, CLOSE, { b: ballotId });
    for (const s of [...observers, member, late]) await s.until((p) => ballotIn(p)?.status === 'CLOSED');
    for (const s of [...observers, member, late]) s.stop();
  });

  it('should show no choice and no running count of a secret ballot to anyone while it is open', async () => {
    const observer = screen('observer', SHARED);
    const member = screen('member', SHARED);
    await observer.until((p) => !!p.liveMeeting);
    const ballotId = (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind: 'SECRET' } })).openBallot.id;
    await ok(server, tokens.chair, VOTE, { input: { ballotId, choice: 'AGAINST', idempotencyKey: randomUUID() } });
    await ok(server, tokens.member, VOTE, { input: { ballotId, choice: 'FOR', idempotencyKey: randomUUID() } });
    for (const s of [observer, member]) {
      const seen = await s.until((p) => ballotIn(p)?.id === ballotId && ballotIn(p)?.votedCount === 2);
      expect(ballotIn(seen)).toMatchObject({ status: 'OPEN', tally: null, namedVotes: null, votedCount: 2 });
      expect(JSON.stringify(s.received)).not.toMatch(/"choice":"(FOR|AGAINST)"/);
    }
    await ok(server, tokens.chair, CLOSE, { b: ballotId });
    const closed = await observer.until((p) => ballotIn(p)?.id === ballotId && ballotIn(p)?.status === 'CLOSED');
    expect(ballotIn(closed).tally).toEqual({ for: 1, against: 1, abstain: 0 });
    observer.stop();
    member.stop();
  });

  it('should show named choices live only where the basin allows it', async () => {
    for (const live of [false, true]) {
      await server.orm.em.fork().nativeUpdate(Basin, { id: a.basin.id }, { showNamedVotesLive: live });
      const observer = screen('observer', SHARED);
      await observer.until((p) => !!p.liveMeeting);
      const ballotId = (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind: 'NAMED' } })).openBallot.id;
      await ok(server, tokens.othermember, VOTE, {
        input: { ballotId, choice: 'ABSTAIN', idempotencyKey: randomUUID() },
      });
      const seen = await observer.until((p) => ballotIn(p)?.id === ballotId && ballotIn(p)?.votedCount === 1);
      if (live) expect(ballotIn(seen).tally).toEqual({ for: 0, against: 0, abstain: 1 });
      else expect(ballotIn(seen)).toMatchObject({ tally: null, namedVotes: null });
      await ok(server, tokens.chair, CLOSE, { b: ballotId });
      observer.stop();
    }
    await server.orm.em.fork().nativeUpdate(Basin, { id: a.basin.id }, { showNamedVotesLive: false });
  });

  it("should send one's voices and note to oneself only, and only when they change", async () => {
    const mine = screen('member', PERSONAL);
    const theirs = screen('othermember', PERSONAL);
    await mine.until((p) => !!p.myLiveMeeting);
    await theirs.until((p) => !!p.myLiveMeeting);
    await ok(server, tokens.member, NOTE, { i: itemId, b: 'Demander le bilan 2025' });
    const ballotId = (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind: 'NAMED' } })).openBallot.id;
    await mine.until((p) => p.myLiveMeeting.ballotId === ballotId);
    await ok(server, tokens.member, VOTE, { input: { ballotId, choice: 'FOR', idempotencyKey: randomUUID() } });
    const voted = await mine.until((p) => p.myLiveMeeting.voices[0]?.hasVoted === true);
    expect(voted.myLiveMeeting).toMatchObject({ note: 'Demander le bilan 2025', voices: [{ choice: 'FOR' }] });
    const seenByOther = JSON.stringify(theirs.received);
    expect(seenByOther).not.toContain('Demander le bilan');
    expect(seenByOther).not.toContain(a.people.member.id);
    // a change that concerns neither (a hand) sends neither anything
    const counts = [mine.received.length, theirs.received.length];
    await ok(server, tokens.chair, `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    await settle();
    expect([mine.received.length, theirs.received.length]).toEqual(counts);
    await ok(server, tokens.chair, CLOSE, { b: ballotId });
    mine.stop();
    theirs.stop();
  });

  it('should refuse a shared view that asks for personal fields', async () => {
    const sneaky = `subscription($meetingId: ID!) { liveMeeting(meetingId: $meetingId) { version meeting { id currentItem { id myNote } } } }`;
    const ws = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens.observer}` },
      retryAttempts: 0,
    });
    clients.push(ws);
    const result = await wsRequest(ws, sneaky, { meetingId });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should keep a screen on the view its next patch starts from, when its view is computed again at its version', async () => {
    const observer = screen('observer', SHARED);
    await observer.until((p) => !!p.liveMeeting);
    await ok(server, tokens.chair, `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    const shown = await observer.until((p) => p.liveMeeting?.meeting?.hands.length === 1);
    const version = shown.liveMeeting.version as number;
    // Presence is read live and versioned a moment later, and a change's event may arrive after a view was computed
    // at its version: the view computed again then can differ from the one the screen shows at that version.
    const leave = await server.running.app.presence.join(meetingId, a.people.thirdMember.id);
    const event = { meetingId, kind: 'MEETING' as const, subjectId: null, affects: [], version };
    server.running.app.pubSub.publish('MEETING', meetingId, { ...event, at: new Date().toISOString() });
    await settle(200);
    // the next change's patch, computed from the view computed last, must apply to what the screen shows
    await ok(server, tokens.chair, `mutation($id: ID!) { lowerHand(meetingId: $id) }`, { id: meetingId });
    const patched = await observer.until((p) => p.patchFailed || p.liveMeeting?.meeting?.hands.length === 0);
    expect(patched.patchFailed).toBeUndefined();
    const fresh = screen('observer', SHARED);
    const whole = await fresh.until((p) => !!p.liveMeeting);
    expect(patched.liveMeeting.meeting).toEqual(whole.liveMeeting.meeting);
    await leave();
    observer.stop();
    fresh.stop();
  });

  it('should deliver changes made in quick succession in commit order, on every screen', async () => {
    const screens = [screen('observer', SHARED), screen('chair', SHARED), screen('prescriber', SHARED)];
    await ok(server, tokens.chair, `mutation($id: ID!) { lowerHand(meetingId: $id) }`, { id: meetingId });
    for (const s of screens) await s.until((p) => p.liveMeeting?.meeting.hands.length === 0);
    for (const s of screens) s.received.length = 0;
    const hand = `mutation($id: ID!) { lowerHand(meetingId: $id) }`;
    const raise = `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`;
    await Promise.all([
      ok(server, tokens.member, raise, { id: meetingId }),
      ok(server, tokens.othermember, raise, { id: meetingId }),
      ok(server, tokens.chair, hand, { id: meetingId }),
    ]);
    for (const s of screens) {
      const both = [a.people.member.id, a.people.otherMember.id].sort().join();
      await s.until(
        (p) =>
          p.liveMeeting?.meeting.hands
            .map((h: any) => h.person.id)
            .sort()
            .join() === both,
      );
      const versions = s.received.map((p) => p.liveMeeting.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(new Set(versions).size).toBe(versions.length);
    }
    await ok(server, tokens.chair, `mutation($id: ID!, $p: ID) { lowerHand(meetingId: $id, personId: $p) }`, {
      id: meetingId,
      p: a.people.member.id,
    });
    await ok(server, tokens.chair, `mutation($id: ID!, $p: ID) { lowerHand(meetingId: $id, personId: $p) }`, {
      id: meetingId,
      p: a.people.otherMember.id,
    });
    for (const s of screens) s.stop();
  });

  it('should send a returning screen what it missed, and nothing when it is up to date', async () => {
    const first = screen('observer', SHARED);
    const seen = await first.until((p) => !!p.liveMeeting);
    const version = seen.liveMeeting.version as number;
    first.stop();
    // up to date: a new connection that says so gets nothing until the next change
    const current = screen('observer', SHARED, { liveVersions: { [meetingId]: version } });
    await settle(400);
    expect(current.received.filter((p) => p.liveMeeting && p.liveMeeting.version <= version)).toEqual([]);
    current.stop();
    // away while the chair opened a ballot: the returning screen gets the view with it at once
    const ballotId = (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind: 'NAMED' } })).openBallot.id;
    const back = screen('observer', SHARED, { liveVersions: { [meetingId]: version } });
    const caughtUp = await back.until((p) => !!p.liveMeeting);
    expect(caughtUp.liveMeeting.version).toBeGreaterThan(version);
    expect(ballotIn(caughtUp)?.id).toBe(ballotId);
    await ok(server, tokens.chair, CLOSE, { b: ballotId });
    back.stop();
  });

  it('should stop sending to a screen whose session ended', async () => {
    const token = (
      await gql(
        server,
        'mutation { signIn(email: "observer@lv.test", password: "correct horse battery", bearer: true) { token } }',
      )
    ).data?.signIn.token as string;
    const ws = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(ws);
    const received: unknown[] = [];
    ws.subscribe(
      { query: SHARED, variables: { meetingId } },
      { next: (v) => received.push(v), error: () => undefined, complete: () => undefined },
    );
    await settle(400);
    expect(received.length).toBeGreaterThan(0);
    expect(codeOf(await gql(server, 'mutation { signOut }', {}, { token }))).toBeUndefined();
    await settle(200);
    const count = received.length;
    await ok(server, tokens.chair, `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    await settle(400);
    expect(received).toHaveLength(count);
    await ok(server, tokens.chair, `mutation($id: ID!) { lowerHand(meetingId: $id) }`, { id: meetingId });
  });
});
