/**
 * A small structured logger: one JSON line per event. Never pass secrets (tokens, passwords, cookies) to it, nor
 * anything a request carried (bodies, addresses, error messages that quote them): see `describeFailure`.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** `quiet` drops info lines (tests), keeping warnings and errors. */
export function createLogger(quiet = false): Logger {
  const write = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === 'info') return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** Error kinds whose message speaks of our code (a property read on undefined…), never of what a request carried. */
const CODE_ERRORS = new Set(['TypeError', 'ReferenceError', 'RangeError']);

/**
 * What the log may keep of an unexpected error: its kind, its driver code, where it happened (stack frames), and
 * its message only for programming errors. Other messages can quote what a request sent: a JSON syntax error
 * quotes the body, a database error the query with its values.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const { code } = error as { code?: unknown };
  return {
    kind: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(CODE_ERRORS.has(error.name) ? { message: error.message.slice(0, 300) } : {}),
    frames: framesOf(error),
  };
}

/** The stack's frames without its first line, which repeats the message (and may span lines). */
function framesOf(error: Error): string[] {
  const stack = error.stack ?? '';
  const end = stack.indexOf(error.message);
  return (end >= 0 ? stack.slice(end + error.message.length) : stack)
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
}
