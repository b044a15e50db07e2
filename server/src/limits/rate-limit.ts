import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Requests allowed per minute, per signed-in person and per address for anonymous callers. */
export interface RateLimits {
  /** Operations (GraphQL over HTTP or websocket, file downloads) per minute for one signed-in person. Default 600. */
  perPersonPerMinute: number;
  /** The same for anonymous callers, counted per address. Default 300. */
  perAddressPerMinute: number;
  /** Prefix of the counters' keys in Redis; instances that share it share the counts. Default `agrement:rate`. */
  keyPrefix: string;
}

/** Who a request counts against. */
export type Caller = { personId: string } | { ip: string };

export interface RequestRateLimiter {
  /** Counts one request; null when it may go on, else how long to wait. */
  take(caller: Caller): Promise<{ retryAfterSeconds: number } | null>;
  /**
   * Resolves once the counts go to Redis (at once without Redis), or after `timeoutMs` (default 2 000): an instance
   * that starts counting before Redis answers would count in its own memory, apart from the other instances.
   */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Fixed one-minute windows from rate-limiter-flexible: in memory, or in Redis when `redisUrl` is set so that every
 * instance counts against the same window. If Redis does not answer, each instance falls back to its own memory
 * rather than refusing everyone or letting everyone through.
 */
export function createRateLimiter(limits: RateLimits, redisUrl: string | null): RequestRateLimiter {
  let client: Redis | null = null;
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix: `${limits.keyPrefix}:${name}`, points, duration: 60 };
    const memory = new RateLimiterMemory(options);
    if (!redisUrl) return memory;
    // No offline queue: while Redis is away a count fails at once and the memory limiter answers.
    if (!client) {
      client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined); // ioredis reconnects by itself; an unheard error would crash the process
    }
    return new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: memory });
  };
  const person = limiter('person', limits.perPersonPerMinute);
  const address = limiter('address', limits.perAddressPerMinute);
  return {
    take: async (caller) => {
      try {
        if ('personId' in caller) await person.consume(caller.personId);
        else await address.consume(caller.ip);
        return null;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes)
          return { retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
        return null; // a store failure the insurance could not cover: better to serve than to refuse everyone
      }
    },
    ready: async (timeoutMs = 2000) => {
      const redis = client as Redis | null;
      if (!redis || redis.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        redis.once('ready', done);
      });
    },
    close: async () => {
      client?.disconnect(); // counts are written at once: nothing to wait for
    },
  };
}
