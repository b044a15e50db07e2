import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Who is connected to a meeting right now, from live websocket subscriptions. Declared attendance is another
 * thing (stored); this is only the live signal. With Redis, every instance sees every connection; entries of an
 * instance that died expire after `ttlMs`.
 */
export interface PresenceRegistry {
  /** Registers one connection; returns the function that ends it. */
  join(meetingId: string, personId: string): Promise<() => Promise<void>>;
  /** Distinct ids of the people connected now. */
  connected(meetingId: string): Promise<string[]>;
  close(): Promise<void>;
}

export function memoryPresence(): PresenceRegistry {
  const meetings = new Map<string, Map<string, string>>();
  return {
    async join(meetingId, personId) {
      const connections = meetings.get(meetingId) ?? new Map<string, string>();
      meetings.set(meetingId, connections);
      const id = randomUUID();
      connections.set(id, personId);
      return async () => {
        connections.delete(id);
        if (connections.size === 0) meetings.delete(meetingId);
      };
    },
    async connected(meetingId) {
      return [...new Set(meetings.get(meetingId)?.values() ?? [])];
    },
    async close() {
      meetings.clear();
    },
  };
}

/** Options of {@link redisPresence}. */
export interface RedisPresenceOptions {
  /** How long an entry lives without a heartbeat. Default 45 s. */
  ttlMs?: number;
  /** Heartbeat period of this instance's entries. Default 15 s. */
  heartbeatMs?: number;
}

/** A hash per meeting: connection id → `personId|expiresAt`; this instance refreshes its own entries. */
export function redisPresence(url: string, options: RedisPresenceOptions = {}): PresenceRegistry {
  const ttlMs = options.ttlMs ?? 45_000;
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // retried by ioredis; presence degrades, the session goes on
  let closed = false;
  const local = new Map<string, { meetingId: string; personId: string }>();
  const key = (meetingId: string) => `agrement:presence:${meetingId}`;
  const write = (id: string, entry: { meetingId: string; personId: string }) =>
    redis.hset(key(entry.meetingId), id, `${entry.personId}|${Date.now() + ttlMs}`);
  const heartbeat = setInterval(() => {
    for (const [id, entry] of local) void write(id, entry).catch(() => undefined);
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  return {
    async join(meetingId, personId) {
      const id = randomUUID();
      local.set(id, { meetingId, personId });
      await write(id, { meetingId, personId });
      return async () => {
        local.delete(id);
        if (!closed) await redis.hdel(key(meetingId), id);
      };
    },
    async connected(meetingId) {
      const entries = await redis.hgetall(key(meetingId));
      const now = Date.now();
      const people = new Set<string>();
      const stale: string[] = [];
      for (const [id, value] of Object.entries(entries)) {
        const [personId, expiresAt] = value.split('|');
        if (personId && Number(expiresAt) > now) people.add(personId);
        else stale.push(id);
      }
      if (stale.length) await redis.hdel(key(meetingId), ...stale);
      return [...people];
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      await Promise.all([...local].map(([id, e]) => redis.hdel(key(e.meetingId), id).catch(() => 0)));
      await redis.quit().catch(() => undefined);
    },
  };
}

/** Wraps an async iterable so that `cleanup` runs once when the consumer stops (unsubscribe or disconnect). */
export function onReturn<T>(iterable: AsyncIterable<T>, cleanup: () => Promise<void>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = iterable[Symbol.asyncIterator]();
      let done = false;
      const finish = async () => {
        if (done) return;
        done = true;
        await cleanup().catch(() => undefined);
      };
      return {
        next: () => iterator.next(),
        return: async (value?: unknown) => {
          await finish();
          return iterator.return ? iterator.return(value) : { done: true, value: undefined };
        },
        throw: async (error?: unknown) => {
          await finish();
          if (iterator.throw) return iterator.throw(error);
          throw error;
        },
      };
    },
  };
}
