import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Slows password guessing without locking the real person out. Failed sign-ins are counted on three keys, each
 * with its own free allowance and backoff (after the free failures, each further one makes the next try wait twice
 * as long, up to a ceiling):
 *
 * - the **(account, address) pair**, hard: this is an attacker guessing one password from one place;
 * - the **address** across accounts, loosely: an office behind one address has many people, but a sprayer trying
 *   many accounts from one place is slowed;
 * - the **account** across addresses, only with a much higher threshold and a short ceiling: a guesser spread over
 *   many addresses is slowed, while the real person is at worst asked to wait a minute.
 *
 * An address where the account signed in successfully in the last {@link SignInPolicy.knownForDays} days is
 * *known*: the address and account counts do not apply to that pair, so someone guessing elsewhere can never lock
 * the real person out of their usual place. The pair count still does.
 *
 * A try is allowed only through a *gate* that it claims atomically once a key is past its free failures: during a
 * wait nobody passes, and when it ends exactly one try does — so a burst of parallel requests cannot get round
 * the backoff. With `REDIS_URL` the counts live in Redis and are shared by every instance; otherwise in memory.
 */

/** How one key is throttled. */
export interface BackoffRule {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** Longest wait, in seconds. */
  maxDelaySeconds: number;
  /** Failures are forgotten this long after the first of them, in seconds. */
  windowSeconds: number;
}

export interface SignInPolicy {
  /** One account from one address. Default: 5 free failures, then 1 s, 2 s… up to 15 min; forgotten after 1 h. */
  pair: BackoffRule;
  /** One address, all accounts. Default: 100 free failures, then up to 15 min; forgotten after 1 h. */
  address: BackoffRule;
  /** One account, all addresses. Default: 50 free failures, then up to 60 s; forgotten after 1 h. */
  account: BackoffRule;
  /** How long a successful sign-in makes its address known for the account, in days. Default: 14. */
  knownForDays: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  pair: { freeFailures: 5, maxDelaySeconds: 900, windowSeconds: 3600 },
  address: { freeFailures: 100, maxDelaySeconds: 900, windowSeconds: 3600 },
  account: { freeFailures: 50, maxDelaySeconds: 60, windowSeconds: 3600 },
  knownForDays: 14,
};

/** The answer to "may this person try now?": 0, or the seconds to wait. */
export interface SignInThrottle {
  /**
   * Claims a try for this account from this address. Resolves with 0 when the password may be checked now, or
   * with the seconds to wait (nothing is counted then).
   */
  claim(email: string, ip: string): Promise<number>;
  /** The password was wrong: counts the failure and sets the next wait. */
  failed(email: string, ip: string): Promise<void>;
  /** The password was right: the pair starts afresh and the address becomes known for the account. */
  succeeded(email: string, ip: string): Promise<void>;
  close(): Promise<void>;
}

export interface SignInThrottleOptions {
  /** Shared counts through Redis; in memory (this instance only) when null. */
  redisUrl?: string | null;
  policy?: SignInPolicy;
  /** Prefix of the Redis keys (tests use their own). Default: `agrement:sign-in`. */
  keyPrefix?: string;
}

/** Keys are hashed: neither emails nor addresses are stored in clear in Redis. */
const hashed = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** One throttled key kind: a count of failures and a gate that lets one try through per wait. */
class Backoff {
  constructor(
    private readonly rule: BackoffRule,
    private readonly failures: RateLimiterAbstract,
    private readonly gate: RateLimiterAbstract,
  ) {}

  private delayAfter(failures: number): number {
    return Math.min(this.rule.maxDelaySeconds, 2 ** Math.max(0, failures - this.rule.freeFailures));
  }

  /**
   * Whether a try may go now: within the free failures it simply may; past them it must take the gate, which is
   * free only once the wait has passed. `wait` is 0 or the seconds to wait; `gated` says a gate was taken.
   */
  async claim(key: string): Promise<{ wait: number; gated: boolean }> {
    const counted = (await this.failures.get(key))?.consumedPoints ?? 0;
    if (counted < this.rule.freeFailures) return { wait: 0, gated: false };
    try {
      // Atomic: the first try after a wait creates the gate and passes; the others find it taken. It is held
      // while the password is checked; a failure then sets the next wait.
      await this.gate.consume(key, 1, { customDuration: this.delayAfter(counted + 1) });
      return { wait: 0, gated: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { wait: secondsOf(rejection), gated: false };
      throw rejection;
    }
  }

  /** Gives back a gate taken for a try that another key then refused. */
  async release(key: string): Promise<void> {
    await this.gate.delete(key);
  }

  async fail(key: string): Promise<void> {
    const { consumedPoints } = await this.failures.penalty(key, 1);
    if (consumedPoints >= this.rule.freeFailures) await this.gate.set(key, 1, this.delayAfter(consumedPoints));
  }

  async reset(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.gate.delete(key)]);
  }
}

/** Builds the sign-in throttle of {@link SignInThrottle}'s rules, in memory or through Redis. */
export function createSignInThrottle(options: SignInThrottleOptions = {}): SignInThrottle {
  const policy = options.policy ?? DEFAULT_SIGN_IN_POLICY;
  const prefix = options.keyPrefix ?? 'agrement:sign-in';
  const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : null;
  // Connection trouble is retried by ioredis; without a listener each attempt would crash the process.
  redis?.on('error', () => undefined);
  const limiter = (name: string, duration: number, points = 1): RateLimiterAbstract => {
    const base = { keyPrefix: `${prefix}:${name}`, points, duration };
    if (!redis) return new RateLimiterMemory(base);
    // While Redis is unreachable this instance keeps counting in memory rather than letting every try through.
    return new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: new RateLimiterMemory(base) });
  };
  const backoff = (name: 'pair' | 'address' | 'account') => {
    const rule = policy[name];
    return new Backoff(
      rule,
      limiter(`${name}:failures`, rule.windowSeconds, Number.MAX_SAFE_INTEGER),
      limiter(`${name}:gate`, rule.maxDelaySeconds),
    );
  };
  const pair = backoff('pair');
  const address = backoff('address');
  const account = backoff('account');
  const known = limiter('known', policy.knownForDays * 24 * 3600);

  /** The keys a try counts on: the pair always, the address and the account unless the pair is known. */
  const keysOf = async (email: string, ip: string) => {
    const pairKey = hashed(email, ip);
    const isKnown = (await known.get(pairKey)) !== null;
    const keys: [Backoff, string][] = [[pair, pairKey]];
    if (!isKnown) keys.push([address, hashed(ip)], [account, hashed(email)]);
    return keys;
  };

  return {
    async claim(email, ip) {
      const gated: [Backoff, string][] = [];
      for (const [rule, key] of await keysOf(email, ip)) {
        const { wait, gated: took } = await rule.claim(key);
        if (wait > 0) {
          await Promise.all(gated.map(([r, k]) => r.release(k)));
          return wait;
        }
        if (took) gated.push([rule, key]);
      }
      return 0;
    },
    async failed(email, ip) {
      await Promise.all((await keysOf(email, ip)).map(([rule, key]) => rule.fail(key)));
    },
    async succeeded(email, ip) {
      const pairKey = hashed(email, ip);
      await Promise.all([pair.reset(pairKey), known.set(pairKey, 1, policy.knownForDays * 24 * 3600)]);
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}
