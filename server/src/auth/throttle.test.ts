import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSignInThrottle, type SignInPolicy, type SignInThrottle } from './throttle.js';

/** Small numbers, so that each rule shows in a few tries. */
const policy: SignInPolicy = {
  pair: { freeFailures: 3, maxDelaySeconds: 8, windowSeconds: 3600 },
  address: { freeFailures: 10, maxDelaySeconds: 900, windowSeconds: 3600 },
  account: { freeFailures: 6, maxDelaySeconds: 30, windowSeconds: 3600 },
  knownForDays: 14,
};

const fail = async (throttle: SignInThrottle, email: string, ip: string, times: number) => {
  for (let i = 0; i < times; i += 1) {
    expect(await throttle.claim(email, ip)).toBe(0);
    await throttle.failed(email, ip);
  }
};

describe('the sign-in throttle, in memory', () => {
  let throttle: SignInThrottle;
  beforeEach(() => {
    vi.useFakeTimers();
    throttle = createSignInThrottle({ policy });
  });
  afterEach(async () => {
    await throttle.close();
    vi.useRealTimers();
  });

  it('should let the free failures through, then double the wait at each failure up to the ceiling', async () => {
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const wait = await throttle.claim('ana@x.test', '198.51.100.1');
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
      await throttle.failed('ana@x.test', '198.51.100.1');
    }
    expect(waits).toEqual([1, 2, 4, 8, 8]);
  });

  it('should let one of many simultaneous tries through once a wait is over, not all of them', async () => {
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
    vi.advanceTimersByTime(1000);
    const waits = await Promise.all(Array.from({ length: 10 }, () => throttle.claim('ana@x.test', '198.51.100.1')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(1);
  });

  it('should start the pair afresh after a success', async () => {
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
    vi.advanceTimersByTime(1000);
    expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
    await throttle.succeeded('ana@x.test', '198.51.100.1');
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
  });

  it('should forget failures once their window has passed', async () => {
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
    vi.advanceTimersByTime(3600 * 1000 + 1000);
    await fail(throttle, 'ana@x.test', '198.51.100.1', 3);
  });

  it("should not let a guesser at one address slow the person's tries from another", async () => {
    await fail(throttle, 'ana@x.test', '203.0.113.9', 3);
    expect(await throttle.claim('ana@x.test', '203.0.113.9')).toBeGreaterThan(0);
    expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
  });

  it('should slow guessers spread over many addresses, briefly, but never at an address the person is known at', async () => {
    expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
    await throttle.succeeded('ana@x.test', '198.51.100.1');
    for (let i = 0; i < 6; i += 1) await fail(throttle, 'ana@x.test', `203.0.113.${i}`, 1);
    expect(await throttle.claim('ana@x.test', '203.0.113.200')).toBe(1);
    expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
    await throttle.succeeded('ana@x.test', '198.51.100.1');
    for (let i = 0; i < 40; i += 1) {
      vi.advanceTimersByTime(30_000);
      if ((await throttle.claim('ana@x.test', `203.0.114.${i}`)) === 0)
        await throttle.failed('ana@x.test', `203.0.114.${i}`);
    }
    expect(await throttle.claim('ana@x.test', '203.0.113.250')).toBeLessThanOrEqual(policy.account.maxDelaySeconds);
    expect(await throttle.claim('ana@x.test', '198.51.100.1')).toBe(0);
  });

  it('should slow an address trying many accounts, except for the accounts known there', async () => {
    expect(await throttle.claim('ben@x.test', '192.0.2.1')).toBe(0);
    await throttle.succeeded('ben@x.test', '192.0.2.1');
    for (let i = 0; i < 10; i += 1) await fail(throttle, `user${i}@x.test`, '192.0.2.1', 1);
    expect(await throttle.claim('someone.else@x.test', '192.0.2.1')).toBe(1);
    expect(await throttle.claim('ben@x.test', '192.0.2.1')).toBe(0);
  });
});

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('the sign-in throttle, through Redis', () => {
  it('should share the counts between instances', async () => {
    const keyPrefix = `agrement-test:${randomUUID()}`;
    const first = createSignInThrottle({ redisUrl, policy, keyPrefix });
    const second = createSignInThrottle({ redisUrl, policy, keyPrefix });
    try {
      await fail(first, 'ana@x.test', '198.51.100.1', 3);
      expect(await second.claim('ana@x.test', '198.51.100.1')).toBe(1);
      await second.succeeded('ana@x.test', '198.51.100.1');
      expect(await first.claim('ana@x.test', '198.51.100.1')).toBe(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('should let one of many simultaneous tries on two instances through once a wait is over', async () => {
    const keyPrefix = `agrement-test:${randomUUID()}`;
    const first = createSignInThrottle({ redisUrl, policy, keyPrefix });
    const second = createSignInThrottle({ redisUrl, policy, keyPrefix });
    try {
      await fail(first, 'ana@x.test', '198.51.100.1', 3);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const waits = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).claim('ana@x.test', '198.51.100.1')),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
