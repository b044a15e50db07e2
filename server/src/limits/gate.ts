/**
 * At most `concurrent` GraphQL operations run at once (over HTTP and websockets together); the next `queued` wait
 * their turn in order, and any more are refused at once. Memory then grows with `concurrent`, not with the flood,
 * and each turn handed over lets the event loop read pending I/O first.
 */
export class ExecutionGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrent: number,
    readonly queued: number,
  ) {}

  /**
   * Resolves with the release function once the operation may run (call it exactly once when it ends); null
   * when the queue is full, or when its turn did not come within `waitMs`.
   */
  async enter(waitMs: number): Promise<(() => void) | null> {
    if (this.running < this.concurrent) {
      this.running += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.queued) return null;
    return new Promise((resolve) => {
      let settled = false;
      const turn = () => {
        if (settled) return this.handOver(); // gave up waiting just as its turn came: pass the slot on
        settled = true;
        clearTimeout(timer);
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        settled = true;
        const index = this.waiting.indexOf(turn);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(null);
      }, waitMs);
      timer.unref();
      this.waiting.push(turn);
    });
  }

  /** Operations running now, and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOver();
    };
  }

  private handOver(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running -= 1;
      return;
    }
    // The slot passes to the next operation on the next turn of the loop, after pending I/O (`/healthz`).
    setImmediate(next);
  }
}
