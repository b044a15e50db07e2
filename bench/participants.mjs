// The crowd of screens for vote-latency.mjs, in its own process: N graphql-ws clients subscribed to one meeting.
// For each expected vote k it records when every client received the event, and (pull mode) when it had refetched
// the ballot's state over its websocket, as the real client does after an event.
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

const now = () => performance.timeOrigin + performance.now();
let clients = [];
let current = -1;
const push = [];
const shown = [];
let pending = 0;
let waiter = null;
let pull = false;
let ballotId = '';

function settle() {
  if (pending === 0 && waiter) {
    const resolve = waiter;
    waiter = null;
    resolve();
  }
}

function refetch(client, k) {
  let done = false;
  client.subscribe(
    { query: 'query($id: ID!) { meeting(id: $id) { id } }', variables: { id: client.meetingId } },
    {
      next: () => {
        if (!done) {
          done = true;
          shown[k].push(now());
        }
      },
      error: () => undefined,
      complete: () => {
        pending -= 1;
        settle();
      },
    },
  );
}

process.on('message', async (message) => {
  if (message.type === 'start') {
    pull = message.pull;
    ballotId = message.ballotId;
    let connected = 0;
    const batches = [];
    for (const token of message.tokens) {
      const client = createClient({
        url: message.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      client.meetingId = message.meetingId;
      batches.push(
        new Promise((resolve) => {
          client.on('connected', () => {
            connected += 1;
            setTimeout(resolve, 20);
          });
          client.subscribe(
            {
              query: 'subscription($id: ID!) { meetingEvents(meetingId: $id) { kind subjectId } }',
              variables: { id: message.meetingId },
            },
            {
              next: (value) => {
                const event = value.data?.meetingEvents;
                if (event?.kind !== 'BALLOT' || event.subjectId !== ballotId || current < 0) return;
                push[current].push(now());
                if (pull) refetch(client, current);
                else {
                  pending -= 1;
                  settle();
                }
              },
              error: () => undefined,
              complete: () => undefined,
            },
          );
        }),
      );
      clients.push(client);
      if (batches.length % 100 === 0) await Promise.all(batches.slice(-100));
    }
    await Promise.all(batches);
    await new Promise((r) => setTimeout(r, 500));
    process.send({ connected });
  } else if (message.type === 'expect') {
    current = message.k;
    push[current] = [];
    shown[current] = [];
    pending = clients.length;
    process.send({ ok: true });
  } else if (message.type === 'await') {
    const timeout = setTimeout(() => {
      pending = 0;
      settle();
    }, 15000);
    await new Promise((resolve) => {
      waiter = resolve;
      settle();
    });
    clearTimeout(timeout);
    process.send({ ok: true });
  } else if (message.type === 'report') {
    const missed = push.reduce((sum, times) => sum + (clients.length - times.length), 0);
    process.send({ push, shown, missed });
    await Promise.all(clients.map((c) => c.dispose()));
  }
});
