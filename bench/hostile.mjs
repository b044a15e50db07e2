// Hostile load: does `/healthz` still answer quickly while the API is attacked? Starts the built server pinned to
// core 0 (`taskset -c 0`), and for each attack a fresh copy of one seeded demo database; the attack runs from a
// child process pinned to core 1 at the lowest priority, while this process (also on core 1) asks `/healthz` every
// 50 ms. Prints, per
// attack, the `/healthz` latency p50/p99/max, the server's peak memory, and how each kind of hostile request was
// answered (HTTP status or websocket outcome, and `extensions.code`).
//
// Usage: npm run bench:hostile (builds the server first), or node bench/hostile.mjs after a build.
//   HOSTILE_SECONDS=8          how long each attack sends new requests
//   HOSTILE_TIMEOUT=15         seconds after which the attacker gives up on one request
//   HOSTILE_PHASES=a,b         only these attacks (names below)
//   HOSTILE_SERVER=path        another build's main.js (e.g. a checkout of main, to compare)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const mainJs = path.resolve(process.env.HOSTILE_SERVER ?? path.join(root, 'server', 'dist', 'main.js'));
const SECONDS = Number(process.env.HOSTILE_SECONDS ?? 8);
const REQUEST_TIMEOUT_MS = Number(process.env.HOSTILE_TIMEOUT ?? 15) * 1000;
const PROBE_EVERY_MS = 50;
const OBSERVER = { email: 'observateur@demo.agrement.fr', password: 'agrement-demo' };
/** A password that must never show in the server's output. */
const SECRET = 'Hostile-Secret-Password-42';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
/** The slowest probe; one that got no answer at all is shown as "≥ its timeout". */
const slowest = (row) =>
  row.unanswered
    ? `≥ ${(REQUEST_TIMEOUT_MS * 2) / 1000} s (${row.unanswered} unanswered)`
    : ms(Math.max(...row.latencies));
const ms = (value) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : '—');

// ---------------------------------------------------------------------------------------------------------------
// The hostile requests. Each lane sends one kind, again and again, for SECONDS, with `concurrency` in flight.

const aliasFlood = (bytes) => {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const part = `a${i}: __typename `;
    parts.push(part);
    size += part.length;
  }
  return `{ ${parts.join('')}}`;
};

const dashboardAliases = (n) =>
  `query($b: ID!) { ${Array.from(
    { length: n },
    (_, i) =>
      `d${i}: basinDashboard(basinId: $b) { jobsPlanned smesSupported competences { organisation { id name } pledgedDays } resources { source total } }`,
  ).join(' ')} }`;

/** organisations { people { person organisation { people { … } } } }, `depth` fields deep. */
const deepCycle = (depth) => {
  let inner = '';
  for (let level = depth; level >= 2; level -= 1) {
    inner = level % 2 === 0 ? `people { id person { id email } ${inner}}` : `organisation { id name ${inner}}`;
  }
  return `query($b: ID!) { organisations(basinId: $b) { id ${inner}} }`;
};

const BASIN_DASHBOARD = fs.readFileSync(
  path.join(root, 'client', 'src', 'features', 'dashboard', 'BasinDashboard.graphql'),
  'utf8',
);

/** Every kind of hostile request, by name. `ws` lanes speak graphql-ws over a raw websocket. */
function lanes(target) {
  const { url, token, basinId } = target;
  const bearer = { authorization: `Bearer ${token}` };
  const json = (body) => JSON.stringify(body);
  let big = null;
  const bigQuery = () => (big ??= aliasFlood(12 * 1024 * 1024));
  const bigBody = () => json({ query: bigQuery() });
  return {
    'oversized-body': {
      what: 'anonymous 12 MB body of __typename aliases',
      concurrency: 2,
      send: () => post(url, bigBody()),
    },
    'alias-dashboards': {
      what: "observer's 1 000 aliases of basinDashboard",
      concurrency: 2,
      send: () => post(url, json({ query: dashboardAliases(1000), variables: { b: basinId } }), bearer),
    },
    'fifteen-dashboards': {
      what: "observer's 15 aliases of basinDashboard, the most the limits let through",
      concurrency: 2,
      send: () => post(url, json({ query: dashboardAliases(15), variables: { b: basinId } }), bearer),
    },
    'deep-cycle': {
      what: "observer's organisations { people { organisation { people … } } }, 22 deep",
      concurrency: 1,
      send: () => post(url, json({ query: deepCycle(22), variables: { b: basinId } }), bearer),
    },
    'dashboard-flood': {
      what: "observer's own BasinDashboard query, 20 at a time",
      concurrency: 20,
      send: () => post(url, json({ query: BASIN_DASHBOARD, variables: { basinId } }), bearer),
    },
    'anonymous-flood': {
      what: 'anonymous small queries, 50 at a time',
      concurrency: 50,
      send: () => post(url, json({ query: '{ me { person { id } } }' })),
    },
    'malformed-json': {
      what: 'anonymous malformed JSON carrying a signIn password',
      concurrency: 4,
      send: () =>
        post(
          url,
          `{"query":"mutation { signIn(email: \\"x@example.org\\", password: \\"${SECRET}\\") { expiresAt } }",`,
        ),
    },
    'ws-alias-dashboards': {
      what: "observer's 1 000 aliases of basinDashboard over a websocket",
      concurrency: 2,
      send: () => wsOperation(url, token, { query: dashboardAliases(1000), variables: { b: basinId } }),
    },
    'ws-deep-cycle': {
      what: 'the 22-deep cycle over a websocket',
      concurrency: 1,
      send: () => wsOperation(url, token, { query: deepCycle(22), variables: { b: basinId } }),
    },
    'ws-oversized': {
      what: 'anonymous 12 MB websocket message',
      concurrency: 1,
      send: () => wsOperation(url, null, { query: bigQuery() }),
    },
  };
}

async function post(url, body, headers = {}) {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let code = '';
    try {
      const parsed = JSON.parse(text);
      const codes = [...new Set((parsed.errors ?? []).map((e) => e.extensions?.code ?? '?'))];
      code = codes.length ? codes.join('+') : parsed.data ? 'data' : '';
    } catch {
      code = `non-JSON ${JSON.stringify(text.slice(0, 40))}`;
    }
    return `HTTP ${response.status} ${code}`.trim();
  } catch (error) {
    return error.name === 'TimeoutError'
      ? `no answer in ${REQUEST_TIMEOUT_MS / 1000} s`
      : `failed: ${error.cause?.code ?? error.message}`;
  }
}

/** One operation over graphql-ws: the outcome is the first message (next/error) or the close code. */
async function wsOperation(url, token, payload) {
  const { default: WebSocket } = await import('ws');
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let done = false;
    const finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s`), REQUEST_TIMEOUT_MS);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }),
      ),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload }));
      else if (message.type === 'next') {
        const codes = [...new Set((message.payload.errors ?? []).map((e) => e.extensions?.code ?? '?'))];
        finish(`ws next ${codes.length ? codes.join('+') : 'data'}`);
      } else if (message.type === 'error') {
        const codes = [...new Set(message.payload.map((e) => e.extensions?.code ?? '?'))];
        finish(`ws error ${codes.join('+')}`);
      }
    });
    socket.on('close', (code) => finish(`ws closed ${code}`));
    socket.on('error', (error) => finish(`ws failed: ${error.code ?? error.message}`));
  });
}

/** The attacking process: runs the named lanes and reports each answer's outcome and latency. */
async function attack({ target, names, seconds }) {
  const all = lanes(target);
  const end = performance.now() + seconds * 1000;
  const results = {};
  await Promise.all(
    names.flatMap((name) => {
      const lane = all[name];
      results[name] = { what: lane.what, outcomes: {}, latencies: [] };
      return Array.from({ length: lane.concurrency }, async () => {
        while (performance.now() < end) {
          const start = performance.now();
          const outcome = await lane.send();
          results[name].latencies.push(performance.now() - start);
          results[name].outcomes[outcome] = (results[name].outcomes[outcome] ?? 0) + 1;
        }
      });
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// The conductor: a seeded database, a server per attack, the /healthz probe.

const pinned = (core, args) =>
  spawnSync('taskset', ['--version']).status === 0
    ? ['taskset', ['-c', String(core), ...args]]
    : [args[0], args.slice(1)];

async function startServer(dataDir, port, output) {
  const [command, args] = pinned(0, [process.execPath, mainJs]);
  const server = spawn(command, args, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      DATABASE_URL: '',
      REDIS_URL: '',
      CLIENT_DIST: path.join(dataDir, 'no-client'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk) => output.push(chunk));
  server.stderr.on('data', (chunk) => output.push(chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || i > 600) throw new Error(`server did not start:\n${Buffer.concat(output)}`);
    await sleep(100);
  }
  return { server, url };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const rssMiB = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
};

async function signIn(url) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p, bearer: true) { token } }',
      variables: { e: OBSERVER.email, p: OBSERVER.password },
    }),
  });
  const token = (await response.json()).data?.signIn?.token;
  if (!token) throw new Error('the observer could not sign in: is the demo seeded?');
  const basins = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ basins { id } }' }),
  });
  return { token, basinId: (await basins.json()).data.basins[0].id };
}

async function runPhase(name, names, template) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-hostile-'));
  fs.cpSync(template, dataDir, { recursive: true });
  const output = [];
  const { server, url } = await startServer(dataDir, await freePort(), output);
  const { token, basinId } = await signIn(url);

  // The probe is the instrument: the attacker shares its core but yields to it (nice 19), so that a slow probe means
  // a slow server, not a probe starved by the attacker's own CPU.
  const [command, args] = pinned(1, ['nice', '-n', '19', process.execPath, fileURLToPath(import.meta.url), 'attack']);
  const attacker = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const results = new Promise((resolve) => attacker.once('message', resolve));
  attacker.send({ target: { url, token, basinId }, names, seconds: SECONDS });

  let attacking = true;
  let peakRss = rssMiB(server.pid);
  const latencies = [];
  let unanswered = 0;
  const probe = (async () => {
    while (attacking) {
      const start = performance.now();
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2) });
        await response.text();
        latencies.push(performance.now() - start);
      } catch {
        unanswered += 1;
        latencies.push(performance.now() - start);
      }
      peakRss = Math.max(peakRss, rssMiB(server.pid));
      await sleep(PROBE_EVERY_MS);
    }
  })();
  const report = await results;
  attacking = false;
  await probe;
  attacker.kill();
  server.kill('SIGKILL');
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  const log = Buffer.concat(output).toString('utf8');
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { name, latencies, unanswered, peakRss, report, secretLogged: log.includes(SECRET), log };
}

async function conductor() {
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: run npm run build -w server first`);
  spawnSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const all = Object.keys(lanes({ url: '', token: '', basinId: '' }));
  const wanted = process.env.HOSTILE_PHASES?.split(',') ?? [...all, 'everything'];
  const phases = wanted.map((name) => [name, name === 'everything' ? all : [name]]);

  // Seed the demo once; every attack starts from a copy of it.
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-hostile-template-'));
  const seeding = await startServer(template, await freePort(), []);
  seeding.server.kill('SIGTERM');
  await new Promise((resolve) => seeding.server.once('exit', resolve));

  console.log(`Hostile load against ${path.relative(process.cwd(), mainJs) || mainJs}: ${SECONDS} s per attack,`);
  console.log(`server on core 0, attacker and /healthz probe (every ${PROBE_EVERY_MS} ms) on core 1.\n`);
  const rows = [];
  for (const [name, names] of phases) {
    const result = await runPhase(name, names, template);
    rows.push(result);
    const { latencies } = result;
    console.log(
      `## ${name}: /healthz p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${slowest(result)}` +
        ` (${latencies.length} probes), server peak ${Math.round(result.peakRss)} MiB` +
        (result.secretLogged ? ', THE PASSWORD WAS LOGGED' : ''),
    );
    for (const [lane, { what, outcomes, latencies: took }] of Object.entries(result.report)) {
      const answers = Object.entries(outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([outcome, count]) => `${count}× ${outcome}`)
        .join(', ');
      console.log(
        `   ${lane} (${what}): ${answers}; answered in p50 ${ms(pct(took, 50))}, max ${ms(Math.max(...took))}`,
      );
    }
  }
  fs.rmSync(template, { recursive: true, force: true });
  console.log('\n| attack | /healthz p50 | p99 | max | probes | server peak | password in log |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${ms(pct(row.latencies, 50))} | ${ms(pct(row.latencies, 99))} | ${slowest(row)} | ${row.latencies.length} | ${Math.round(row.peakRss)} MiB | ${row.secretLogged ? 'yes' : 'no'} |`,
    );
  }
}

if (process.argv[2] === 'attack') {
  process.once('message', async (message) => {
    process.send(await attack(message), () => process.exit(0));
  });
} else {
  conductor().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
