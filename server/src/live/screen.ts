import type { WebSocket } from 'ws';

/** A change as a patch of the view before it, serialised once, for the screens that show that view. */
export interface ViewPatch {
  /** The version of the view it applies to. */
  base: number;
  bytes: Buffer;
}

/**
 * One screen of a shared live view: a graphql-ws subscription whose `next` messages the hub writes itself. A view is
 * serialised once per cohort; each screen only adds its envelope (`{"id":…,"type":"next","payload":` … `}`), made
 * once when it subscribed, around the same bytes — exactly the message graphql-ws would have sent. graphql-ws still
 * owns the subscription: it ends it (client `complete`, socket closed) by returning the iterator we gave it.
 */
export class Screen implements AsyncIterableIterator<never> {
  /** The version of the view the screen shows. */
  version: number;
  private readonly prefix: Buffer;
  private pending: { version: number; bytes: Buffer; again: boolean } | null = null;
  private retry: NodeJS.Timeout | null = null;
  private ended = false;
  private resolveEnd: ((result: IteratorResult<never>) => void) | null = null;
  private readonly closers: (() => void)[] = [];

  constructor(
    private readonly socket: WebSocket,
    operationId: string,
    since: number,
    /** Bytes queued on the socket above which a screen skips views (it gets the latest when it catches up). */
    private readonly maxBuffered = 1 << 20,
  ) {
    this.version = since;
    this.prefix = Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"next","payload":`);
  }

  /**
   * Sends a view when it is newer than what the screen shows: as the patch when the screen shows the patch's base,
   * whole otherwise. `again`: the view was computed again at a version the screen may show already, and differs from
   * it; it replaces it, whole (the next patch starts from it). A screen that reads slowly skips to the latest, whole.
   */
  show(version: number, bytes: Buffer, patch: ViewPatch | null = null, again = false): void {
    if (this.ended || version < this.version || (version === this.version && !again)) return;
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBuffered) {
      // behind: keep only the latest, and try again shortly (nobody else waits for this screen)
      this.pending = { version, bytes, again };
      this.retry ??= setTimeout(() => {
        this.retry = null;
        const next = this.pending;
        this.pending = null;
        if (next) this.show(next.version, next.bytes, null, next.again);
      }, 200);
      return;
    }
    const body = patch && patch.base === this.version ? patch.bytes : bytes;
    this.version = version;
    this.socket.send(Buffer.concat([this.prefix, body, CLOSE_BRACE]), { binary: false });
  }

  onClose(closer: () => void): void {
    if (this.ended) closer();
    else this.closers.push(closer);
  }

  /** graphql-ws waits here for a next result that never comes: the hub writes the messages itself. */
  next(): Promise<IteratorResult<never>> {
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.resolveEnd = resolve));
  }

  return(): Promise<IteratorResult<never>> {
    if (!this.ended) {
      this.ended = true;
      if (this.retry) clearTimeout(this.retry);
      this.resolveEnd?.({ value: undefined, done: true });
      for (const closer of this.closers.splice(0)) closer();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<never>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

const CLOSE_BRACE = Buffer.from('}');
