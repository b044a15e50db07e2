import { ApolloError } from '@apollo/client/core';
import type { ErrorCodesQuery } from '@/gql/graphql';
import { i18n } from '@/i18n';
import { formatEuros, formatWait } from './format';

/** The codes of the contract (`enum ErrorCode` in schema/schema.graphql), as the generated types know them. */
type ServerErrorCode = ErrorCodesQuery['errorCodes'][number];

/** The codes the server puts in `extensions.code`, plus our own for an unreachable server. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'INVALID_INVITATION',
  'WEAK_PASSWORD',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'INVALID_SIREN',
  'NOT_FOUND',
  'DUPLICATE_EMAIL',
  'DUPLICATE_SIREN',
  'FILE_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'INVALID_STATE',
  'ADVANCE_ABOVE_CAP',
  'NOT_CHAIR',
  'MEETING_NOT_OPEN',
  'NO_CHAIR',
  'NO_QUORUM',
  'BALLOT_OPEN',
  'BALLOT_CLOSED',
  'NOT_ELIGIBLE',
  'RECUSED',
  'ALREADY_VOTED',
  'PROXY_NOT_ALLOWED',
  'NOT_OWN_COMPANY',
  'MANDATARY_REQUIRED',
  'BEYOND_MOTION',
  'REPAYMENT_ABOVE_DUE',
  'CONVENTION_NOT_SIGNED',
  'DAYS_ABOVE_PLEDGE',
  'UNTREATED_ITEMS',
  'NOT_SCHEDULED_DAY',
  'CHAIR_PRESENT',
  'OPERATOR_CANNOT_PRESIDE',
  'NOT_MANDATARY',
  'IMPORT_REJECTED',
  'CONFLICT',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'SERVER_BUSY',
  'MEETING_CANCELLED',
  'PROJECT_MOVE_NOT_ALLOWED',
  'FILE_TYPE_NOT_ACCEPTED',
  'INTERNAL_SERVER_ERROR',
  'CHAIR_NOT_PARTNER_REPRESENTATIVE',
  'CHAIR_IS_VICE_CHAIR',
  'OWN_LAST_OPERATOR_ROLE',
  'ORGANISATION_ARCHIVED',
  'SETTING_OUT_OF_RANGE',
  'DUPLICATE_SLUG',
  'ROLE_ALREADY_HELD',
  'FIXED_BY_DECISION',
  'RUNNING_COSTS_CAP',
  'FUND_INSUFFICIENT',
  'CONTRIBUTION_SUPERSEDED',
  'MOVEMENT_REVERSED',
  'CONVENTION_FROZEN',
  'CONVENTION_ALREADY_RENEWED',
  'ALREADY_SIGNED',
  'NETWORK',
] as const satisfies readonly (ServerErrorCode | 'NETWORK')[];

/** Fails to compile when the server adds a code that this list (and so the translations) does not have. */
type Unlisted = Exclude<ServerErrorCode, (typeof ERROR_CODES)[number]>;
export const everyServerCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the interface needs to know about a failed operation. */
export interface ErrorInfo {
  code: ErrorCode;
  /** Field name → reason, when the server named the fields at fault. */
  fields: Record<string, string>;
  extensions: Record<string, unknown>;
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** Reads the first error of an Apollo failure (or anything thrown) as a stable code. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof ApolloError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const extensions = (first.extensions ?? {}) as Record<string, unknown>;
      const code = isErrorCode(extensions.code) ? extensions.code : 'INTERNAL_SERVER_ERROR';
      const rawFields = extensions.fields;
      const fields: Record<string, string> = {};
      if (rawFields && typeof rawFields === 'object') {
        for (const [name, reason] of Object.entries(rawFields)) fields[name] = String(reason);
      }
      return { code, fields, extensions };
    }
    // A refusal before GraphQL ran (413 too large, 429 too many, 503 busy) still says why, in its body.
    const body = (error.networkError as { result?: { errors?: { extensions?: Record<string, unknown> }[] } } | null)
      ?.result;
    const refusal = body?.errors?.[0]?.extensions;
    if (refusal && isErrorCode(refusal.code)) return { code: refusal.code, fields: {}, extensions: refusal };
    if (error.networkError) return { code: 'NETWORK', fields: {}, extensions: {} };
  }
  if (error instanceof TypeError) return { code: 'NETWORK', fields: {}, extensions: {} };
  return { code: 'INTERNAL_SERVER_ERROR', fields: {}, extensions: {} };
}

/** The message for a failure, in the person's language (reactive to a language switch inside a `computed`). */
export function messageFor(info: ErrorInfo): string {
  const { t } = i18n.global;
  const { code, extensions } = info;
  if (code === 'TOO_MANY_ATTEMPTS') {
    const seconds = Number(extensions.retryAfterSeconds);
    return Number.isFinite(seconds) && seconds > 0
      ? t('errors.TOO_MANY_ATTEMPTS', { wait: formatWait(seconds) })
      : t('errors.TOO_MANY_ATTEMPTS_LATER');
  }
  if (code === 'WEAK_PASSWORD') return weakPasswordMessage(extensions);
  if (code === 'TOO_MANY_REQUESTS' || code === 'SERVER_BUSY') {
    const seconds = Number(extensions.retryAfterSeconds);
    return Number.isFinite(seconds) && seconds > 0
      ? t(`errors.${code}_WAIT`, { wait: formatWait(seconds) })
      : t(`errors.${code}`);
  }
  if (code === 'ADVANCE_ABOVE_CAP') {
    const cap = Number(extensions.cap);
    return Number.isFinite(cap)
      ? t('errors.ADVANCE_ABOVE_CAP_WITH_CAP', { cap: formatEuros(cap) })
      : t('errors.ADVANCE_ABOVE_CAP');
  }
  if (code === 'SETTING_OUT_OF_RANGE') {
    const field = String(extensions.field ?? '');
    const fields = i18n.global.getLocaleMessage('fr').administration.settings.fields;
    return field in fields
      ? t('errors.SETTING_OUT_OF_RANGE_FIELD', {
          field: t(`administration.settings.fields.${field}.label`),
          min: Number(extensions.min),
          max: Number(extensions.max),
        })
      : t('errors.SETTING_OUT_OF_RANGE');
  }
  if (code === 'RUNNING_COSTS_CAP') {
    const [cap, left, year] = [Number(extensions.cap), Number(extensions.left), Number(extensions.year)];
    return [cap, left, year].every(Number.isFinite)
      ? t('errors.RUNNING_COSTS_CAP_WITH_LEFT', { cap: formatEuros(cap), left: formatEuros(left), year })
      : t('errors.RUNNING_COSTS_CAP');
  }
  if (code === 'FUND_INSUFFICIENT' && extensions.reason === 'ALREADY_LENT') {
    const available = Number(extensions.available);
    return t('errors.FUND_INSUFFICIENT_LENT', { available: formatEuros(Number.isFinite(available) ? available : 0) });
  }
  if (code === 'FUND_INSUFFICIENT') {
    const [available, amount] = [Number(extensions.available), Number(extensions.amount)];
    return Number.isFinite(available) && Number.isFinite(amount)
      ? t('errors.FUND_INSUFFICIENT_WITH_AVAILABLE', { available: formatEuros(available), amount: formatEuros(amount) })
      : t('errors.FUND_INSUFFICIENT');
  }
  if (code === 'REPAYMENT_ABOVE_DUE') {
    const due = Number(extensions.due);
    return Number.isFinite(due)
      ? t('errors.REPAYMENT_ABOVE_DUE_WITH_DUE', { due: formatEuros(due) })
      : t('errors.REPAYMENT_ABOVE_DUE');
  }
  return t(`errors.${code}`);
}

const PASSWORD_WARNINGS = Object.keys(i18n.global.getLocaleMessage('fr').passwordWarnings);

/** Why a password was refused: too short, too long, or guessable and (when the server says) how. */
function weakPasswordMessage(extensions: Record<string, unknown>): string {
  const { t } = i18n.global;
  if (extensions.reason === 'TOO_SHORT') return t('errors.WEAK_PASSWORD_TOO_SHORT');
  if (extensions.reason === 'TOO_LONG') return t('errors.WEAK_PASSWORD_TOO_LONG');
  if (extensions.reason !== 'GUESSABLE') return t('errors.WEAK_PASSWORD');
  const warning = typeof extensions.warning === 'string' ? extensions.warning : null;
  const why = warning && PASSWORD_WARNINGS.includes(warning) ? t(`passwordWarnings.${warning}`) : '';
  return t('errors.WEAK_PASSWORD_GUESSABLE', { why }).replace(/\s+/g, ' ');
}

/** True when the request never got an answer from the server: retrying the very same request is then safe. */
export const isNetworkFailure = (error: unknown): boolean => describeError(error).code === 'NETWORK';

/** Shortcut for a one-off message from anything thrown. */
export const errorMessage = (error: unknown): string => messageFor(describeError(error));
