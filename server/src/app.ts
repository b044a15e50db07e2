import http from 'node:http';
import path from 'node:path';
import express from 'express';
import compression from 'compression';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  subscribe,
} from 'graphql';
import type { MikroORM } from '@mikro-orm/core';
import type { Config } from './config.js';
import { initORM } from './db/orm.js';
import { buildAppSchema } from './schema.js';
import { createAppPubSub } from './pubsub.js';
import { createLogger, describeFailure, type Logger } from './logger.js';
import { createSignInThrottle } from './auth/throttle.js';
import { SESSION_COOKIE, tokenFrom, readCookie } from './auth/tokens.js';
import { type Context, type Viewer, pickLocale, resolveViewer, viewerFor } from './context.js';
import { setAuditActor } from './audit/audit-actor.js';
import type { App } from './app-services.js';
import { databaseFileStore, diskFileStore } from './diagnosis/file-store.js';
import { publicError } from './errors.js';
import { attachmentRoute } from './diagnosis/attachment.route.js';
import { exportRoute } from './export/export.route.js';
import { annualReportRoute } from './report/report.route.js';
import { memoryPresence, redisPresence } from './presence/presence.js';
import { createMailer } from './notification/mailer.js';
import { minutesPdfRoute } from './minutes/minutes.route.js';
import { conventionPdfRoute } from './cooperation/convention.route.js';
import { calendarRoute } from './calendar/calendar.route.js';
import { BallotSeal, loadSealKey } from './ballot/seal.js';
import { LiveConnections } from './auth/live-connections.js';
import { countQueries } from './db/query-count.js';
import { serveClient } from './web/client-files.js';
import { LiveHub } from './live/live-hub.js';
import { maxUploadBodyBytes } from './limits/limits.js';
import { documentLimitsRule } from './limits/query-limits.js';
import { createRateLimiter } from './limits/rate-limit.js';
import { ExecutionGate } from './limits/gate.js';
import { enforceBudgets, oneTimeout, startBudget } from './limits/budget.js';
import { stepAsideBeforeQueries } from './limits/event-loop.js';
import { healthCheck } from './limits/health.js';
import { limitsPlugin } from './limits/apollo-plugin.js';
import { quietOversizedMessages, websocketLimits, type WebsocketCaller } from './limits/websocket.js';
import {
  addressOf,
  callerOf,
  errorHandler,
  gated,
  graphqlBody,
  identifyAndLimit,
  notFound,
  refuseUpgrade,
  urlLimit,
} from './limits/http.js';

export interface RunningApp {
  app: App;
  httpServer: http.Server;
  /** Starts listening; resolves with the base URL. Port 0 picks a free port. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** An already-open ORM (tests); otherwise the database of `config.databaseUrl` is opened and migrated. */
  orm?: MikroORM;
  logger?: Logger;
}

/** Wires HTTP (GraphQL, files, health, the built client) and graphql-ws on one server. */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.nodeEnv === 'test');
  const orm = options.orm ?? (await initORM(config));
  const pubSub = createAppPubSub(config.redisUrl);
  const app: App = {
    config,
    orm,
    pubSub,
    logger,
    throttle: createSignInThrottle({ redisUrl: config.redisUrl }),
    files:
      config.attachmentStorage === 'database'
        ? databaseFileStore()
        : diskFileStore(path.join(config.dataDir, 'attachments')),
    presence: config.redisUrl ? redisPresence(config.redisUrl) : memoryPresence(),
    mailer: createMailer(config, logger),
    seal: new BallotSeal(loadSealKey(config.ballotSealKey, config.dataDir)),
    connections: new LiveConnections(pubSub),
    live: null as unknown as LiveHub,
  };
  const { limits } = config;
  const production = config.nodeEnv === 'production';
  const limiter = createRateLimiter(limits.rate, config.redisUrl);
  const gate = new ExecutionGate(limits.maxConcurrentOperations, limits.maxQueuedOperations);
  // The embedded SQLite answers synchronously: long runs of queries and resolvers make way for other requests.
  stepAsideBeforeQueries(orm, limits.maxSliceMs);
  const schema = enforceBudgets(await buildAppSchema(pubSub), limits.maxSliceMs);
  app.live = new LiveHub(app, schema, { mask: (result) => maskResult(result, logger) });
  const health = healthCheck(orm);

  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', 'loopback');
  const httpServer = http.createServer(expressApp);

  // First, and answered from memory: a flood of API requests never delays it.
  expressApp.get('/healthz', health.route);
  expressApp.use(urlLimit(limits));

  // Messages larger than an ordinary body close the socket (1009); files travel over HTTP only.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  httpServer.on('upgrade', (request, socket, head) => {
    void (async () => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/graphql') return refuseUpgrade(socket, 404);
      // Each new connection counts against its address, like an anonymous request.
      const refusal = await limiter.take({ ip: addressOf(request) });
      if (refusal) return refuseUpgrade(socket, 429, refusal.retryAfterSeconds);
      wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
    })().catch(() => socket.destroy());
  });
  const wsLimits = websocketLimits({
    schema,
    limits,
    limiter,
    gate,
    production,
    format: (error: GraphQLError) => formatPublicError(error, logger),
  });
  const wsCleanup = useServer<
    Record<string, unknown>,
    Partial<{ viewer: Viewer | null; locale: 'fr' | 'en'; liveVersions: Record<string, number> } & WebsocketCaller>
  >(
    {
      schema,
      // Close reasons never carry an error's message, in development too.
      isProd: true,
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const fromParams =
          typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : null;
        let token = tokenFrom(fromParams, undefined);
        if (!token && readCookie(request.headers.cookie, SESSION_COOKIE)) {
          // A cookie rides along on any websocket to our host: accept it only from our own pages.
          const origin = request.headers.origin;
          const host = request.headers.host;
          if (origin && host && new URL(origin).host === host)
            token = readCookie(request.headers.cookie, SESSION_COOKIE);
        }
        // The viewer is resolved once per connection: signing out, a change of roles or the session's end closes
        // the socket (auth/live-connections.ts), and the client connects again as whoever it is then.
        const em = orm.em.fork();
        const viewer = token ? await resolveViewer(em, token) : null;
        // the connection keeps its viewer for its life, not what was read to find it (session, roles, basins)
        em.clear();
        if (token && !viewer) return false; // a stale token: refuse, the client signs in again
        if (viewer) {
          const forget = app.connections.add(ctx.extra.socket, {
            sessionId: viewer.sessionId,
            personId: viewer.person.id,
            expiresAt: viewer.expiresAt,
          });
          ctx.extra.socket.once('close', forget);
        }
        Object.assign(ctx.extra, {
          viewer,
          personId: viewer?.person.id ?? null,
          ip: addressOf(request),
          locale: pickLocale(
            typeof ctx.connectionParams?.locale === 'string'
              ? ctx.connectionParams.locale
              : request.headers['accept-language'],
          ),
          liveVersions: liveVersionsFrom(ctx.connectionParams?.liveVersions),
        });
        return true;
      },
      // Built per operation, like an HTTP request: a fresh entity manager; the viewer is the connection's.
      context: async (ctx, id, _payload, args): Promise<Context> => {
        const em = orm.em.fork();
        setAuditActor(em, ctx.extra.viewer?.person.id ?? null);
        const context: Context = {
          em,
          viewer: ctx.extra.viewer ? viewerFor(em, ctx.extra.viewer) : null,
          app,
          ip: ctx.extra.ip ?? 'unknown',
          transport: 'ws',
          locale: ctx.extra.locale ?? 'fr',
          liveVersions: ctx.extra.liveVersions,
          liveSocket: { socket: ctx.extra.socket, operationId: id },
        };
        wsLimits.budget(ctx, id, context, args);
        return context;
      },
      onSubscribe: wsLimits.onSubscribe,
      onError: wsLimits.onError,
      execute: wsLimits.execute,
      // live views are served by the hub, once per audience; everything else by graphql's own subscribe
      subscribe: (args) => app.live.route(args) ?? subscribe(args),
      onComplete: wsLimits.onComplete,
      onNext: (_ctx, _id, _payload, _args, result) => maskResult(result, logger),
    },
    wsServer,
  );
  quietOversizedMessages(wsServer, logger);

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [documentLimitsRule(limits)],
    plugins: [
      limitsPlugin<Context>(limits),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            await wsCleanup.dispose();
          },
        }),
      },
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted, original) => formatPublicError(original, logger, formatted),
  });
  await apollo.start();

  // Every file and API request is counted (per person, or per address) before anything else is read.
  const identify = identifyAndLimit(app, limiter);
  expressApp.get('/files/attachments/:id/:name', identify, attachmentRoute(app));
  expressApp.get('/files/minutes/:meetingId.pdf', identify, minutesPdfRoute(app));
  expressApp.get('/files/conventions/:projectId.pdf', identify, conventionPdfRoute(app));
  expressApp.get('/calendar/:token.ics', identify, calendarRoute(app));
  expressApp.get('/files/exports/:basinId/:file', identify, exportRoute(app));
  expressApp.get('/files/reports/:basinId/:file', identify, annualReportRoute(app));

  if (config.metrics) {
    // for benchmarks only: off unless METRICS=true
    const queries = countQueries(orm);
    expressApp.get('/metrics', (req, res) => {
      // `?gc` (with node --expose-gc): the memory still held after a full collection, not garbage awaiting one
      const gc = (globalThis as { gc?: () => void }).gc;
      if ('gc' in req.query && gc) gc();
      res.json({ sqlStatements: queries.total, live: app.live.stats(), memory: process.memoryUsage() });
    });
  }

  expressApp.use(
    '/graphql',
    identify,
    // Answers above 1 KB in brotli (quality 4) or gzip, as the browser asks: lists and live views shrink ~10×.
    compression(),
    ...graphqlBody(limits, maxUploadBodyBytes(limits, config.maxAttachmentBytes)),
    gated(gate, limits.operationTimeoutMs),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        // The session was read once, before the body (identifyAndLimit).
        const caller = callerOf(res);
        const em = caller?.em ?? orm.em.fork();
        const viewer = caller
          ? caller.viewer
          : await resolveViewer(em, tokenFrom(req.headers.authorization, req.headers.cookie));
        setAuditActor(em, viewer?.person.id ?? null);
        const context: Context = {
          em,
          viewer,
          app,
          ip: req.ip ?? 'unknown',
          transport: 'http',
          locale: pickLocale(req.headers['accept-language']),
          http: {
            setSessionCookie: (token, expires) =>
              res.cookie(SESSION_COOKIE, token, {
                httpOnly: true,
                sameSite: 'lax',
                secure: production,
                expires,
                path: '/',
              }),
            clearSessionCookie: () => res.clearCookie(SESSION_COOKIE, { path: '/' }),
          },
        };
        startBudget(context, limits.operationTimeoutMs);
        return context;
      },
    }),
  );

  serveClient(expressApp, config.clientDist, logger);
  // Whatever nothing answered, and any error: JSON with a code, never Express's HTML page with a stack trace.
  expressApp.use(notFound);
  expressApp.use(errorHandler(logger));

  const close = async () => {
    await apollo.stop();
    await app.live.close();
    await app.connections.close();
    health.stop();
    await limiter.close();
    await pubSub.close();
    await app.presence.close();
    await app.throttle.close();
    app.mailer.close();
    if (!options.orm) await orm.close();
  };
  return {
    app,
    httpServer,
    listen: async (port = config.port) => {
      await limiter.ready(); // count in Redis from the first request, like the other instances
      return new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        // A room of thousands reconnecting at once (a network blip) must queue, not be reset: the kernel's ceiling
        // (net.core.somaxconn) rather than Node's default of 511 pending connections.
        httpServer.listen({ port, backlog: 4096 }, () => {
          const address = httpServer.address();
          resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}`);
        });
      });
    },
    close,
  };
}

/** connection_init's `liveVersions`: meeting id → the live version the client shows; anything else is ignored. */
function liveVersionsFrom(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([id, version]) => /^[\w-]{1,64}$/.test(id) && Number.isInteger(version))
    .slice(0, 50);
  return Object.fromEntries(entries) as Record<string, number>;
}

/** The websocket twin of Apollo's formatError: same codes, same masking. */
/**
 * What a client sees of an error, over HTTP and websockets alike (`publicError`); an unexpected one is logged by its
 * kind and stack frames, never its message, which may quote what the request sent.
 */
function formatPublicError(
  original: unknown,
  logger: Logger,
  formatted = (original as GraphQLError).toJSON(),
): GraphQLFormattedError {
  const { error, unexpected } = publicError(formatted, original);
  if (unexpected) {
    const cause = (original as { originalError?: unknown } | null)?.originalError ?? original;
    logger.error('unexpected error', { path: formatted.path, ...describeFailure(cause) });
  }
  return error;
}

/** The websocket twin of Apollo's formatError: same codes, same masking, TIMEOUT once. */
function maskResult(result: ExecutionResult, logger: Logger): FormattedExecutionResult {
  if (!result.errors?.length) return result as FormattedExecutionResult;
  return { ...result, errors: oneTimeout(result.errors.map((err) => formatPublicError(err, logger))) };
}
