// Vote-to-every-screen latency: N participants hold graphql-ws subscriptions to a live meeting (in a separate
// process), while members vote over HTTP one after another. For each vote we measure, on every participant, the
// time from the voter sending the vote to the participant receiving the event (push), and for N ≤ PULL_MAX the time
// until the participant has refetched the ballot's state (push + refetch: what a screen shows). Prints p50/p99 per N
// and the server's resident memory. Usage: npm run bench (after npm run build); BENCH_N=100,1000 BENCH_VOTES=40.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = (p) => path.join(root, 'server', 'dist', p);
const sizes = (process.env.BENCH_N ?? '100,1000').split(',').map(Number);
const votes = Number(process.env.BENCH_VOTES ?? 40);
const PULL_MAX = Number(process.env.BENCH_PULL_MAX ?? 1000);

const now = () => performance.timeOrigin + performance.now();
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const rssMiB = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

async function prepare(dataDir, participants) {
  const { initORM } = await import(dist('db/orm.js'));
  const { hashToken } = await import(dist('auth/tokens.js'));
  const { Basin } = await import(dist('basin/basin.entity.js'));
  const { Organisation } = await import(dist('organisation/organisation.entity.js'));
  const { Person } = await import(dist('person/person.entity.js'));
  const { Membership } = await import(dist('person/membership.entity.js'));
  const { AuthSession } = await import(dist('auth/auth-session.entity.js'));
  const { Meeting } = await import(dist('meeting/meeting.entity.js'));
  const { AgendaItem } = await import(dist('meeting/agenda-item.entity.js'));
  const orm = await initORM({ databaseUrl: `file:${path.join(dataDir, 'agrement.db')}` });
  const em = orm.em.fork();
  const basin = em.create(Basin, { name: 'Bench', slug: 'bench', region: 'Bench', allowVoteChange: true });
  const expiresAt = new Date(Date.now() + 86400_000);
  const tokens = { voters: [], participants: [] };
  const person = (email, role, organisation) => {
    const p = em.create(Person, { email, firstName: email, lastName: 'Bench' });
    em.create(Membership, { person: p, basin, role, organisation });
    const token = randomUUID();
    em.create(AuthSession, { tokenHash: hashToken(token), person: p, expiresAt });
    return { id: p.id, token };
  };
  const companies = Array.from({ length: 10 }, (_, i) =>
    em.create(Organisation, { basin, name: `Company ${i}`, kind: 'PARTNER_COMPANY' }),
  );
  const chair = person('chair@bench.test', 'CHAIR', companies[0]);
  em.create(Membership, { person: chair.id, basin, role: 'MEMBER', organisation: companies[0] });
  for (let i = 0; i < 10; i += 1) tokens.voters.push(person(`voter${i}@bench.test`, 'MEMBER', companies[i]));
  for (let i = 0; i < participants; i += 1)
    tokens.participants.push(person(`p${i}@bench.test`, 'OBSERVER', null).token);
  const meeting = em.create(Meeting, {
    basin,
    title: 'Bench session',
    scheduledAt: new Date(),
    chair: chair.id,
    status: 'CONVENED',
  });
  const item = em.create(AgendaItem, { meeting, position: 0, kind: 'INFORMATION', title: 'Motion' });
  await em.flush();
  await orm.close();
  return { chair, voters: tokens.voters, participants: tokens.participants, meetingId: meeting.id, itemId: item.id };
}

async function gql(url, token, query, variables = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function run(n) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-bench-'));
  const setup = await prepare(dataDir, n);
  const port = 4300 + Math.floor(Math.random() * 500);
  const server = spawn(process.execPath, [dist('main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      NODE_ENV: 'test',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  await gql(url, setup.chair.token, 'mutation($id: ID!) { openMeeting(id: $id) { status } }', { id: setup.meetingId });
  for (const voter of [setup.chair, ...setup.voters]) {
    await gql(
      url,
      voter.token,
      'mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }',
      { id: setup.meetingId },
    );
  }
  const { openBallot } = await gql(
    url,
    setup.chair.token,
    'mutation($i: ID!) { openBallot(itemId: $i, input: { kind: NAMED, motion: "Bench" }) { id } }',
    { i: setup.itemId },
  );

  const crowd = fork(path.join(here, 'participants.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message) =>
    new Promise((resolve) => {
      crowd.once('message', resolve);
      crowd.send(message);
    });
  const pull = n <= PULL_MAX;
  const ready = await ask({
    type: 'start',
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    tokens: setup.participants,
    meetingId: setup.meetingId,
    ballotId: openBallot.id,
    pull,
  });
  const rssIdle = rssMiB(server.pid);

  const sent = [];
  const choices = ['FOR', 'AGAINST', 'ABSTAIN'];
  for (let k = 0; k < votes; k += 1) {
    const voter = setup.voters[k % setup.voters.length];
    // one vote at a time, so that event k is vote k; each one changes a tally, so each one publishes
    const choice = choices[(Math.floor(k / setup.voters.length) + k) % 3];
    await ask({ type: 'expect', k });
    sent.push(now());
    await gql(url, voter.token, 'mutation($input: CastVoteInput!) { castVote(input: $input) { id } }', {
      input: { ballotId: openBallot.id, choice, idempotencyKey: randomUUID() },
    });
    await ask({ type: 'await', k });
  }
  const rssBusy = rssMiB(server.pid);
  const result = await ask({ type: 'report' });
  crowd.kill();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });

  const push = [];
  const shown = [];
  for (const [k, times] of result.push.entries()) for (const t of times) push.push(t - sent[k]);
  for (const [k, times] of result.shown.entries()) for (const t of times) shown.push(t - sent[k]);
  return { n, connected: ready.connected, samples: push.length, push, shown, rssIdle, rssBusy, missed: result.missed };
}

const rows = [];
for (const n of sizes) rows.push(await run(n));
console.log(`\nvote-to-every-screen latency (${votes} votes, ${os.cpus().length} cores, SQLite, one instance)`);
console.log('N      connected  push p50   push p99   push+refetch p50  p99      server RSS idle → busy   missed');
for (const r of rows) {
  const f = (v) => (v === undefined ? '   –   ' : `${v.toFixed(1).padStart(7)} ms`);
  console.log(
    `${String(r.n).padEnd(6)} ${String(r.connected).padEnd(10)} ${f(pct(r.push, 50))} ${f(pct(r.push, 99))}  ${f(pct(r.shown, 50))} ${f(pct(r.shown, 99))}   ${r.rssIdle.toFixed(0).padStart(4)} MiB → ${r.rssBusy.toFixed(0)} MiB    ${r.missed}`,
  );
}
