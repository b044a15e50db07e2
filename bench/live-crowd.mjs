// The crowd of screens for live.mjs, in its own process (pinned to its own core): N websockets speaking the
// graphql-transport-ws protocol, each doing what the client's live page does with the client's own documents.
// - legacy: subscribe to MeetingEvents, and fetch the LiveMeeting query again over HTTP after events (one fetch in
//   flight and one after, as the client's `coalesce` does);
// - push: subscribe to the live view and read the state from what is pushed (whole, then patches of the view shown,
//   applied to a copy of it as the client does).
// For each expected state it records when every screen shows it.
import WebSocket from 'ws';
import jsonPatch from 'fast-json-patch';
import { now } from './lib/proc.mjs';

const screens = [];
let watch = null;
let bytes = 0;
let messages = 0;
let lastMessageAt = 0;
let lastPayloadBytes = 0;
/** Until every screen shows everyone connected (push mode). */
let settleWatch = null;

/** The ballot a live payload shows, wherever it sits. */
function ballotOf(data) {
  const meeting = data?.meeting ?? data?.liveMeeting?.meeting;
  return meeting?.currentItem?.ballot ?? null;
}

/** How many people the payload says are connected. */
const connectedIn = (data) => (data?.meeting ?? data?.liveMeeting?.meeting)?.connectedCount ?? 0;

function check(screen) {
  if (!watch || screen.seen[watch.seq] !== undefined) return;
  const ballot = screen.ballot;
  if (ballot && ballot.id === watch.ballotId && ballot.votedCount >= watch.votedCount) {
    screen.seen[watch.seq] = now();
    watch.pending -= 1;
    if (watch.pending === 0) watch.done();
  }
}

async function fetchLive(screen, config) {
  if (screen.inFlight) {
    screen.again = true;
    return;
  }
  screen.inFlight = true;
  try {
    do {
      screen.again = false;
      const response = await fetch(`${screen.httpUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${screen.token}` },
        body: JSON.stringify({ query: config.queryDoc, variables: { id: config.meetingId } }),
      });
      const text = await response.text();
      bytes += text.length;
      lastMessageAt = now();
      const body = JSON.parse(text);
      screen.ballot = ballotOf(body.data);
      screen.ready = true;
      check(screen);
    } while (screen.again);
  } finally {
    screen.inFlight = false;
  }
}

function open(config, index) {
  const url = config.wsUrls[index % config.wsUrls.length];
  const screen = {
    token: config.tokens[index % config.tokens.length],
    httpUrl: config.httpUrls[index % config.httpUrls.length],
    ballot: null,
    ready: false,
    seen: [],
    inFlight: false,
    again: false,
  };
  screens.push(screen);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    screen.ws = ws;
    ws.on('error', reject);
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${screen.token}` } })),
    );
    ws.on('message', (raw) => {
      const text = raw.toString();
      bytes += text.length;
      messages += 1;
      lastMessageAt = now();
      const message = JSON.parse(text);
      if (message.type === 'connection_ack') {
        const [query, variables] =
          config.mode === 'legacy'
            ? [config.eventsDoc, { meetingId: config.meetingId }]
            : [config.liveDoc, { meetingId: config.meetingId }];
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        if (config.mode === 'legacy') {
          // the page loads its query, then listens
          void fetchLive(screen, config).then(() => resolve(screen));
        }
      } else if (message.type === 'next') {
        if (config.mode === 'legacy') {
          void fetchLive(screen, config);
        } else {
          // the size of what a vote sends (the reference broadcast sends as much)
          if (watch) lastPayloadBytes = text.length;
          // as the client does: a patch applies to the view shown, which the screen then shows. The client patches a
          // copy (Apollo's results are frozen), about 0.1 ms on its own device; the crowd's thousand screens share
          // one core, so each patches its own view in place, and the time measured stays the server's and the network's
          const update = message.payload.data?.liveMeeting;
          if (update?.patch) {
            if (update.base !== screen.version) throw new Error(`patch on ${update.base}, screen at ${screen.version}`);
            update.meeting = jsonPatch.applyPatch(screen.view, update.patch, true).newDocument;
          }
          if (update?.meeting) {
            screen.view = update.meeting;
            screen.version = update.version;
          }
          screen.ballot = ballotOf(message.payload.data) ?? screen.ballot;
          screen.connected = connectedIn(message.payload.data);
          if (settleWatch && screen.connected >= settleWatch.n && !screen.settledAt) {
            screen.settledAt = now();
            settleWatch.pending -= 1;
            if (settleWatch.pending === 0) settleWatch.done();
          }
          if (!screen.ready) {
            screen.ready = true;
            resolve(screen);
          }
          check(screen);
        }
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      } else if (message.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      }
    });
  });
}

process.on('message', async (message) => {
  try {
    if (message.type === 'connect') {
      const started = now();
      const all = [];
      for (let i = 0; i < message.n; i += 1) {
        all.push(open(message, i));
        // arrivals spread over `spreadMs`, as people join
        if (message.spreadMs) await new Promise((r) => setTimeout(r, message.spreadMs / message.n));
      }
      const timer = process.env.BENCH_DEBUG
        ? setInterval(() => console.error('ready', screens.filter((s) => s.ready).length, 'of', screens.length), 5000)
        : null;
      await Promise.all(all);
      if (timer) clearInterval(timer);
      const lastArrival = now();
      let settledAt;
      if (message.mode === 'push') {
        // settled: every screen shows all N people connected
        let done;
        const settled = new Promise((r) => (done = r));
        for (const s of screens) if (s.connected >= message.n) s.settledAt = lastArrival;
        settleWatch = { n: message.n, pending: screens.filter((s) => !s.settledAt).length, done };
        if (settleWatch.pending === 0) done();
        const timeout = setTimeout(done, 20_000);
        await settled;
        clearTimeout(timeout);
        settleWatch = null;
        settledAt = Math.max(lastArrival, ...screens.map((s) => s.settledAt ?? Infinity));
      } else {
        // settled: nothing received for 300 ms and no fetch in flight
        for (;;) {
          await new Promise((r) => setTimeout(r, 50));
          if (screens.some((s) => s.inFlight)) continue;
          if (now() - lastMessageAt > 300) break;
        }
        settledAt = lastMessageAt;
      }
      process.send({
        connected: screens.length,
        joinMs: lastArrival - started,
        settleMs: Math.max(0, settledAt - lastArrival),
      });
    } else if (message.type === 'expect') {
      let done;
      const finished = new Promise((r) => (done = r));
      watch = {
        seq: message.seq,
        ballotId: message.ballotId,
        votedCount: message.votedCount,
        pending: screens.length,
        done,
      };
      for (const screen of screens) check(screen);
      process.send({ ok: true });
      const timeout = setTimeout(done, 20_000);
      await finished;
      clearTimeout(timeout);
      const times = screens.map((s) => s.seen[message.seq]).filter((t) => t !== undefined);
      if (times.length < screens.length && process.env.BENCH_DEBUG)
        console.error(
          'missed',
          message,
          JSON.stringify(screens.find((s) => s.seen[message.seq] === undefined)?.ballot),
        );
      process.send({ times, missed: screens.length - times.length });
      watch = null;
    } else if (message.type === 'stats') {
      process.send({ bytes, messages, lastPayloadBytes });
    } else if (message.type === 'close') {
      for (const s of screens) s.ws.close();
      screens.length = 0;
      process.send({ ok: true });
    } else if (message.type === 'bare') {
      // a bare ws broadcast: N plain sockets; the server sends the same bytes to each
      const sockets = [];
      const received = [];
      await Promise.all(
        Array.from(
          { length: message.n },
          () =>
            new Promise((resolve, reject) => {
              const ws = new WebSocket(message.url);
              ws.on('open', () => resolve());
              ws.on('error', reject);
              ws.on('message', (raw) => {
                const seq = Number(raw.toString('latin1', 0, 12).match(/"seq":(\d+)/)?.[1]);
                JSON.parse(raw.toString());
                (received[seq] ??= []).push(now());
              });
              sockets.push(ws);
            }),
        ),
      );
      process.send({ connected: sockets.length });
      process.once('message', async () => {
        // wait until every socket has every broadcast, then report
        for (let i = 0; i < 200; i += 1) {
          if (received.length === message.rounds && received.every((r) => r?.length === message.n)) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        process.send({ received });
        for (const ws of sockets) ws.close();
      });
    }
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
