import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './throttle.js';

describe('SignInThrottle', () => {
  it('should let the free attempts through, then double the wait at each failure', () => {
    let now = 0;
    const throttle = new SignInThrottle(3, 900, 3_600_000, () => now);
    for (let i = 0; i < 2; i += 1) throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(0);
    throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(1);
    throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(2);
    now += 2000;
    expect(throttle.retryAfter('k')).toBe(0);
    expect(throttle.retryAfter('other')).toBe(0);
  });

  it('should forget after a success and after a quiet hour', () => {
    let now = 0;
    const throttle = new SignInThrottle(1, 900, 3_600_000, () => now);
    throttle.fail('k');
    throttle.succeed('k');
    expect(throttle.retryAfter('k')).toBe(0);
    throttle.fail('j');
    now += 3_600_001;
    throttle.fail('j');
    expect(throttle.retryAfter('j')).toBe(1);
  });
});
