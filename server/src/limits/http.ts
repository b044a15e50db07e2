import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { tokenFrom } from '../auth/tokens.js';
import { resolveViewer, type Viewer } from '../context.js';
import { ErrorCode } from '../errors.js';
import { describeFailure, type Logger } from '../logger.js';
import type { ExecutionGate } from './gate.js';
import { FILE_MUTATIONS, type RequestLimits } from './limits.js';
import type { RequestRateLimiter } from './rate-limit.js';

/** A refusal in the shape of a GraphQL answer, so that every client reads it the same way. */
export function refuse(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

const isLoopback = (address: string) => /^(127\.|::1$|::ffff:127\.)/.test(address);

/**
 * The caller's address for a request Express does not see (a websocket upgrade), by the rule of our
 * `trust proxy: 'loopback'`: `X-Forwarded-For` is believed only from a proxy on this machine, and the first address
 * from the right that is not loopback is the caller's.
 */
export function addressOf(request: IncomingMessage): string {
  const direct = request.socket.remoteAddress ?? 'unknown';
  const forwarded = request.headers['x-forwarded-for'];
  if (!isLoopback(direct) || typeof forwarded !== 'string') return direct;
  const hops = forwarded
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  return hops.find((hop) => !isLoopback(hop)) ?? hops.at(-1) ?? direct;
}

/** Ends a websocket upgrade with a plain HTTP refusal. */
export function refuseUpgrade(socket: Duplex, status: 404 | 429, retryAfterSeconds?: number): void {
  const reason = status === 404 ? 'Not Found' : 'Too Many Requests';
  const retry = retryAfterSeconds ? `Retry-After: ${retryAfterSeconds}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Who is asking, read once before the body: the entity manager and viewer the GraphQL context then uses. */
export interface HttpCaller {
  em: EntityManager;
  viewer: Viewer | null;
}

export const callerOf = (res: Response): HttpCaller | undefined => res.locals.caller as HttpCaller | undefined;

/** 414 for an address longer than `maxUrlBytes` (Node itself stops at 16 KiB of headers, with no JSON). */
export function urlLimit(limits: Pick<RequestLimits, 'maxUrlBytes'>): RequestHandler {
  return (req, res, next) => {
    if (Buffer.byteLength(req.originalUrl) <= limits.maxUrlBytes) return next();
    refuse(res, 414, ErrorCode.PAYLOAD_TOO_LARGE, `The address is longer than ${limits.maxUrlBytes} bytes`, {
      maxBytes: limits.maxUrlBytes,
    });
  };
}

/**
 * Reads the session (cookie or bearer) and counts the request against the person, or against the address when
 * nobody is signed in; 429 with `Retry-After` past the limit. Before the body is read, so that a refused request
 * costs no parsing.
 */
export function identifyAndLimit(app: App, limiter: RequestRateLimiter): RequestHandler {
  return async (req, res, next) => {
    const token = tokenFrom(req.headers.authorization, req.headers.cookie);
    // Anonymous requests are counted before any work: a flood of them is refused at the cost of a counter.
    const em = token ? app.orm.em.fork() : null;
    const viewer = em && token ? await resolveViewer(em, token) : null;
    const refusal = await limiter.take(viewer ? { personId: viewer.person.id } : { ip: req.ip ?? 'unknown' });
    if (!refusal) {
      res.locals.caller = { em: em ?? app.orm.em.fork(), viewer } satisfies HttpCaller;
      return next();
    }
    res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    refuse(res, 429, ErrorCode.TOO_MANY_REQUESTS, 'Too many requests: wait a moment and try again', refusal);
  };
}

/**
 * The JSON body of `/graphql`: at most `maxBodyBytes`, or, for a signed-in person, up to `maxUploadBytes` when the
 * operation is one of the file mutations. Anonymous callers never get the larger limit, so the largest body they
 * can make us parse is the ordinary one.
 */
export function graphqlBody(
  limits: Pick<RequestLimits, 'maxBodyBytes' | 'maxTokens'>,
  maxUploadBytes: number,
): RequestHandler[] {
  const sizes = new WeakMap<Request, number>();
  const verify = (req: Request, _res: Response, buffer: Buffer) => {
    sizes.set(req, buffer.length);
  };
  const ordinary = express.json({ limit: limits.maxBodyBytes, verify });
  const upload = express.json({ limit: Math.max(maxUploadBytes, limits.maxBodyBytes), verify });
  return [
    (req, res, next) => (callerOf(res)?.viewer ? upload : ordinary)(req, res, next),
    (req, res, next) => {
      if ((sizes.get(req) ?? 0) <= limits.maxBodyBytes || isFileMutation(req.body, limits.maxTokens)) return next();
      refuse(
        res,
        413,
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The request is larger than ${limits.maxBodyBytes} bytes; only a file may be larger`,
        { maxBytes: limits.maxBodyBytes },
      );
    },
  ];
}

/** Whether a body is one of the mutations that carry a file, and nothing else. */
function isFileMutation(body: unknown, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  try {
    const operations = parse(query, { maxTokens }).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation =
      typeof operationName === 'string'
        ? operations.find((o) => o.name?.value === operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
    return (
      operation?.operation === 'mutation' &&
      operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && FILE_MUTATIONS.has(s.name.value))
    );
  } catch {
    return false;
  }
}

/** Runs the rest of the chain within the execution gate; 503 SERVER_BUSY when no turn comes. */
export function gated(gate: ExecutionGate, waitMs: number): RequestHandler {
  return async (_req, res, next) => {
    const release = await gate.enter(waitMs);
    if (!release) {
      res.setHeader('Retry-After', '1');
      refuse(res, 503, ErrorCode.SERVER_BUSY, 'The server is busy: try again in a moment', { retryAfterSeconds: 1 });
      return;
    }
    res.once('close', release);
    next();
  };
}

/** What body-parser's errors mean for the caller: status, code and a message that quotes nothing of the body. */
const BODY_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  'entity.too.large': { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' },
  'entity.parse.failed': { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON' },
  'encoding.unsupported': { status: 415, code: ErrorCode.BAD_REQUEST, message: 'Unsupported content encoding' },
  'charset.unsupported': { status: 415, code: ErrorCode.BAD_REQUEST, message: 'Unsupported charset' },
  'request.aborted': { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request was aborted' },
  'request.size.invalid': { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request body size is wrong' },
};

/** The first segment of the path only: addresses can carry secrets (`/calendar/<token>.ics`). */
const routeOf = (req: Request) => `/${req.path.split('/')[1] ?? ''}`.slice(0, 40);

/** 404 in JSON for any address nothing answered. */
export const notFound: RequestHandler = (_req, res) => {
  refuse(res, 404, ErrorCode.NOT_FOUND, 'Nothing here');
};

/**
 * The last word on any error Express sees: a JSON answer with a code, never a stack trace or a file path, in every
 * environment. Body errors are logged by their kind and size only (a JSON syntax error's message quotes the body,
 * passwords included); anything else by its kind and stack frames.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const { type, status, statusCode, length } = (error ?? {}) as {
      type?: string;
      status?: number;
      statusCode?: number;
      length?: number;
    };
    if (res.headersSent) {
      // Too late to answer: let Express close the connection.
      next(error);
      return;
    }
    const known = type ? BODY_ERRORS[type] : undefined;
    const clientStatus = status ?? statusCode ?? 500;
    if (known || (clientStatus >= 400 && clientStatus < 500)) {
      const answer = known ?? { status: clientStatus, code: ErrorCode.BAD_REQUEST, message: 'Bad request' };
      logger.info('request refused', {
        route: routeOf(req),
        kind: type ?? (error as Error)?.name,
        status: answer.status,
        bytes: length ?? (Number(req.headers['content-length']) || undefined),
      });
      // A body refused for its size is not read to its end: close the connection instead.
      if (answer.status === 413) res.setHeader('Connection', 'close');
      refuse(res, answer.status, answer.code, answer.message);
      return;
    }
    logger.error('unexpected HTTP error', { route: routeOf(req), ...describeFailure(error) });
    refuse(res, 500, ErrorCode.INTERNAL, 'Something went wrong on our side');
  };
}
