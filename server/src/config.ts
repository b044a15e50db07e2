import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type RequestLimits } from './limits/limits.js';

/** Root of the repository (server/dist/config.js or server/src/config.ts → ../../). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type AttachmentStorage = 'disk' | 'database';

/** Every setting of the server, read once from the environment. */
export interface Config {
  /** HTTP and websocket port. Default 4000. */
  port: number;
  /** `development` (default), `test` or `production`: production hides stack traces and introspection, and marks cookies Secure. */
  nodeEnv: 'development' | 'test' | 'production';
  /** `file:data/agrement.db` (embedded SQLite, default) or `postgres://user@host:5432/db`. */
  databaseUrl: string;
  /** When set (`redis://127.0.0.1:6379`), live events go through Redis so that several instances share them. */
  redisUrl: string | null;
  /** Public address used in links (invitations). Default `http://localhost:<port>`. */
  publicUrl: string;
  /** Where attachments are kept: `disk` (default, under `dataDir/attachments`) or `database`. */
  attachmentStorage: AttachmentStorage;
  /** Largest attachment accepted, in bytes. Default 10 MiB. */
  maxAttachmentBytes: number;
  /** Folder for the SQLite file and stored attachments. Default `data/` at the repository root. */
  dataDir: string;
  /**
   * Seed the demo basin (accounts with a published password) on first start when the database is empty. Default
   * true in development and test, false in production.
   */
  seedDemo: boolean;
  /** Session lifetime in hours. Default 12. */
  sessionHours: number;
  /** Folder of the built client served at `/`. Default `client/dist`. */
  clientDist: string;
  /**
   * Outgoing mail server (`smtp://user:password@host:587`, `smtps://…:465`). Default none: every message is written
   * as an .eml file under `dataDir/mail`, for a person to read.
   */
  smtpUrl: string | null;
  /** Sender of every message. Default `Agrément <no-reply@agrement.local>`. */
  mailFrom: string;
  /**
   * Server secret that seals secret ballots while they are open (32 bytes, base64). Default none: a key is made on
   * first start and kept in `dataDir/ballot-seal.key`. Instances sharing a database must share it.
   */
  ballotSealKey: string | null;
  /** Serve `/metrics` (statements sent to the database, live views computed, memory) for benchmarks. Default false. */
  metrics: boolean;
  /** Limits on every request: sizes, shape of GraphQL operations, time, rate (`limits/limits.ts`). */
  limits: RequestLimits;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** Reads and validates the configuration; throws a ConfigError that names the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['nodeEnv'];
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${nodeEnv}"`);
  }
  const port = integer(env, 'PORT', 4000);
  const dataDir = path.resolve(repoRoot, env.DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || `file:${path.join(dataDir, 'agrement.db')}`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with file: or postgres://, got "${databaseUrl.split(':')[0]}:…"`);
  }
  const attachmentStorage = (env.ATTACHMENT_STORAGE ?? 'disk') as AttachmentStorage;
  if (!['disk', 'database'].includes(attachmentStorage)) {
    throw new ConfigError(`ATTACHMENT_STORAGE must be disk or database, got "${attachmentStorage}"`);
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis://');
  const smtpUrl = env.SMTP_URL || null;
  // Never echo the value: it may hold a password.
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl))
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const mailFrom = env.MAIL_FROM || 'Agrément <no-reply@agrement.local>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(mailFrom.trim())) {
    throw new ConfigError(`MAIL_FROM must be an address, as "Name <name@example.org>", got "${mailFrom}"`);
  }
  const ballotSealKey = env.BALLOT_SEAL_KEY || null;
  if (ballotSealKey && Buffer.from(ballotSealKey, 'base64').length !== 32) {
    // never echo the value: it is a secret
    throw new ConfigError('BALLOT_SEAL_KEY must be 32 bytes in base64 (`openssl rand -base64 32`)');
  }
  return {
    port,
    nodeEnv,
    databaseUrl,
    redisUrl,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    attachmentStorage,
    maxAttachmentBytes: integer(env, 'MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024, 1),
    dataDir,
    // Never by default in production: the demo accounts' password is in the README.
    seedDemo: boolean(env, 'SEED_DEMO', nodeEnv !== 'production'),
    sessionHours: integer(env, 'SESSION_HOURS', 12, 1),
    clientDist: path.resolve(repoRoot, env.CLIENT_DIST ?? 'client/dist'),
    smtpUrl,
    mailFrom: mailFrom.trim(),
    ballotSealKey,
    metrics: boolean(env, 'METRICS', false),
    limits: {
      ...DEFAULT_LIMITS,
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1024),
      operationTimeoutMs: integer(env, 'OPERATION_TIMEOUT_MS', DEFAULT_LIMITS.operationTimeoutMs, 100),
      maxConcurrentOperations: integer(env, 'MAX_CONCURRENT_OPERATIONS', DEFAULT_LIMITS.maxConcurrentOperations, 1),
      rate: {
        ...DEFAULT_LIMITS.rate,
        perPersonPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_LIMITS.rate.perPersonPerMinute, 1),
        perAddressPerMinute: integer(
          env,
          'ANONYMOUS_RATE_LIMIT_PER_MINUTE',
          DEFAULT_LIMITS.rate.perAddressPerMinute,
          1,
        ),
      },
    },
    ...overrides,
  };
}

export const isPostgres = (config: Pick<Config, 'databaseUrl'>): boolean => config.databaseUrl.startsWith('postgres');
