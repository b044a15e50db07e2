import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/**
 * Serialise once, write the same bytes to every socket. graphql-ws stringifies each `next` message per subscriber;
 * for a live view shared by thousands of screens that would serialise the same state thousands of times. Instead
 * the hub serialises a view once, and hands graphql-ws a small {@link SplicedResult} whose JSON is a marker; when
 * the socket sends the message, the marker is replaced by the shared bytes. Only the envelope (the operation id)
 * is per socket.
 */

const MARK = '@@agrement-live:';
const MARKER = /"@@agrement-live:(\d+)@@"/;

/**
 * Shared bytes by key, weakly: a payload lives as long as a result that may still be sent holds it (the hub's latest
 * view of a cohort, or a message waiting in a socket's queue), and is collected after — also when its socket closed
 * before sending it.
 */
const shared = new Map<number, WeakRef<Buffer>>();
const forget = new FinalizationRegistry<number>((key) => {
  if (!shared.get(key)?.deref()) shared.delete(key);
});
let sequence = 0;

/** A result whose JSON, once sent on a spliced socket, is the shared bytes (an execution result's, to graphql-ws). */
export interface SplicedResult {
  readonly data?: never;
  readonly key: number;
  /** Own property (not a method), so that graphql-ws's object spreads keep it. */
  readonly toJSON: () => string;
}

/** One serialised execution result, to be sent to many sockets. */
export class SharedResult {
  private readonly key = (sequence += 1);
  private readonly bytes: Buffer;

  constructor(json: string) {
    this.bytes = Buffer.from(json);
    shared.set(this.key, new WeakRef(this.bytes));
    forget.register(this.bytes, this.key);
  }

  get size(): number {
    return this.bytes.length;
  }

  /** A result for one more socket (it holds the bytes until it is sent or dropped). */
  take(): SplicedResult {
    const marker = `${MARK}${this.key}@@`;
    const bytes = this.bytes;
    const result = { key: this.key, toJSON: () => marker };
    Object.defineProperty(result, 'bytes', { value: bytes, enumerable: false });
    return result;
  }
}

type Send = WebSocket['send'];

/** Makes every socket of this server replace live markers by their shared bytes when sending. */
export function spliceSharedResults(server: WebSocketServer, logger: Logger): void {
  server.on('connection', (socket: WebSocket) => {
    const send = socket.send.bind(socket) as (data: unknown, options?: unknown, cb?: unknown) => void;
    socket.send = ((data: unknown, optionsOrCb?: unknown, maybeCb?: unknown) => {
      if (typeof data === 'string' && data.length < 512 && data.includes(MARK)) {
        const match = MARKER.exec(data);
        const payload = match ? shared.get(Number(match[1]))?.deref() : undefined;
        if (match && payload) {
          const at = match.index;
          const bytes = Buffer.concat([
            Buffer.from(data.slice(0, at)),
            payload,
            Buffer.from(data.slice(at + match[0].length)),
          ]);
          const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb;
          return send(bytes, { binary: false }, cb);
        }
        logger.error('live payload missing when sending', {});
      }
      return send(data, optionsOrCb, maybeCb);
    }) as Send;
  });
}
