import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import jsonPatch from 'fast-json-patch';
import { codeOf, gql, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { ok, openWithQuorum, prepareSession, signInAll, type Who } from '../test/committee-session.js';
import { clientOperation } from '../test/client-documents.js';
import { isSqlite } from '../db/sqlite.js';

/**
 * Ballots under every race, over real HTTP and websockets, on the database of DATABASE_URL (SQLite by default,
 * PostgreSQL in CI's second run): counts that equal the recorded voices, keys that never re-apply, a database that
 * refuses impossible counters, and secret ballots that no response, event or file gives away.
 */

const OPEN = `mutation($item: ID!, $input: OpenBallotInput!) { openBallot(itemId: $item, input: $input) { id } }`;
const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { id } }`;
const CLOSE = `mutation($b: ID!) { closeBallot(ballotId: $b) { status result votedCount tally { for against abstain } } }`;
const MY_VOICES = `query($id: ID!) { meeting(id: $id) { currentItem { ballot { myVoices { voter { id } choice hasVoted } } } } }`;

type Choice = 'FOR' | 'AGAINST' | 'ABSTAIN';
interface Tally {
  for: number;
  against: number;
  abstain: number;
}

let server: TestServer;
let a: TestBasin;
let tokens: Record<Who, string>;
let meetingId: string;
let itemId: string;
const sockets: Client[] = [];

const ws = (who: Who): Client => {
  const client = wsClient(server, tokens[who]);
  sockets.push(client);
  return client;
};

/** A vote over HTTP, or over a websocket when `socket` is given; resolves with the error code, if any. */
async function vote(
  who: Who,
  ballotId: string,
  choice: Choice,
  options: { key?: string; onBehalfOfId?: string; socket?: Client } = {},
): Promise<string | undefined> {
  const variables = {
    input: { ballotId, choice, idempotencyKey: options.key ?? randomUUID(), onBehalfOfId: options.onBehalfOfId },
  };
  if (options.socket) {
    const result = await wsRequest(options.socket, VOTE, variables);
    return result.errors?.[0]?.extensions?.code as string | undefined;
  }
  return codeOf(await gql(server, VOTE, variables, { token: tokens[who] }));
}

const openBallot = async (kind: 'NAMED' | 'SECRET', extra: Record<string, unknown> = {}) =>
  (await ok(server, tokens.chair, OPEN, { item: itemId, input: { kind, ...extra } })).openBallot.id as string;

const closeBallot = async (ballotId: string) =>
  (await ok(server, tokens.chair, CLOSE, { b: ballotId })).closeBallot as {
    status: string;
    result: string;
    votedCount: number;
    tally: Tally;
  };

/** What the database holds of a ballot: its columns and its recorded votes. */
async function stored(ballotId: string) {
  const connection = server.orm.em.fork().getConnection();
  const query = async <T>(sql: string): Promise<T[]> => (await connection.execute(sql, [ballotId])) as T[];
  const [ballot] = await query<Record<string, unknown>>(
    'select status, for_count, against_count, abstain_count, cast_count from ballot where id = ?',
  );
  const rows = await query<{ choice: Choice | null; created_at: unknown; updated_at: unknown }>(
    'select choice, created_at, updated_at from ballot_participation where ballot_id = ?',
  );
  const box = await query<{ sealed: string }>('select sealed from ballot_box where ballot_id = ?');
  const recorded: Tally = { for: 0, against: 0, abstain: 0 };
  for (const row of rows) {
    if (row.choice === 'FOR') recorded.for += 1;
    if (row.choice === 'AGAINST') recorded.against += 1;
    if (row.choice === 'ABSTAIN') recorded.abstain += 1;
  }
  return {
    counts: {
      for: Number(ballot?.for_count),
      against: Number(ballot?.against_count),
      abstain: Number(ballot?.abstain_count),
    },
    castCount: ballot?.cast_count === null ? null : Number(ballot?.cast_count),
    participations: rows,
    recorded,
    box: box.map((b) => b.sealed),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'bx');
  tokens = await signInAll(server, 'bx');
  const session = await prepareSession(server, a, { title: 'Ligne de découpe laser', advanceRequested: 12000 });
  meetingId = session.meetingId;
  itemId = session.projectItemId;
  // the chair, the member (remote), the second member and, by proxy, the third vote; the prescriber is recused
  await openWithQuorum(server, a, tokens, meetingId);
  await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: itemId });
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await server?.close();
});

describe('a ballot under concurrent clicks', () => {
  it('should count every voice exactly once when a member changes a named vote with ten clicks at once, 20 runs in a row', async () => {
    const socket = ws('member');
    for (let run = 0; run < 20; run += 1) {
      const ballotId = await openBallot('NAMED');
      expect(await vote('member', ballotId, 'FOR')).toBeUndefined();
      // ten changes at once, each with a fresh key, half over HTTP and half over the websocket, while the others vote
      const changes = Array.from({ length: 10 }, (_, i) =>
        vote('member', ballotId, i % 3 === 0 ? 'ABSTAIN' : 'AGAINST', { socket: i % 2 ? socket : undefined }),
      );
      const others = [
        vote('chair', ballotId, 'FOR'),
        vote('othermember', ballotId, 'AGAINST'),
        vote('othermember', ballotId, 'FOR', { onBehalfOfId: a.people.thirdMember.id }),
      ];
      const codes = await Promise.all([...changes, ...others]);
      expect(codes.filter(Boolean)).toEqual([]);
      const closed = await closeBallot(ballotId);
      const db = await stored(ballotId);
      expect(db.participations).toHaveLength(4);
      expect(db.castCount).toBe(4);
      expect(db.counts).toEqual(db.recorded);
      expect(closed.tally).toEqual(db.recorded);
      expect(closed.votedCount).toBe(4);
      expect(db.recorded.for + db.recorded.against + db.recorded.abstain).toBe(4);
    }
  });

  it('should take a secret vote once when one member sends ten clicks at once, 20 runs in a row', async () => {
    const socket = ws('member');
    for (let run = 0; run < 20; run += 1) {
      const ballotId = await openBallot('SECRET');
      const codes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          vote('member', ballotId, i % 2 ? 'FOR' : 'AGAINST', { socket: i % 2 ? socket : undefined }),
        ),
      );
      expect(codes.filter((c) => c === undefined)).toHaveLength(1);
      expect(codes.filter((c) => c !== undefined).every((c) => c === 'ALREADY_VOTED')).toBe(true);
      expect((await stored(ballotId)).box).toHaveLength(1);
      const closed = await closeBallot(ballotId);
      expect(closed.votedCount).toBe(1);
      expect(closed.tally.for + closed.tally.against + closed.tally.abstain).toBe(1);
    }
  });

  it('should count exactly the votes that were accepted when the chair closes while members click', async () => {
    for (const kind of ['NAMED', 'SECRET'] as const) {
      const ballotId = await openBallot(kind);
      const votes = [
        vote('chair', ballotId, 'FOR'),
        vote('member', ballotId, 'AGAINST'),
        vote('othermember', ballotId, 'FOR'),
        vote('othermember', ballotId, 'ABSTAIN', { onBehalfOfId: a.people.thirdMember.id }),
      ];
      const [closed, ...codes] = await Promise.all([closeBallot(ballotId), ...votes]);
      expect(codes.every((c) => c === undefined || c === 'BALLOT_CLOSED')).toBe(true);
      const accepted = codes.filter((c) => c === undefined).length;
      const db = await stored(ballotId);
      expect(db.participations).toHaveLength(accepted);
      expect(db.castCount).toBe(accepted);
      expect(closed.votedCount).toBe(accepted);
      expect(closed.tally.for + closed.tally.against + closed.tally.abstain).toBe(accepted);
      if (kind === 'NAMED') expect(closed.tally).toEqual(db.recorded);
    }
  });

  it('should never apply a superseded idempotency key again, even when its retry comes late', async () => {
    const ballotId = await openBallot('NAMED');
    const [k1, k2] = [randomUUID(), randomUUID()];
    expect(await vote('member', ballotId, 'FOR', { key: k1 })).toBeUndefined();
    expect(await vote('member', ballotId, 'AGAINST', { key: k2 })).toBeUndefined();
    // the first click's retry arrives after the change: it is the same click, already taken, and changes nothing
    expect(await vote('member', ballotId, 'FOR', { key: k1 })).toBeUndefined();
    expect(await vote('member', ballotId, 'FOR', { key: k1, socket: ws('member') })).toBeUndefined();
    const mine = await ok(server, tokens.member, MY_VOICES, { id: meetingId });
    expect(mine.meeting.currentItem.ballot.myVoices[0]).toMatchObject({ choice: 'AGAINST', hasVoted: true });
    // a key belongs to one voice: another voter's click with it is refused
    expect(await vote('chair', ballotId, 'FOR', { key: k2 })).toBe('BAD_USER_INPUT');
    const closed = await closeBallot(ballotId);
    expect(closed.tally).toEqual({ for: 0, against: 1, abstain: 0 });
  });
});

describe('the database', () => {
  it('should refuse counts that are negative, that move while a ballot is open, or that do not add up', async () => {
    const open = await openBallot('NAMED');
    await vote('chair', open, 'FOR');
    const connection = server.orm.em.fork().getConnection();
    await expect(connection.execute('update ballot set for_count = 1 where id = ?', [open])).rejects.toThrow(
      /ballot_tally_check|CHECK constraint/i,
    );
    const closed = await closeBallot(open);
    expect(closed.tally).toEqual({ for: 1, against: 0, abstain: 0 });
    await expect(
      connection.execute('update ballot set for_count = -9, against_count = 10 where id = ?', [open]),
    ).rejects.toThrow(/ballot_tally_check|CHECK constraint/i);
    await expect(connection.execute('update ballot set against_count = 1 where id = ?', [open])).rejects.toThrow(
      /ballot_tally_check|CHECK constraint/i,
    );
    expect((await stored(open)).counts).toEqual({ for: 1, against: 0, abstain: 0 });
  });

  it('should keep one open ballot per item, even when the chair opens two at once', async () => {
    const results = await Promise.all([
      gql(server, OPEN, { item: itemId, input: { kind: 'NAMED' } }, { token: tokens.chair }),
      gql(server, OPEN, { item: itemId, input: { kind: 'NAMED' } }, { token: tokens.chair }),
    ]);
    const opened = results.filter((r) => r.data?.openBallot);
    expect(opened).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual([expect.stringMatching(/^(BALLOT_OPEN|CONFLICT)$/)]);
    await closeBallot(opened[0]!.data!.openBallot.id);
  });
});

describe('a secret ballot', () => {
  const roles: Who[] = [
    'operator',
    'chair',
    'member',
    'othermember',
    'thirdmember',
    'prescriber',
    'observer',
    'smeleader',
  ];
  const LIVE = clientOperation('LiveMeeting');
  const EVENTS = clientOperation('MeetingEvents');
  const SHARED_VIEW = clientOperation('LiveMeetingUpdates');
  const MY_VIEW = clientOperation('MyLiveMeetingUpdates');
  /** The roles that may follow the session live (the SME leader is refused, the same way in both runs). */
  const following = roles.filter((r) => r !== 'smeleader');

  /**
   * Replaces what differs between two runs for reasons other than the choices: the ballot's id, the clock, and the
   * meeting's live version (counted from `base`, by default the run's first one; a patch's `base` is one too).
   */
  const normalise = (value: unknown, ballotId: string, base?: number): unknown => {
    const text = JSON.stringify(value);
    const first = base ?? Number(/"(?:liveVersion|version)":(\d+)/.exec(text)?.[1] ?? 0);
    return JSON.parse(
      text
        .replaceAll(ballotId, 'BALLOT')
        .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g, '"TIME"')
        .replace(
          /"(liveVersion|version|base)":(\d+)/g,
          (_m, name: string, n: string) => `"${name}":${Number(n) - first}`,
        ),
    );
  };

  const liveVersion = async () =>
    Number(
      (
        await server.orm.em.fork().getConnection().execute('select live_version from meeting where id = ?', [meetingId])
      )[0]?.live_version,
    );

  /** The meeting's live version once it holds still: presence changes are coalesced over 150 ms, then published. */
  const settledLiveVersion = async () => {
    let version = await liveVersion();
    for (let still = 0, polls = 0; still < 4; polls += 1) {
      if (polls > 60) throw new Error('the live version does not settle');
      await new Promise((resolve) => setTimeout(resolve, 80));
      const now = await liveVersion();
      still = now === version ? still + 1 : 0;
      version = now;
    }
    return version;
  };

  /** The views a screen showed, as the client builds them: the first whole, then each patch applied to the last. */
  const viewsShown = (payloads: Record<string, any>[]) => {
    let shown: { version: number; meeting: Record<string, any> } | null = null;
    return payloads.flatMap((payload) => {
      const update = payload.data?.liveMeeting;
      if (!update) return [];
      if (update.patch) expect(update.base).toBe(shown?.version);
      const meeting = update.patch
        ? jsonPatch.applyPatch(jsonPatch.deepClone(shown!.meeting), update.patch, true).newDocument
        : update.meeting;
      shown = { version: update.version as number, meeting };
      return [shown];
    });
  };

  /** Polls `test` until it holds (every 20 ms, for 5 s at most). */
  const until = async (test: () => boolean | Promise<boolean>, what: string) => {
    for (let i = 0; i < 250; i += 1) {
      if (await test()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  /**
   * Runs one secret ballot with these choices (always the same voters, in the same order) and records, after every
   * vote, what each role's live screen shows (the client's own LiveMeeting query), each role's events and, with
   * `live`, every view pushed to each role by the live subscriptions (the client's LiveMeetingUpdates and
   * MyLiveMeetingUpdates), each change's views received before the next change is made.
   */
  async function run(choices: [Choice, Choice, Choice, Choice], options: { live?: boolean } = {}) {
    const events: Record<string, unknown[]> = {};
    const shared: Record<string, Record<string, any>[]> = {};
    const mine: Record<string, Record<string, any>[]> = {};
    const listeners: Client[] = [];
    const listen = (client: Client, query: string, into: unknown[]) =>
      client.subscribe(
        { query, variables: { meetingId } },
        { next: (value) => into.push(value), error: (error) => into.push({ error }), complete: () => undefined },
      );
    for (const who of roles) {
      const client = ws(who);
      listeners.push(client);
      listen(client, EVENTS, (events[who] = []));
      shared[who] = [];
      mine[who] = [];
      if (!options.live) continue;
      listen(client, SHARED_VIEW, shared[who]);
      listen(client, MY_VIEW, mine[who]);
    }
    // the live screens' arrivals are presence changes: all of them pushed before the ballot opens, none in it
    if (options.live)
      await until(() => roles.every((who) => shared[who]!.length > 0 && mine[who]!.length > 0), 'the first views');
    const base = await settledLiveVersion();
    for (const list of [...Object.values(events), ...Object.values(mine)]) list.length = 0;
    const sharedAt = (who: Who) => (shared[who]!.at(-1) as any)?.data?.liveMeeting?.version;
    const ballotId = await openBallot('SECRET');
    const screens: unknown[] = [];
    const look = async () => {
      for (const who of roles) screens.push([who, await gql(server, LIVE, { id: meetingId }, { token: tokens[who] })]);
    };
    /** Every view pushed for the change just made: the shared ones at its version, the personal ones it changes. */
    const pushed = async (personal: Partial<Record<Who, (view: Record<string, any>) => boolean>>) => {
      if (!options.live) return;
      const at = await liveVersion();
      await until(() => following.every((who) => sharedAt(who) === at), `the shared views at version ${at}`);
      for (const [who, test] of Object.entries(personal))
        await until(() => test((mine[who]!.at(-1) as any)?.data?.myLiveMeeting ?? {}), `the personal view of ${who}`);
    };
    const settle = async (count: number) => {
      // every subscribed role (the SME leader has no access) has received `count` events
      for (let i = 0; i < 100; i += 1) {
        if (following.every((r) => (events[r]?.length ?? 0) >= count)) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await settle(1);
    const seated: Who[] = ['chair', 'member', 'othermember', 'thirdmember', 'prescriber'];
    await pushed(Object.fromEntries(seated.map((who) => [who, (view) => view.ballotId === ballotId])));
    await look();
    const voters: [Who, string | undefined][] = [
      ['chair', undefined],
      ['member', undefined],
      ['othermember', undefined],
      ['othermember', a.people.thirdMember.id],
    ];
    const voted = (count: number) => (view: Record<string, any>) =>
      (view.voices ?? []).filter((voice: { hasVoted: boolean }) => voice.hasVoted).length === count;
    for (const [index, [who, onBehalfOfId]] of voters.entries()) {
      expect(await vote(who, ballotId, choices[index]!, { onBehalfOfId })).toBeUndefined();
      await settle(index + 2);
      await pushed({ [who]: voted(onBehalfOfId ? 2 : 1), ...(onBehalfOfId ? { thirdmember: voted(1) } : {}) });
      await look();
    }
    const seen = normalise({ screens, events }, ballotId);
    // What was pushed since the ballot opened (one of the arrivals may still have been on its way), and the views
    // the screens showed with it. The first patch turns the view from before the ballot into the open ballot's: its
    // operations depend on what the item showed before (nothing, or the previous run's closed ballot), so the view
    // it gives stands for it.
    const since = <T extends Record<string, any>>(list: T[], version: (item: T) => number | undefined) =>
      list.filter((item) => !((version(item) ?? Infinity) <= base));
    const pushedInBallot = (who: Who) =>
      since(shared[who]!, (p) => p.data?.liveMeeting?.version).map((payload) => {
        const update = payload.data?.liveMeeting;
        return update?.patch && update.base <= base
          ? { ...payload, data: { liveMeeting: { ...update, base: null, patch: 'from the view before the ballot' } } }
          : payload;
      });
    const perRole = <T>(make: (who: Who) => T) => Object.fromEntries(roles.map((who) => [who, make(who)]));
    const live = normalise(
      {
        shared: perRole(pushedInBallot),
        shown: perRole((who) => since(viewsShown(shared[who]!), (view) => view.version)),
        mine,
      },
      ballotId,
      base,
    ) as Record<'shared' | 'shown' | 'mine', Record<Who, Record<string, any>[]>>;
    const atRest = await stored(ballotId);
    for (const client of listeners) await client.dispose();
    const closed = await closeBallot(ballotId);
    return { seen, live, atRest, closed, ballotId };
  }

  it('should show no role anything, in any response or event while it is open, that varies with the choices', async () => {
    const first = await run(['FOR', 'FOR', 'FOR', 'FOR'], { live: true });
    const second = await run(['AGAINST', 'ABSTAIN', 'AGAINST', 'FOR'], { live: true });
    expect(first.closed.tally).toEqual({ for: 4, against: 0, abstain: 0 });
    expect(second.closed.tally).toEqual({ for: 1, against: 2, abstain: 1 });
    // the screens did show the votes coming in, and nothing else
    expect(JSON.stringify(first.seen)).toContain('"votedCount":4');
    expect(second.seen).toEqual(first.seen);
    // and so did the views the live subscriptions pushed to every role: the ballot opening, then each vote
    const counts = first.live.shown.observer.map((view) => view.meeting.currentItem.ballot.votedCount);
    expect(counts).toEqual([0, 1, 2, 3, 4]);
    expect(first.live.mine.thirdmember).toHaveLength(2); // the ballot opens, their proxy votes
    expect(second.live).toEqual(first.live);
  });

  it('should keep the voter list and the sealed box apart while open, and leave no link on disk once closed', async () => {
    const { atRest, ballotId } = await run(['AGAINST', 'FOR', 'ABSTAIN', 'FOR']);
    // while it was open: no counts on the ballot, no choice beside a voter, and timestamps that keep no order
    expect(atRest.counts).toEqual({ for: 0, against: 0, abstain: 0 });
    expect(atRest.castCount).toBeNull();
    expect(atRest.participations.every((p) => p.choice === null)).toBe(true);
    expect(new Set(atRest.participations.map((p) => String(p.created_at))).size).toBe(1);
    expect(new Set(atRest.participations.map((p) => String(p.updated_at))).size).toBe(1);
    expect(atRest.box).toHaveLength(4);
    expect(new Set(atRest.box.map((s) => s.length)).size).toBe(1);
    for (const sealed of atRest.box) expect(sealed).not.toMatch(/FOR|AGAINST|ABSTAIN/);
    // once closed: the box is empty, the totals are on the ballot
    const after = await stored(ballotId);
    expect(after.box).toEqual([]);
    expect(after.counts).toEqual({ for: 2, against: 1, abstain: 1 });
    expect(after.castCount).toBe(4);
    if (!isSqlite(server.orm)) return;
    // and on SQLite, the files themselves: the write-ahead log is empty, and no sealed choice is left in any page
    const file = server.orm.config.get('dbName') as string;
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    const bytes = Buffer.concat(
      [file, wal, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    for (const sealed of atRest.box) expect(bytes.includes(Buffer.from(sealed))).toBe(false);
    expect(path.basename(file)).toBe('test.db');
  });
});

describe('a decision', () => {
  it('should grant at most what the adopted motion said', async () => {
    const ballotId = await openBallot('NAMED', { proposedAdvance: 5000, proposedMandataryId: a.people.otherMember.id });
    for (const who of ['chair', 'member', 'othermember'] as const) await vote(who, ballotId, 'FOR');
    expect((await closeBallot(ballotId)).result).toBe('ADOPTED');
    const DECIDE = `mutation($item: ID!, $input: DecisionInput!) { recordDecision(itemId: $item, input: $input) { advanceAmount mandatary { id } } }`;
    const decide = (input: Record<string, unknown>) =>
      gql(server, DECIDE, { item: itemId, input: { outcome: 'APPROVED', ...input } }, { token: tokens.chair });
    const above = await decide({ advanceAmount: 15000 });
    expect(codeOf(above)).toBe('BEYOND_MOTION');
    expect(above.errors?.[0]?.extensions?.motionAdvance).toBe(5000);
    expect(codeOf(await decide({ advanceAmount: 5000, mandataryId: a.people.chair.id }))).toBe('BEYOND_MOTION');
    const granted = await decide({ advanceAmount: 4000 });
    expect(granted.data?.recordDecision).toEqual({ advanceAmount: 4000, mandatary: { id: a.people.otherMember.id } });
  });
});
