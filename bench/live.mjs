// Live session at scale: what every screen shows, and how long it takes after a vote.
//
// The demo basin is seeded; N screens (distinct observer accounts) open the demo's next meeting, which the chair
// runs: a named ballot on its first project, members voting one after another. The server runs on core 0, the
// crowd of screens (live-crowd.mjs) on core 1. For each vote we measure the time from sending the client's own
// CastVote mutation to the moment the LAST screen shows the new count, and in the same run the time a bare `ws`
// server takes to send a payload of the same size to the same sockets. Also: the join time of N arrivals (spread
// over BENCH_SPREAD_MS) and how long until the screens settle after the last one, the server's CPU and SQL statements
// per vote, and its memory per subscriber.
//
//   npm run bench                                   # push mode, N = 30, 1000, 2500, 10000 on SQLite
//   BENCH_N=30 BENCH_MODE=legacy npm run bench      # the previous client: refetch LiveMeeting after every event
//   BENCH_DB=postgres BENCH_INSTANCES=2 npm run bench   # PostgreSQL, two instances on Redis, half the crowd on each
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { clientOperation } from './lib/documents.mjs';
import { cpuMs, now, pct, pin, rssKiB, waitHealthy } from './lib/proc.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = (p) => path.join(root, 'server', 'dist', p);
const sizes = (process.env.BENCH_N ?? '30,1000,2500,10000').split(',').map(Number);
const mode = process.env.BENCH_MODE ?? 'push';
const votesWanted = Number(process.env.BENCH_VOTES ?? 20);
const spreadMs = Number(process.env.BENCH_SPREAD_MS ?? 0);
const database = process.env.BENCH_DB ?? 'sqlite';
const instances = Number(process.env.BENCH_INSTANCES ?? 1);
const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const documents = {
  castVote: clientOperation('CastVote'),
  liveQuery: clientOperation('LiveMeeting'),
  events: clientOperation('MeetingEvents'),
  live: mode === 'push' ? clientOperation('LiveMeetingUpdates') : null,
};

async function gql(url, token, query, variables = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A fresh database with the demo basin, N observers with sessions, and sessions for the chair and the members. */
async function prepare(n) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-live-'));
  let databaseUrl = `file:${path.join(dataDir, 'agrement.db')}`;
  let drop = async () => undefined;
  if (database === 'postgres') {
    const name = `agrement_bench_${randomBytes(4).toString('hex')}`;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    databaseUrl = pgBase.replace(/\/[^/]*$/, `/${name}`);
    drop = async () => {
      const again = new pg.Client({ connectionString: pgBase });
      await again.connect();
      await again.query(`drop database if exists "${name}" with (force)`);
      await again.end();
    };
  }
  const { initORM } = await import(dist('db/orm.js'));
  const { seedDemoBasin } = await import(dist('seeders/demo-basin.js'));
  const { databaseFileStore } = await import(dist('diagnosis/file-store.js'));
  const { hashToken } = await import(dist('auth/tokens.js'));
  const { Person } = await import(dist('person/person.entity.js'));
  const { Membership } = await import(dist('person/membership.entity.js'));
  const { AuthSession } = await import(dist('auth/auth-session.entity.js'));
  const { Meeting } = await import(dist('meeting/meeting.entity.js'));
  const { AgendaItem } = await import(dist('meeting/agenda-item.entity.js'));
  const { Project } = await import(dist('project/project.entity.js'));
  const orm = await initORM({ databaseUrl });
  await seedDemoBasin(orm.em.fork(), databaseFileStore());
  const em = orm.em.fork();
  const meeting = await em.findOneOrFail(Meeting, { status: 'CONVENED' }, { orderBy: { scheduledAt: 'asc' } });
  const item = await em.findOneOrFail(
    AgendaItem,
    { meeting, kind: 'PROJECT_EXAMINATION' },
    { orderBy: { position: 'asc' } },
  );
  const project = await em.findOneOrFail(Project, item.project.id);
  const expiresAt = new Date(Date.now() + 86_400_000);
  const session = (person) => {
    const token = randomUUID();
    em.create(AuthSession, { tokenHash: hashToken(token), person, expiresAt });
    return token;
  };
  const seats = await em.find(Membership, { basin: meeting.basin, role: { $in: ['MEMBER', 'CHAIR'] } });
  const chairSeat = seats.find((m) => m.role === 'CHAIR');
  const members = [...new Map(seats.filter((m) => m.role === 'MEMBER').map((m) => [m.person.id, m])).values()];
  const voters = members
    .filter((m) => m.organisation?.id !== project.prescriberOrganisation.id)
    .map((m) => ({ id: m.person.id, token: session(m.person) }));
  const chair = { id: chairSeat.person.id, token: session(chairSeat.person) };
  const observers = [];
  for (let i = 0; i < n; i += 1) {
    const person = em.create(Person, { email: `screen${i}@bench.test`, firstName: `Écran ${i}`, lastName: 'Bench' });
    em.create(Membership, { person, basin: meeting.basin, role: 'OBSERVER' });
    observers.push(session(person));
    if (i % 1000 === 999) await em.flush();
  }
  await em.flush();
  await orm.close();
  return { dataDir, databaseUrl, drop, meetingId: meeting.id, itemId: item.id, chair, voters, observers };
}

function startServer(setup, port, index) {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, dist('main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: setup.dataDir,
      DATABASE_URL: setup.databaseUrl,
      REDIS_URL: instances > 1 ? redisUrl : '',
      SEED_DEMO: 'false',
      NODE_ENV: 'production',
      METRICS: 'true',
      // thousands of screens from one address, in one minute: not a flood here
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_MINUTE: '10000000',
      BALLOT_SEAL_KEY: setup.sealKey,
      PUBLIC_URL: `http://localhost:${port}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.index = index;
  return child;
}

const metricsOf = async (url) => (await fetch(`${url}/metrics`)).json();
/** What the server still holds after a full collection (heap and buffers), in KiB. */
const heldKiB = async (url) => {
  const { memory } = await (await fetch(`${url}/metrics?gc`)).json();
  return (memory.heapUsed + memory.external) / 1024;
};

async function run(n) {
  const setup = await prepare(n);
  setup.sealKey = randomBytes(32).toString('base64');
  const basePort = 4300 + Math.floor(Math.random() * 500);
  const servers = Array.from({ length: instances }, (_, i) => startServer(setup, basePort + i, i));
  const urls = servers.map((_, i) => `http://localhost:${basePort + i}`);
  await Promise.all(servers.map((s, i) => waitHealthy(urls[i], s)));
  const pinned = servers.every((s) => pin(s.pid, 0));
  const [url] = urls;

  // the chair opens the session, members say they are there, the first project comes up, the vote opens
  await gql(url, setup.chair.token, 'mutation($id: ID!) { openMeeting(id: $id, reason: "Banc d’essai") { status } }', {
    id: setup.meetingId,
  });
  for (const person of [setup.chair, ...setup.voters]) {
    await gql(
      url,
      person.token,
      'mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }',
      {
        id: setup.meetingId,
      },
    );
  }
  await gql(url, setup.chair.token, 'mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }', { i: setup.itemId });
  const openBallot = async () =>
    (
      await gql(url, setup.chair.token, 'mutation($i: ID!) { openBallot(itemId: $i, input: { kind: NAMED }) { id } }', {
        i: setup.itemId,
      })
    ).openBallot.id;
  let ballotId = await openBallot();

  const crowd = fork(path.join(here, 'live-crowd.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pin(crowd.pid, 1);
  // the crowd's answers, in order; one may come before anyone waits for it (the pushed view can reach every screen
  // before the vote's own HTTP response), so it waits in `unread`
  const replies = [];
  const unread = [];
  crowd.on('message', (m) => {
    if (m.error) {
      console.error(m.error);
      process.exit(1);
    }
    const reply = replies.shift();
    if (reply) reply(m);
    else unread.push(m);
  });
  const next = () => new Promise((resolve) => (unread.length ? resolve(unread.shift()) : replies.push(resolve)));
  const ask = (message) => {
    const answer = next();
    crowd.send(message);
    return answer;
  };

  const rssBefore = servers.map((s) => rssKiB(s.pid));
  const heldBefore = await Promise.all(urls.map(heldKiB));
  const joined = await ask({
    type: 'connect',
    n,
    mode,
    spreadMs,
    wsUrls: urls.map((u) => `${u.replace('http', 'ws')}/graphql`),
    httpUrls: urls,
    tokens: setup.observers,
    meetingId: setup.meetingId,
    liveDoc: documents.live,
    eventsDoc: documents.events,
    queryDoc: documents.liveQuery,
  });
  const rssAfter = servers.map((s) => rssKiB(s.pid));
  const heldAfter = await Promise.all(urls.map(heldKiB));

  const latencies = [];
  /** How long the vote's own HTTP answer took (the push may reach the screens before it). */
  const answers = [];
  let missed = 0;
  const cpu0 = servers.map((s) => cpuMs(s.pid));
  const sql0 = await Promise.all(urls.map(metricsOf));
  let measured = 0;
  while (measured < votesWanted) {
    for (const [index, voter] of setup.voters.entries()) {
      if (measured >= votesWanted) break;
      await ask({ type: 'expect', seq: measured, ballotId, votedCount: index + 1 });
      const sent = now();
      await gql(url, voter.token, documents.castVote, {
        input: { ballotId, choice: ['FOR', 'AGAINST', 'ABSTAIN'][index % 3], idempotencyKey: randomUUID() },
      });
      answers.push(now() - sent);
      const result = await next();
      missed += result.missed;
      if (result.times.length) latencies.push(Math.max(...result.times) - sent);
      measured += 1;
    }
    await gql(url, setup.chair.token, 'mutation($b: ID!) { closeBallot(ballotId: $b) { status } }', { b: ballotId });
    if (measured < votesWanted) ballotId = await openBallot();
  }
  const cpu1 = servers.map((s) => cpuMs(s.pid));
  const sql1 = await Promise.all(urls.map(metricsOf));
  const stats = await ask({ type: 'stats' });
  await ask({ type: 'close' });
  for (const s of servers) s.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r() : s.once('exit', r)))));

  // the reference: a bare ws server sending a payload of the same size to the same number of sockets
  const payloadBytes = mode === 'push' ? stats.lastPayloadBytes : 200;
  const bare = fork(path.join(here, 'bare-ws.mjs'), [], { env: { ...process.env, PORT: String(basePort + 50) } });
  await new Promise((r) => bare.once('message', r));
  pin(bare.pid, 0);
  const rounds = 20;
  const bareConnected = await ask({ type: 'bare', url: `ws://localhost:${basePort + 50}`, n, rounds });
  const bareSent = [];
  for (let seq = 0; seq < rounds; seq += 1) {
    const head = `{"seq":${seq},"pad":"`;
    const payload = head + 'x'.repeat(Math.max(0, payloadBytes - head.length - 2)) + '"}';
    bareSent.push(now());
    bare.send({ payload });
    await new Promise((r) => bare.once('message', r));
    await new Promise((r) => setTimeout(r, 100));
  }
  const bareResult = await ask({ type: 'go' });
  bare.kill();
  crowd.kill();
  await setup.drop();
  fs.rmSync(setup.dataDir, { recursive: true, force: true });
  const bareLatencies = bareResult.received.map((times, seq) => Math.max(...times) - bareSent[seq]);

  const cpuPerVote = cpu1.reduce((s, v, i) => s + v - cpu0[i], 0) / measured;
  const viewsPerVote = sql1.reduce((s, m, i) => s + m.live.executions - sql0[i].live.executions, 0) / measured;
  const viewMs = sql1.reduce((s, m, i) => s + m.live.executionMs - sql0[i].live.executionMs, 0) / measured;
  if (process.env.BENCH_DEBUG)
    console.error({
      viewsPerVote,
      viewMsPerVote: viewMs,
      voteAnswerP50: pct(answers, 50),
      voteAnswerP99: pct(answers, 99),
    });
  const sqlPerVote = sql1.reduce((s, m, i) => s + m.sqlStatements - sql0[i].sqlStatements, 0) / measured;
  const memoryPerSubscriber = (rssAfter.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0)) / n;
  const heldPerSubscriber = (heldAfter.reduce((a, b) => a + b, 0) - heldBefore.reduce((a, b) => a + b, 0)) / n;
  return {
    n,
    pinned,
    connected: joined.connected,
    bareConnected: bareConnected.connected,
    joinMs: joined.joinMs,
    settleMs: joined.settleMs,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    bare50: pct(bareLatencies, 50),
    bare99: pct(bareLatencies, 99),
    cpuPerVote,
    sqlPerVote,
    memoryPerSubscriber,
    heldPerSubscriber,
    payloadBytes,
    missed,
    votes: measured,
  };
}

const rows = [];
for (const n of sizes) {
  const row = await run(n);
  rows.push(row);
  console.error(`N=${n} done`);
}
const ms = (v) => (v === undefined ? '     –' : `${v.toFixed(1).padStart(7)} ms`);
console.log(
  `\nvote → last screen (${mode}, ${database}, ${instances} instance${instances > 1 ? 's on Redis' : ''}, ${os.cpus().length} cores; server on core 0, screens on core 1${rows.every((r) => r.pinned) ? '' : ' (taskset failed: not pinned)'})`,
);
console.log(
  'N       p50         p99         bare ws p50  bare ws p99  ratio p99  join (settle after last)   CPU/vote   SQL/vote  KiB/sub (RSS, held)  payload   missed',
);
for (const r of rows) {
  console.log(
    [
      String(r.n).padEnd(7),
      ms(r.p50),
      ms(r.p99),
      ms(r.bare50),
      ms(r.bare99),
      `${(r.p99 / r.bare99).toFixed(2).padStart(8)}×`,
      `${(r.joinMs / 1000).toFixed(2).padStart(6)} s (${(r.settleMs / 1000).toFixed(2)} s)`.padEnd(24),
      `${r.cpuPerVote.toFixed(1).padStart(7)} ms`,
      r.sqlPerVote.toFixed(1).padStart(8),
      `${r.memoryPerSubscriber.toFixed(1).padStart(9)}, ${r.heldPerSubscriber.toFixed(1).padStart(6)}`.padEnd(19),
      `${(r.payloadBytes / 1024).toFixed(1).padStart(6)} KB`,
      String(r.missed).padStart(6),
    ].join('  '),
  );
}
