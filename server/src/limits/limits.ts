import type { QueryLimits } from './query-limits.js';
import type { RateLimits } from './rate-limit.js';

/** Every limit a request meets, over HTTP and websockets alike. Why these numbers: docs/DECISIONS.md ("Limits"). */
export interface RequestLimits extends QueryLimits {
  /**
   * Largest JSON body of an ordinary request and largest websocket message, in bytes. Default 1 MiB. Only the two
   * file mutations (`addAttachment`, `importBasinData`) from a signed-in person may send more, up to what a file of
   * `MAX_ATTACHMENT_BYTES` weighs in base64.
   */
  maxBodyBytes: number;
  /** Longest address (path and query string), in bytes. Default 8 KiB. */
  maxUrlBytes: number;
  /** Time budget of one query or mutation, from its context to its answer, in ms. Default 10 000. */
  operationTimeoutMs: number;
  /**
   * GraphQL operations running at once in this instance, HTTP and websockets together. Default 10, the size of the
   * database pool: more would only wait for a connection, and interleave more work on the one thread.
   */
  maxConcurrentOperations: number;
  /** Operations waiting for a turn beyond those; more are refused with SERVER_BUSY. Default 512. */
  maxQueuedOperations: number;
  /** Longest run of resolvers or queries before they let other requests in, in ms. Default 20. */
  maxSliceMs: number;
  rate: RateLimits;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxTokens: 2000,
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 100_000,
  defaultListSize: 20,
  maxBodyBytes: 1024 * 1024,
  maxUrlBytes: 8 * 1024,
  operationTimeoutMs: 10_000,
  maxConcurrentOperations: 10,
  maxQueuedOperations: 512,
  maxSliceMs: 20,
  rate: { perPersonPerMinute: 600, perAddressPerMinute: 300, keyPrefix: 'agrement:rate' },
};

/** The mutations that carry a file in base64, and so may use a body up to the upload limit. */
export const FILE_MUTATIONS: ReadonlySet<string> = new Set(['addAttachment', 'importBasinData']);

/** Largest body of a file mutation: the file in base64 (4 bytes per 3), plus an ordinary body for the rest. */
export const maxUploadBodyBytes = (limits: Pick<RequestLimits, 'maxBodyBytes'>, maxAttachmentBytes: number): number =>
  Math.ceil(maxAttachmentBytes / 3) * 4 + limits.maxBodyBytes;
