/** A small structured logger: one JSON line per event. Never pass secrets (tokens, passwords, cookies) to it. */
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
