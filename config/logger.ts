/**
 * Structured logs with pino: one JSON line per event (`time`, `level`, `msg`, the service and the
 * request id when there is one, then the fields). Errors go through an `err` serializer that keeps
 * the type, message, stack and the whole `cause` chain; link tokens and secrets are redacted
 * (config/redact.ts) from messages, fields, bindings and error texts before a line is written.
 *
 * The call sites keep the project's shape, `logger.info(message, fields)`; `logger.pino` is the
 * pino instance underneath for libraries that want one.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequestId } from './request-context';
import { redact, redactText } from './redact';

export { redact, redactText, sanitizePath } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  readonly pino: PinoLogger;
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: unknown;
  aggregateErrors?: unknown[];
  [key: string]: unknown;
}

/**
 * pino's errWithCause keeps the chain but only for causes that are Errors, and copies texts as they
 * are; here any cause is kept (a string, an object) and every text goes through redaction, since an
 * error message may quote a URL.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return redact(error);
  const base = pino.stdSerializers.errWithCause(error) as unknown as SerializedError;
  const out: SerializedError = {
    type: base.type,
    message: redactText(base.message),
    ...(base.stack ? { stack: redactText(base.stack) } : {}),
  };
  for (const [key, value] of Object.entries(base)) {
    if (key in out || key === 'cause' || key === 'aggregateErrors' || key === 'raw') continue;
    out[key] = redact(value);
  }
  if (error.cause !== undefined && depth < 8) out.cause = serializeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < 8) {
    out.aggregateErrors = error.errors.map((inner: unknown) => serializeError(inner, depth + 1));
  }
  return out;
}

function pinoOptions(level: LogLevel, base: Record<string, unknown>): pino.LoggerOptions {
  return {
    level,
    base: redact(base) as Record<string, unknown>,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names rather than numbers: log readers filter on "warn", not 40.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
}

function wrap(instance: PinoLogger): Logger {
  const emit =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      if (!instance.isLevelEnabled(level)) return;
      instance[level](redact(fields) as Record<string, unknown>, redactText(message));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(instance.child(redact(fields) as Record<string, unknown>)),
    pino: instance,
  };
}

/**
 * A logger writing JSON lines to stdout, or to `write` (one line per call, without its newline),
 * which tests use to read what would be logged.
 */
export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write?: (line: string) => void,
): Logger {
  const destination: DestinationStream | undefined = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : undefined;
  const options = pinoOptions(level, base);
  return wrap(destination ? pino(options, destination) : pino(options));
}
