import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { MikroORM } from '@mikro-orm/core';
import type { Config } from './config.js';
import { initORM } from './db/orm.js';
import { buildAppSchema } from './schema.js';
import { createAppPubSub } from './pubsub.js';
import { createLogger, describeFailure, type Logger } from './logger.js';
import { SignInThrottle } from './auth/throttle.js';
import { SESSION_COOKIE, tokenFrom, readCookie } from './auth/tokens.js';
import { type Context, pickLocale, resolveViewer } from './context.js';
import { type App, publisher } from './app-services.js';
import { databaseFileStore, diskFileStore } from './diagnosis/file-store.js';
import { publicError } from './errors.js';
import { attachmentRoute } from './diagnosis/attachment.route.js';
import { exportRoute } from './export/export.route.js';
import { memoryPresence, redisPresence } from './presence/presence.js';
import { createMailer } from './notification/mailer.js';
import { minutesPdfRoute } from './minutes/minutes.route.js';
import { conventionPdfRoute } from './cooperation/convention.route.js';
import { calendarRoute } from './calendar/calendar.route.js';
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
    throttle: { email: new SignInThrottle(5), ip: new SignInThrottle(50) },
    files:
      config.attachmentStorage === 'database'
        ? databaseFileStore()
        : diskFileStore(path.join(config.dataDir, 'attachments')),
    publishMeetingEvent: publisher(pubSub),
    presence: config.redisUrl ? redisPresence(config.redisUrl) : memoryPresence(),
    mailer: createMailer(config, logger),
  };
  const { limits } = config;
  const production = config.nodeEnv === 'production';
  const limiter = createRateLimiter(limits.rate, config.redisUrl);
  const gate = new ExecutionGate(limits.maxConcurrentOperations, limits.maxQueuedOperations);
  // The embedded SQLite answers synchronously: long runs of queries and resolvers make way for other requests.
  stepAsideBeforeQueries(orm, limits.maxSliceMs);
  const schema = enforceBudgets(await buildAppSchema(pubSub), limits.maxSliceMs);
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
    Partial<{ token: string | null; locale: 'fr' | 'en' } & WebsocketCaller>
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
        const viewer = token ? await resolveViewer(orm.em.fork(), token) : null;
        if (token && !viewer) return false; // a stale token: refuse, the client signs in again
        Object.assign(ctx.extra, {
          token,
          personId: viewer?.person.id ?? null,
          ip: addressOf(request),
          locale: pickLocale(
            typeof ctx.connectionParams?.locale === 'string'
              ? ctx.connectionParams.locale
              : request.headers['accept-language'],
          ),
        });
        return true;
      },
      // Built per operation, like an HTTP request: a fresh entity manager and the session re-checked.
      context: async (ctx, id, _payload, args): Promise<Context> => {
        const em = orm.em.fork();
        const context: Context = {
          em,
          viewer: await resolveViewer(em, ctx.extra.token ?? null),
          app,
          ip: ctx.extra.ip ?? 'unknown',
          transport: 'ws',
          locale: ctx.extra.locale ?? 'fr',
        };
        wsLimits.budget(ctx, id, context, args);
        return context;
      },
      onSubscribe: wsLimits.onSubscribe,
      onError: wsLimits.onError,
      execute: wsLimits.execute,
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

  expressApp.use(
    '/graphql',
    identify,
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
    health.stop();
    await limiter.close();
    await pubSub.close();
    await app.presence.close();
    app.mailer.close();
    if (!options.orm) await orm.close();
  };
  return {
    app,
    httpServer,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, () => {
          const address = httpServer.address();
          resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}`);
        });
      }),
    close,
  };
}

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

/** The built Vue client at `/`, with the single-page fallback for its routes. */
function serveClient(expressApp: express.Express, clientDist: string, logger: Logger): void {
  const index = path.join(clientDist, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn('client not built: run `npm run build` to serve it', { clientDist });
    expressApp.get('/', (_req, res) => {
      res.type('text').send('Agrément API is running at /graphql. The client is not built: run `npm run build`.');
    });
    return;
  }
  expressApp.use(express.static(clientDist, { index: false, maxAge: '1h' }));
  expressApp.get(/^\/(?!graphql|files|healthz).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
