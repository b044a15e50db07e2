import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_LIMITS } from './limits/limits.js';

describe('loadConfig', () => {
  it('should seed the demo by default in development and test, never by default in production', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
  });

  it('should seed the demo in production only when SEED_DEMO asks for it, and not when it says no', () => {
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(ConfigError);
  });

  it('should take the default limits, and the ones an operator may tune from the environment', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    const tuned = loadConfig({
      MAX_BODY_BYTES: '262144',
      OPERATION_TIMEOUT_MS: '5000',
      MAX_CONCURRENT_OPERATIONS: '8',
      RATE_LIMIT_PER_MINUTE: '120',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '60',
    }).limits;
    expect(tuned).toMatchObject({
      maxBodyBytes: 262144,
      operationTimeoutMs: 5000,
      maxConcurrentOperations: 8,
      rate: { perPersonPerMinute: 120, perAddressPerMinute: 60 },
    });
    expect(() => loadConfig({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES must be a whole number ≥ 1024/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(ConfigError);
  });
});
