import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Every error code the API returns in `extensions.code`, with what it means. Stable: clients translate them.
 */
export const ErrorCode = {
  /** No valid session: sign in first. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, and the record or basin is visible to you, but your role there does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** Email or password wrong (one message for both, on purpose). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins: wait `extensions.retryAfterSeconds`. */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /** The invitation link is unknown, used or expired. */
  INVALID_INVITATION: 'INVALID_INVITATION',
  /**
   * A password too weak to accept: `extensions.reason` is TOO_SHORT, TOO_LONG or GUESSABLE, with zxcvbn's
   * `warning` and `suggestions` keys for a guessable one.
   */
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  /** Input failed validation; `extensions.fields` says which. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A SIREN that is not 9 digits with a valid check digit. */
  INVALID_SIREN: 'INVALID_SIREN',
  /**
   * The record (or basin) asked for does not exist, or is not visible to you: another basin's record answers this,
   * exactly like one that does not exist, so that its existence is never revealed.
   */
  NOT_FOUND: 'NOT_FOUND',
  /** This email already belongs to an account. */
  DUPLICATE_EMAIL: 'DUPLICATE_EMAIL',
  /** This SIREN is already registered in the basin. */
  DUPLICATE_SIREN: 'DUPLICATE_SIREN',
  /** The attachment exceeds the size limit (`extensions.maxBytes`). */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** The change is not allowed in the record's current state (e.g. editing a closed meeting). */
  INVALID_STATE: 'INVALID_STATE',
  /** An advance above the basin's cap. */
  ADVANCE_ABOVE_CAP: 'ADVANCE_ABOVE_CAP',
  /** Only the meeting's chair (or the operator acting for them) may do this. */
  NOT_CHAIR: 'NOT_CHAIR',
  /** Live actions need an open session (and a closed one never changes). */
  MEETING_NOT_OPEN: 'MEETING_NOT_OPEN',
  /** A meeting cannot open without a chair. */
  NO_CHAIR: 'NO_CHAIR',
  /** The quorum is not reached: a ballot cannot open. */
  NO_QUORUM: 'NO_QUORUM',
  /** A ballot is already open on this item (or in this meeting, when closing it). */
  BALLOT_OPEN: 'BALLOT_OPEN',
  /** The ballot is closed: its votes and result no longer change. */
  BALLOT_CLOSED: 'BALLOT_CLOSED',
  /** You are not among this ballot's voters (absent when it opened, or not a member). */
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  /** You are recused from this item: your organisation prescribed it, or you declared a conflict of interest. */
  RECUSED: 'RECUSED',
  /** You have voted already and this ballot does not allow a change. */
  ALREADY_VOTED: 'ALREADY_VOTED',
  /** The proxy is not allowed (same organisation, holder absent, or too many proxies). */
  PROXY_NOT_ALLOWED: 'PROXY_NOT_ALLOWED',
  /** A partner company pledges only its own staff time. */
  NOT_OWN_COMPANY: 'NOT_OWN_COMPANY',
  /** A decision grants at most what the ballot's motion put to the vote (advance, mandatary). */
  BEYOND_MOTION: 'BEYOND_MOTION',
  /** An approval names the mandatary who will follow the project. */
  MANDATARY_REQUIRED: 'MANDATARY_REQUIRED',
  /**
   * An act that needs a signed convention: an advance is disbursed only once its project's convention and the
   * advance's annex are signed by every party; a partnership convention is renewed or amended only once signed.
   */
  CONVENTION_NOT_SIGNED: 'CONVENTION_NOT_SIGNED',
  /** Days delivered above the days pledged need a justification (`extensions.pledgeIds`). */
  DAYS_ABOVE_PLEDGE: 'DAYS_ABOVE_PLEDGE',
  /** The session still has untreated items: closing needs a confirmation, which defers them (`extensions.items`). */
  UNTREATED_ITEMS: 'UNTREATED_ITEMS',
  /** A session opens on its scheduled day; on another day, a reason is required and recorded in the minutes. */
  NOT_SCHEDULED_DAY: 'NOT_SCHEDULED_DAY',
  /** The vice-chair presides only when the chair is absent (declared absent or excused). */
  CHAIR_PRESENT: 'CHAIR_PRESENT',
  /** The operator assists the session (agenda, attendance, hands) but never presides: the chair or vice-chair does. */
  OPERATOR_CANNOT_PRESIDE: 'OPERATOR_CANNOT_PRESIDE',
  /** A repayment larger than what remains due on the advance. */
  REPAYMENT_ABOVE_DUE: 'REPAYMENT_ABOVE_DUE',
  /** Only the mandatary who follows a project reports on it. */
  NOT_MANDATARY: 'NOT_MANDATARY',
  /** An import with at least one wrong row: nothing was imported; `extensions.rows` lists every problem. */
  IMPORT_REJECTED: 'IMPORT_REJECTED',
  /** Someone else changed the same record at the same moment: reload and try again. */
  CONFLICT: 'CONFLICT',
  /** The request could not be read: malformed JSON, an unknown encoding or content type. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The body, websocket message or address is larger than allowed (`extensions.maxBytes`). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The GraphQL document has more tokens than allowed (`extensions.maxTokens`). */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** The operation nests fields deeper than allowed (`extensions.depth`, `maxDepth`). */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** The operation has too many aliases, or could return too many fields (`extensions.cost`, `maxCost`). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Too many requests from this person (or address) this minute: wait `extensions.retryAfterSeconds`. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** The server has too many operations under way: try again in a moment (`extensions.retryAfterSeconds`). */
  SERVER_BUSY: 'SERVER_BUSY',
  /** The operation ran past its time budget and was stopped (`extensions.budgetMs`); nothing more was read. */
  TIMEOUT: 'TIMEOUT',
  /** The chair and vice-chair are serving members of the committee for a partner company that is not archived. */
  CHAIR_NOT_PARTNER_REPRESENTATIVE: 'CHAIR_NOT_PARTNER_REPRESENTATIVE',
  /** One person cannot be both the chair and the vice-chair of a basin. */
  CHAIR_IS_VICE_CHAIR: 'CHAIR_IS_VICE_CHAIR',
  /** An operator cannot revoke their own last operator role (someone must run the basin). */
  OWN_LAST_OPERATOR_ROLE: 'OWN_LAST_OPERATOR_ROLE',
  /** The organisation is archived: it takes no new role, person or office until it is unarchived. */
  ORGANISATION_ARCHIVED: 'ORGANISATION_ARCHIVED',
  /** A basin setting outside its allowed range (`extensions.field`, `min`, `max`). */
  SETTING_OUT_OF_RANGE: 'SETTING_OUT_OF_RANGE',
  /** Another basin already uses this slug. */
  DUPLICATE_SLUG: 'DUPLICATE_SLUG',
  /** The person already holds this role in the basin. */
  ROLE_ALREADY_HELD: 'ROLE_ALREADY_HELD',
  /** The session is cancelled: it never opens and its agenda no longer changes. */
  MEETING_CANCELLED: 'MEETING_CANCELLED',
  /**
   * A project status move that is not allowed: preparation moves only forward (prescribed → diagnosis → scheduled),
   * and scheduling needs a saved diagnosis version; `extensions.reason` is NOT_FORWARD or DIAGNOSIS_REQUIRED.
   */
  PROJECT_MOVE_NOT_ALLOWED: 'PROJECT_MOVE_NOT_ALLOWED',
  /** The attachment's type is not among those accepted (`extensions.acceptedTypes`). */
  FILE_TYPE_NOT_ACCEPTED: 'FILE_TYPE_NOT_ACCEPTED',
  /**
   * The project's advance, plan (competence needs) and planned jobs were fixed by the committee's decision: they change
   * only through a new decision of the committee (`extensions.fields`).
   */
  FIXED_BY_DECISION: 'FIXED_BY_DECISION',
  /**
   * The operator's expenses would go above the programme's yearly cap on running costs (`extensions.cap`, `spent`
   * this year, `left`, `year`).
   */
  RUNNING_COSTS_CAP: 'RUNNING_COSTS_CAP',
  /**
   * The advances fund lacks the cash (`extensions.available`, `amount`): for a disbursement, or, with `reason`
   * ALREADY_LENT, for taking back an endowment (a reversal, a correction) that the fund has lent already.
   */
  FUND_INSUFFICIENT: 'FUND_INSUFFICIENT',
  /** This contribution was corrected already: correct its latest entry (`extensions.correctedById`). */
  CONTRIBUTION_SUPERSEDED: 'CONTRIBUTION_SUPERSEDED',
  /** This treasury movement was reversed already, or is itself a reversal. */
  MOVEMENT_REVERSED: 'MOVEMENT_REVERSED',
  /** A partnership convention's terms (partners, commitments, annex, objectives) are frozen from its first signature. */
  CONVENTION_FROZEN: 'CONVENTION_FROZEN',
  /** A partnership convention is renewed once: its next period has a convention already. */
  CONVENTION_ALREADY_RENEWED: 'CONVENTION_ALREADY_RENEWED',
  /** This partner's signature is recorded already. */
  ALREADY_SIGNED: 'ALREADY_SIGNED',
  /** Unexpected failure; details are in the server log, never in the answer. */
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error a person can act on: a stable code and a plain-English message (the client shows its own translation). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const notFound = (what: string): AppError => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this'): AppError =>
  new AppError(ErrorCode.FORBIDDEN, message);
export const badInput = (message: string, fields: Record<string, string> = {}): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { fields });

/** graphql's message when the parser's `maxTokens` stops it (graphql 16 writes "more that 2000 tokens", 17 "than"). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * graphql's "Did you mean …?" hints name fields, arguments and enum values close to what was sent: a map of the
 * schema for whoever probes it without introspection. We drop them everywhere (the development tools have the
 * schema anyway), so that no environment answers differently.
 */
export const withoutSuggestions = (message: string): string => message.replace(/\s*Did you mean [^]*$/, '');

/**
 * What a client may see of an error: our AppErrors and GraphQL's own validation errors as they are; input
 * validation (class-validator) as BAD_USER_INPUT with the fields; a unique-key race as CONFLICT; a document over the
 * token limit as QUERY_TOO_LARGE; no "Did you mean" hint; anything else masked as INTERNAL_SERVER_ERROR (logged by
 * the caller, never sent).
 */
export function publicError(
  formatted: GraphQLFormattedError,
  original: unknown,
): { error: GraphQLFormattedError; unexpected: boolean } {
  // Not `instanceof GraphQLError`: Apollo may load graphql's CommonJS build while we load its ES build.
  const cause = (original as { originalError?: unknown } | null)?.originalError ?? original;
  const code = formatted.extensions?.code;
  if (cause instanceof AppError) {
    // `http` tells Apollo the status to answer with; it is not for the client.
    const extensions = Object.fromEntries(Object.entries(cause.extensions).filter(([key]) => key !== 'http'));
    return { error: { ...formatted, extensions }, unexpected: false };
  }
  const name = (cause as { name?: string } | null)?.name;
  if (name === 'ArgumentValidationError' || name === 'ValidationError') {
    const details = (cause as { validationErrors?: { property: string; constraints?: Record<string, string> }[] })
      .validationErrors;
    const fields = Object.fromEntries(
      (details ?? []).map((d) => [d.property, Object.keys(d.constraints ?? {})[0] ?? 'invalid']),
    );
    return {
      error: {
        message: 'Some fields are not valid',
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
      },
      unexpected: false,
    };
  }
  if (name === 'UniqueConstraintViolationException') {
    return {
      error: {
        message: 'Someone changed this at the same moment: please try again',
        path: formatted.path,
        extensions: { code: ErrorCode.CONFLICT },
      },
      unexpected: false,
    };
  }
  const known = [
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
    'BAD_USER_INPUT',
    'PERSISTED_QUERY_NOT_FOUND',
    'BAD_REQUEST',
    'OPERATION_RESOLUTION_FAILURE',
  ];
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    return {
      error: {
        message: `The document has more than ${tokens[1]} tokens: send a smaller query`,
        extensions: { code: ErrorCode.QUERY_TOO_LARGE, maxTokens: Number(tokens[1]) },
      },
      unexpected: false,
    };
  }
  if (typeof code === 'string' && known.includes(code)) {
    return {
      error: {
        message: withoutSuggestions(formatted.message),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code },
      },
      unexpected: false,
    };
  }
  return {
    error: {
      message: 'Something went wrong on our side',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL },
    },
    unexpected: true,
  };
}
