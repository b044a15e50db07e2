import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { WebSocketServer } from 'ws';
import { AppError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ExecutionGate } from './gate.js';
import type { RequestLimits } from './limits.js';
import { costError, documentLimitsRule } from './query-limits.js';
import type { Caller, RequestRateLimiter } from './rate-limit.js';
import { OperationBudget, startBudget } from './budget.js';

/** What the websocket hooks need to know of the connection (set by `onConnect`). */
export interface WebsocketCaller {
  /** The signed-in person, when there is one. */
  personId?: string | null;
  ip?: string;
}

interface HookContext {
  extra: WebsocketCaller;
}

interface Payload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface WebsocketLimitsOptions {
  schema: GraphQLSchema;
  limits: RequestLimits;
  limiter: RequestRateLimiter;
  gate: ExecutionGate;
  /** Production refuses introspection, like Apollo's `introspection: false` over HTTP. */
  production: boolean;
  /** Formats the errors sent in an `error` message (the same masking as HTTP). */
  format: (error: GraphQLError) => GraphQLFormattedError;
}

/**
 * graphql-ws hooks that give each websocket operation the checks an HTTP request gets: the rate limit, the token
 * limit while parsing, graphql's rules plus depth and aliases, the cost with the operation's variables, the
 * execution gate and the time budget. (The message size is the `ws` server's `maxPayload`.)
 */
export function websocketLimits(options: WebsocketLimitsOptions) {
  const { schema, limits, limiter, gate, production } = options;
  const rules = [
    ...specifiedRules,
    documentLimitsRule(limits),
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
  /** Budgets of the operations under way, per connection, to end them when they complete. */
  const running = new WeakMap<object, Map<string, OperationBudget>>();
  /**
   * Documents already parsed and validated, by their text: a thousand screens joining a session send the same
   * subscription a thousand times (the cost, which depends on the variables, is still measured each time).
   */
  const checked = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  const check = (query: string) => {
    let known = checked.get(query);
    if (!known) {
      try {
        const document = parse(query, { maxTokens: limits.maxTokens });
        const invalid = validate(schema, document, rules);
        known = invalid.length
          ? { errors: invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED')) }
          : { document };
      } catch (error) {
        known = { errors: [coded(error, 'GRAPHQL_PARSE_FAILED')] };
      }
      if (checked.size >= 200) checked.delete(checked.keys().next().value as string);
      checked.set(query, known);
    }
    return known;
  };

  return {
    onSubscribe: async (
      ctx: HookContext,
      _id: string,
      payload: Payload,
    ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
      const caller: Caller = ctx.extra.personId ? { personId: ctx.extra.personId } : { ip: ctx.extra.ip ?? 'unknown' };
      const refusal = await limiter.take(caller);
      if (refusal) {
        return [new AppError(ErrorCode.TOO_MANY_REQUESTS, 'Too many requests: wait a moment and try again', refusal)];
      }
      const known = check(payload.query);
      if ('errors' in known) return known.errors;
      const { document } = known;
      const operation = getOperationAST(document, payload.operationName);
      const tooCostly = operation && costError(schema, document, operation, payload.variables, limits);
      if (tooCostly) return [tooCostly];
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
      };
    },

    onError: (_ctx: HookContext, _id: string, _payload: Payload, errors: readonly GraphQLError[]) =>
      errors.map(options.format),

    /** Queries and mutations wait for their turn in the gate; subscriptions hold no turn while they listen. */
    execute: async (args: ExecutionArgs) => {
      const release = await gate.enter(limits.operationTimeoutMs);
      if (!release) {
        return {
          errors: [
            new AppError(ErrorCode.SERVER_BUSY, 'The server is busy: try again in a moment', { retryAfterSeconds: 1 }),
          ],
        };
      }
      try {
        return await execute(args);
      } finally {
        release();
      }
    },

    /** Starts the time budget of a query or mutation once its context is built (not of a subscription). */
    budget: (ctx: HookContext, id: string, context: object, args: ExecutionArgs): void => {
      if (getOperationAST(args.document, args.operationName)?.operation === 'subscription') return;
      const budgets = running.get(ctx) ?? new Map<string, OperationBudget>();
      running.set(ctx, budgets);
      budgets.set(id, startBudget(context, limits.operationTimeoutMs));
    },

    onComplete: (ctx: HookContext, id: string) => {
      running.get(ctx)?.get(id)?.end();
      running.get(ctx)?.delete(id);
    },
  };
}

/** A parse or validation error with the code Apollo gives it over HTTP; our own refusals keep theirs. */
function coded(error: unknown, code: string): GraphQLError {
  if (error instanceof AppError) return error;
  const original = error instanceof GraphQLError ? error : new GraphQLError(String(error));
  return new GraphQLError(original.message, {
    nodes: original.nodes,
    source: original.source,
    positions: original.positions,
    originalError: original.originalError ?? undefined,
    extensions: { ...original.extensions, code },
  });
}

/**
 * A message over `maxPayload` makes `ws` close the socket (1009) and emit an error, which graphql-ws prints with its
 * stack to the console: one line per refused message. Log it as a refusal instead; other errors go their way.
 */
export function quietOversizedMessages(wsServer: WebSocketServer, logger: Logger): void {
  // Registered after graphql-ws's own `connection` listener, so its error listener is there to wrap.
  wsServer.on('connection', (socket) => {
    const listeners = socket.listeners('error') as ((error: Error) => void)[];
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        logger.info('request refused', { route: '/graphql', kind: 'websocket message too large', status: 1009 });
        return;
      }
      for (const listener of listeners) listener.call(socket, error);
    });
  });
}
