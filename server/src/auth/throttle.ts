/**
 * Slows down password guessing: after `freeAttempts` failures for one key (an email, an address), each further try
 * must wait twice as long as the previous one, up to `maxDelaySeconds`. Kept in memory: with several instances
 * each keeps its own count, which still bounds guessing per instance.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number; lastAt: number }>();

  constructor(
    private readonly freeAttempts = 5,
    private readonly maxDelaySeconds = 900,
    private readonly forgetAfterMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next try for this key, or 0. */
  retryAfter(key: string): number {
    const entry = this.failures.get(key);
    const now = this.now();
    return entry && entry.blockedUntil > now ? Math.ceil((entry.blockedUntil - now) / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    {
      const previous = this.failures.get(key);
      const entry =
        previous && now - previous.lastAt < this.forgetAfterMs ? previous : { count: 0, blockedUntil: 0, lastAt: now };
      entry.count += 1;
      entry.lastAt = now;
      if (entry.count >= this.freeAttempts) {
        const delay = Math.min(this.maxDelaySeconds, 2 ** (entry.count - this.freeAttempts));
        entry.blockedUntil = now + delay * 1000;
      }
      this.failures.set(key, entry);
    }
    if (this.failures.size > 100_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.lastAt > this.forgetAfterMs) this.failures.delete(key);
  }
}
