/**
 * Structured JSON logs, one line per event. Link tokens are capabilities: anything that looks like
 * one (a path segment after /d/ or /r/, or a `token` field) is redacted before a line is written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const TOKEN_IN_PATH = /\/(d|r)\/[A-Za-z0-9._~-]{20,}/g;
const SENSITIVE_KEYS = /^(token|authorization|password|secret|apiKey|api_key)$/i;

export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(TOKEN_IN_PATH, '/$1/[redacted]');
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SENSITIVE_KEYS.test(key) ? '[redacted]' : redact(inner),
      ]),
    );
  }
  return value;
}

export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (lvl: LogLevel, message: string, fields: Record<string, unknown> = {}): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        msg: redact(message),
        ...(redact({ ...base, ...fields }) as object),
      }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
