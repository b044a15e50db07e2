import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';

/** What changed in a meeting, once it has committed. */
export interface MeetingEventPayload {
  meetingId: string;
  kind: 'MEETING' | 'AGENDA' | 'PRESENCE' | 'PAPER' | 'PLEDGE' | 'BALLOT' | 'DECISION';
  /** Id of the record that changed, when there is one. */
  subjectId: string | null;
  /** The meeting's live version after this change: it grows with every committed change. */
  version: number;
  /** Whose personal view this may change: people by id, or every seat of the committee. */
  affects: string[] | 'SEATS';
  /** ISO time the change was committed. */
  at: string;
}

/** Why a person's live connections end. */
export type ConnectionEndReason = 'SIGNED_OUT' | 'SESSION_EXPIRED' | 'ACCESS_CHANGED';

/** Ends the websockets of one sign-in session, or all of a person's (their roles changed). */
export type ConnectionEnd = { reason: ConnectionEndReason } & (
  { sessionId: string; personId?: undefined } | { personId: string; sessionId?: undefined }
);

/** Every topic and its payload, in one place. Meeting topics are keyed by meeting (`MEETING:<id>`). */
export type Topics = {
  MEETING: [meetingId: string, payload: MeetingEventPayload];
  /** To every instance: close these websockets now. */
  CONNECTIONS: [payload: ConnectionEnd];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>> & { close(): Promise<void> };

/** In-process by default; through Redis when `redisUrl` is set, so every instance sees every event. */
export function createAppPubSub(redisUrl: string | null): PubSub {
  if (!redisUrl) {
    // One listener per live subscription: hundreds per meeting are normal, not a leak.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    const pubSub = createPubSub<Topics>({ eventTarget: eventTarget as never });
    return Object.assign(pubSub, { close: async () => undefined });
  }
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  // Connection trouble is retried by ioredis; without a listener each attempt would crash the process.
  for (const client of [publishClient, subscribeClient]) client.on('error', () => undefined);
  // Subscriptions that end while the server shuts down unsubscribe from a closed client: that is fine, not a crash.
  const unsubscribe = subscribeClient.unsubscribe.bind(subscribeClient);
  subscribeClient.unsubscribe = ((...channels: string[]) => unsubscribe(...channels).catch(() => 0)) as never;
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  const pubSub = createPubSub<Topics>({ eventTarget: eventTarget as never });
  let closed = false;
  return {
    // Events of connections that end while the server shuts down are dropped, not sent to a closed client.
    publish: ((...args: unknown[]) => {
      if (!closed) (pubSub.publish as (...values: unknown[]) => void)(...args);
    }) as typeof pubSub.publish,
    subscribe: pubSub.subscribe,
    close: async () => {
      closed = true;
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
