import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { gql, signInToken, startTestServer, wsClient, type TestServer } from '../test/harness.js';
import { clientOperations, type ClientOperation } from '../test/client-operations.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { DEMO_PASSWORD, seedDemoBasin } from '../seeders/demo-basin.js';
import { hashPassword } from '../auth/password.js';
import { Person } from '../person/person.entity.js';
import { isSqlite } from './sqlite.js';

/**
 * Reading writes nothing: every query of the client (read from its own documents, so that a new screen's query is
 * covered the day it is written), sent on the demo basin by the roles whose screens send it, answers without an
 * error and leaves every row of every table as it was, the audit trail included; and a write touches only what it
 * changes — on SQLite too, where MikroORM's own platform used to rewrite the datetime columns of every row a flush
 * had loaded.
 */

type Reader = 'operator' | 'chair' | 'member' | 'observer' | 'smeLeader' | 'head';

/** The demo's accounts, and a national head made for the network view (the demo has none). */
const ACCOUNTS: Record<Reader, string> = {
  operator: 'operateur@demo.agrement.fr',
  chair: 'presidente@demo.agrement.fr',
  member: 'alstom@demo.agrement.fr',
  observer: 'observateur@demo.agrement.fr',
  smeLeader: 'dirigeant@demo.agrement.fr',
  head: 'tete-de-reseau@demo.agrement.fr',
};

const EVERYONE: readonly Reader[] = ['operator', 'chair', 'member', 'observer', 'smeLeader', 'head'];
const SESSION: readonly Reader[] = ['operator', 'chair', 'member', 'observer'];
const COMMITTEE: readonly Reader[] = ['operator', 'chair', 'member'];
const MEMBERS: readonly Reader[] = ['operator', 'member'];
const STEERING: readonly Reader[] = ['operator', 'observer'];

/**
 * Who sends each query, when it is not the operator alone: the session's and the project's screens by the chair
 * and a member too, the committee's other screens by a member, the steering committee's by an observer, the SME
 * leader's own page, the network view by the national head. Each must answer them without an error.
 */
const READERS: Record<string, readonly Reader[]> = {
  Me: EVERYONE,
  Basins: EVERYONE,
  MyFile: ['smeLeader'],
  NetworkDashboard: ['head'],
  UpcomingMeeting: COMMITTEE,
  Meeting: SESSION,
  LiveMeeting: SESSION,
  Minutes: COMMITTEE,
  Project: COMMITTEE,
  CooperationConvention: COMMITTEE,
  FollowUp: COMMITTEE,
  MyFollowUps: COMMITTEE,
  Meetings: MEMBERS,
  Projects: [...MEMBERS, 'smeLeader'],
  ProjectOptions: MEMBERS,
  Prescribers: MEMBERS,
  PartnerLedger: MEMBERS,
  Members: MEMBERS,
  Organisations: MEMBERS,
  Advances: MEMBERS,
  Advance: MEMBERS,
  AdvancesFund: MEMBERS,
  CalendarFeedUrl: MEMBERS,
  AnnualReportYears: [...MEMBERS, 'observer'],
  BasinDashboard: [...MEMBERS, 'observer'],
  SteeringDecisions: [...MEMBERS, 'observer'],
  Treasury: STEERING,
  Contributions: STEERING,
  ContributionBudget: STEERING,
  FunderStatement: STEERING,
  AuditEntries: [...STEERING, 'head'],
  AuditChain: STEERING,
  TriennialConventions: STEERING,
  TriennialConvention: STEERING,
};

interface DemoIds {
  basin: string;
  /** A project under follow-up: approved, with its convention, advance and reports. */
  project: string;
  /** The latest past session, with its decisions and minutes. */
  pastMeeting: string;
  /** The convened session that the live screen shows. */
  comingMeeting: string;
  advance: string;
  partner: string;
  funder: string;
  convention: string;
}

/** The variables the screens send, by name: a page of the size they ask for, the basin's records. */
const byName = (ids: DemoIds): Record<string, unknown> => ({
  basinId: ids.basin,
  projectId: ids.project,
  meetingId: ids.pastMeeting,
  conventionId: ids.convention,
  offset: 0,
  limit: 10,
  period: 'PAST',
});

/** Where a variable's record depends on the operation. */
const byOperation = (ids: DemoIds): Record<string, Record<string, unknown>> => ({
  Advance: { id: ids.advance },
  Project: { id: ids.project },
  Meeting: { id: ids.pastMeeting },
  LiveMeeting: { id: ids.comingMeeting },
  PartnerLedger: { organisationId: ids.partner },
  FunderStatement: { organisationId: ids.funder },
});

/** The operation's variables: every one known (so that optional filters are exercised too); all required ones. */
function variablesFor(operation: ClientOperation, ids: DemoIds): Record<string, unknown> {
  const known = { ...byName(ids), ...byOperation(ids)[operation.name] };
  const variables: Record<string, unknown> = {};
  for (const definition of operation.operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in known) variables[name] = known[name];
    else if (definition.type.kind === 'NonNullType' && !definition.defaultValue)
      throw new Error(`no value for $${name} of the client's ${operation.name}: add one to this test`);
  }
  return variables;
}

let server: TestServer;
let ids: DemoIds;
const tokens = {} as Record<Reader, string>;
const sockets: Client[] = [];
const queries = clientOperations().filter((o) => o.operation.operation === 'query');
const subscriptions = clientOperations().filter((o) => o.operation.operation === 'subscription');

/** The database's own tables (not the ORM's list of them), so that none is left out. */
async function tableNames(): Promise<string[]> {
  const connection = server.orm.em.fork().getConnection();
  const rows = (await connection.execute(
    isSqlite(server.orm)
      ? `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : `select table_name as name from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  )) as { name: string }[];
  return rows.map((r) => r.name).sort();
}

/**
 * Every row of every table, whole, keyed by table and id (or by its whole content where a table has no id), and
 * each table's count: what any write, even of unchanged values, moves.
 */
async function everyRow(): Promise<Map<string, string>> {
  const connection = server.orm.em.fork().getConnection();
  const rows = new Map<string, string>();
  for (const table of await tableNames()) {
    const all = await connection.execute<Record<string, unknown>[]>(`select * from ${table}`);
    rows.set(`${table}:count`, String(all.length));
    for (const row of all) {
      const content = JSON.stringify(row);
      rows.set(`${table}:${typeof row.id === 'string' || typeof row.id === 'number' ? row.id : content}`, content);
    }
  }
  return rows;
}

/** What changed between two snapshots, one line per row: added, removed, or the columns that moved. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(key), after.get(key)];
    if (was === is) continue;
    if (key.endsWith(':count')) lines.push(`${key} ${was} → ${is}`);
    else if (was === undefined) lines.push(`${key} added`);
    else if (is === undefined) lines.push(`${key} removed`);
    else {
      const [old, now] = [JSON.parse(was) as Record<string, unknown>, JSON.parse(is) as Record<string, unknown>];
      const moved = Object.keys(now).filter((column) => JSON.stringify(old[column]) !== JSON.stringify(now[column]));
      lines.push(`${key} changed ${moved.join(', ')}`);
    }
  }
  return lines.sort();
}

/** Waits until presence changes, coalesced over a short window, have moved the meeting's live version. */
async function liveVersionAtRest(meetingId: string): Promise<void> {
  const connection = server.orm.em.fork().getConnection();
  const version = async () =>
    String((await connection.execute('select live_version from meeting where id = ?', [meetingId]))[0]?.live_version);
  let last = await version();
  for (let still = 0; still < 4;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await version();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** What the setup reads, or a clear failure. */
async function read(
  query: string,
  variables: Record<string, unknown>,
  who: Reader = 'operator',
): Promise<Record<string, any>> {
  const result = await gql(server, query, variables, { token: tokens[who] });
  if (result.errors || !result.data) throw new Error(`setup query failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

beforeAll(async () => {
  server = await startTestServer();
  const em = server.orm.em.fork();
  await seedDemoBasin(em, databaseFileStore());
  em.create(Person, {
    email: ACCOUNTS.head,
    firstName: 'Claire',
    lastName: 'Réseau',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    isNetworkHead: true,
  });
  await em.flush();
  await Promise.all(
    (Object.keys(ACCOUNTS) as Reader[]).map(async (who) => {
      tokens[who] = await signInToken(server, ACCOUNTS[who], DEMO_PASSWORD);
    }),
  );
  const basin = (await read('{ basins { id } }', {})).basins[0].id as string;
  const found = await read(
    `query($b: ID!) {
      projects(basinId: $b, limit: 1, status: [FOLLOW_UP]) { items { id } }
      past: meetings(basinId: $b, period: PAST, limit: 1) { items { id } }
      coming: meetings(basinId: $b, period: UPCOMING, limit: 1) { items { id status } }
      advances(basinId: $b, limit: 1) { items { id } }
      partners: organisations(basinId: $b, kind: PARTNER_COMPANY, limit: 1) { items { id } }
      funders: organisations(basinId: $b, kind: COLLECTIVITY, limit: 1) { items { id } }
      triennialConventions(basinId: $b) { id }
    }`,
    { b: basin },
  );
  ids = {
    basin,
    project: found.projects.items[0].id,
    pastMeeting: found.past.items[0].id,
    comingMeeting: found.coming.items[0].id,
    advance: found.advances.items[0].id,
    partner: found.partners.items[0].id,
    funder: found.funders.items[0].id,
    convention: found.triennialConventions[0].id,
  };
  expect(found.coming.items[0].status).toBe('CONVENED');
  for (const [name, id] of Object.entries(ids)) expect(id, name).toEqual(expect.any(String));
  // By design (docs/DECISIONS.md, calendar feed), a person's first `calendarFeedUrl` makes their feed, whose secret
  // address is shown that once: that first call is a write. Every later one must write nothing.
  for (const who of READERS.CalendarFeedUrl!)
    await read('query($b: ID!) { calendarFeedUrl(basinId: $b) { createdAt } }', { b: basin }, who);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await server?.close();
});

describe('a read-only request', () => {
  it('should know, for every query of the client, who sends it and with what', () => {
    expect(queries.length).toBeGreaterThan(40);
    const names = queries.map((q) => q.name);
    expect(
      Object.keys(READERS).filter((name) => !names.includes(name)),
      'readers of no client query',
    ).toEqual([]);
    for (const query of queries) expect(() => variablesFor(query, ids)).not.toThrow();
  });

  it('should write nothing, for every query the screens send, and answer each without an error', async () => {
    const before = await everyRow();
    expect([...before.keys()]).toEqual(expect.arrayContaining(['audit_entry:count', 'auth_session:count']));
    for (const query of queries) {
      const variables = variablesFor(query, ids);
      for (const who of READERS[query.name] ?? ['operator']) {
        const result = await gql(server, query.source, variables, { token: tokens[who] });
        expect(result.errors, `${query.name} as ${who}`).toBeUndefined();
        expect(result.data, `${query.name} as ${who}`).toBeTruthy();
      }
    }
    expect(changes(before, await everyRow())).toEqual([]);
  });

  it('should write nothing when live screens subscribe to the session, but move its live version', async () => {
    const before = await everyRow();
    for (const who of ['chair', 'observer'] as const) {
      const client = wsClient(server, tokens[who]);
      sockets.push(client);
      const first = subscriptions.map(
        (subscription) =>
          new Promise<unknown>((resolve, reject) => {
            client.subscribe(
              { query: subscription.source, variables: { meetingId: ids.comingMeeting } },
              { next: resolve, error: reject, complete: () => undefined },
            );
            // the meeting's events carry no first payload: only changes
            if (subscription.name === 'MeetingEvents') setTimeout(() => resolve(null), 200);
          }),
      );
      for (const payload of await Promise.all(first))
        expect((payload as { errors?: unknown } | null)?.errors).toBeUndefined();
    }
    // A screen that arrives is a presence change ("connected" in the live view): it moves the meeting's live version,
    // a technical counter that orders the views pushed (docs/DECISIONS.md, the live session), and nothing else.
    // The screens stay open until the end, so that no departure moves it during the next test.
    await liveVersionAtRest(ids.comingMeeting);
    expect(changes(before, await everyRow())).toEqual([`meeting:${ids.comingMeeting} changed live_version`]);
  });

  it('should leave the rows a write only read as they were: a sign-in adds its session and nothing else', async () => {
    const before = await everyRow();
    await signInToken(server, 'presidente@demo.agrement.fr', DEMO_PASSWORD);
    const changed = changes(before, await everyRow());
    expect(changed, changed.join('\n')).toHaveLength(2);
    expect(changed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^auth_session:\S+ added$/),
        expect.stringMatching(/^auth_session:count \d+ → \d+$/),
      ]),
    );
  });
});
