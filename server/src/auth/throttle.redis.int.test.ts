import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../app.js';
import { codeOf, gql, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD } from '../test/fixtures.js';

/**
 * Two instances on one database and one Redis: failed sign-ins counted by one slow the same tries on the other.
 * Runs when REDIS_URL is set (CI sets it to the machine's Redis).
 */
const redisUrl = process.env.REDIS_URL;
const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }';

describe.runIf(redisUrl)('sign-in throttling across instances through Redis', () => {
  let first: TestServer;
  let second: RunningApp;
  let secondUrl: string;
  // Counts stay in Redis for their window: a fresh basin each run keeps runs apart.
  const slug = `rt${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    first = await startTestServer({ redisUrl: redisUrl! });
    second = await createApp(first.config, { orm: first.orm });
    secondUrl = await second.listen(0);
    await createTestBasin(first.orm.em.fork(), slug);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should make a guesser who failed on one instance wait on the other, and let the person in elsewhere', async () => {
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const email = `member@${slug}.test`;
    for (let i = 0; i < 5; i += 1) {
      expect(codeOf(await gql(first, SIGN_IN, { e: email, p: `guess ${i}` }, from('203.0.113.5')))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const onSecond = await gql({ url: secondUrl }, SIGN_IN, { e: email, p: PASSWORD }, from('203.0.113.5'));
    expect(codeOf(onSecond)).toBe('TOO_MANY_ATTEMPTS');
    const person = await gql({ url: secondUrl }, SIGN_IN, { e: email, p: PASSWORD }, from('198.51.100.5'));
    expect(person.errors).toBeUndefined();
  });
});
