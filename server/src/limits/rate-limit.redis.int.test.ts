import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../app.js';
import { gql, startTestServer, type TestServer } from '../test/harness.js';
import { DEFAULT_LIMITS } from './limits.js';
import { createRateLimiter } from './rate-limit.js';

/**
 * Two instances on one Redis share each window: a caller cannot double its allowance by alternating between them.
 * Runs when REDIS_URL is set (CI sets it to the machine's Redis); each run counts under its own key prefix.
 */
const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('rate limits through Redis', () => {
  let first: TestServer;
  let second: RunningApp;
  let secondUrl: string;

  beforeAll(async () => {
    const rate = { perPersonPerMinute: 5, perAddressPerMinute: 3, keyPrefix: `test:${randomBytes(6).toString('hex')}` };
    first = await startTestServer({ redisUrl: redisUrl!, limits: { ...DEFAULT_LIMITS, rate } });
    second = await createApp(first.config, { orm: first.orm });
    secondUrl = await second.listen(0);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should count the requests of one address on every instance against one window', async () => {
    const statuses = [
      (await gql(first, '{ __typename }')).status,
      (await gql({ url: secondUrl }, '{ __typename }')).status,
      (await gql(first, '{ __typename }')).status,
      (await gql({ url: secondUrl }, '{ __typename }')).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('rate limits when Redis does not answer', () => {
  it('should fall back to counting in memory rather than refuse, or let through, everyone', async () => {
    const limiter = createRateLimiter(
      { perPersonPerMinute: 2, perAddressPerMinute: 2, keyPrefix: 'unreachable' },
      'redis://127.0.0.1:1',
    );
    try {
      const answers = [];
      for (let i = 0; i < 3; i += 1) answers.push(await limiter.take({ personId: 'p' }));
      expect(answers.slice(0, 2)).toEqual([null, null]);
      expect(answers[2]?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await limiter.close();
    }
  });
});
