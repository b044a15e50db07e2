/**
 * An async iterator for one subscriber that keeps only the latest value it has not yet taken: a slow screen skips
 * intermediate states (each one is a whole view) and never holds the others back or grows a queue.
 */
export class LatestChannel<T> implements AsyncIterableIterator<T> {
  private value: T | undefined;
  private has = false;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private finished = false;
  private readonly closers: (() => void)[] = [];

  /** `dropped` is told of every value replaced before it was taken. */
  constructor(private readonly dropped: (value: T) => void = () => undefined) {}

  push(value: T): void {
    if (this.finished) {
      this.dropped(value);
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
      return;
    }
    if (this.has) this.dropped(this.value as T);
    this.value = value;
    this.has = true;
  }

  /** Runs `closer` once, when the subscriber goes away. */
  onClose(closer: () => void): void {
    if (this.finished) closer();
    else this.closers.push(closer);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.has) {
      const value = this.value as T;
      this.has = false;
      this.value = undefined;
      return Promise.resolve({ value, done: false });
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.finished) {
      this.finished = true;
      if (this.has) this.dropped(this.value as T);
      this.has = false;
      this.value = undefined;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
      for (const closer of this.closers.splice(0)) closer();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
