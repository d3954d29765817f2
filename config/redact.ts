/**
 * Link tokens are capabilities: whoever holds one decides for its approver. They must never reach a
 * log line, in whatever spelling a client (or an attacker probing the router) sends them.
 *
 * Express routes `/d/<token>` case-insensitively (`/D/…`), with a trailing slash, and decodes
 * percent-escapes in the parameter (`v1%2Ek2026%2E…` is the same token); `/d/./<token>`,
 * `//d/<token>` or `/x/../d/<token>` do not reach the token routes (404) but still carry the token
 * into the request log. So request paths are decoded segment by segment and everything after a
 * `d` or `r` segment is dropped (`sanitizePath`), and free text (error messages, stacks) loses
 * anything after `/d/` or `/r/` in any of those spellings and anything shaped like a token
 * (`redactText`).
 */

export const REDACTED = '[redacted]';

/**
 * After `/d/` or `/r/`, also written `/D/`, `/%64/`, `/d%2F`, `/d/./`: everything up to a space or
 * quote; but not the route pattern `/d/:token` itself.
 */
const LINK_PATH_IN_TEXT = /\/(d|r|%64|%72)(\/|%2f)(?!:token\b)[^\s"'<>`]*/gi;
/** A token by its shape (`v1.<key id>.<claims>.<signature>`), dots also as `%2E`. */
const TOKEN_SHAPE_IN_TEXT = /v1(?:\.|%2e)[\w%-]{1,100}(?:\.|%2e)[\w%-]{8,}(?:(?:\.|%2e)[\w%-]*)?/gi;
const TOKEN_SHAPE = /^v1\.[\w-]{1,100}\.[\w-]{8,}/i;
/** The actions after a token that are kept in a sanitized path (they say what was done, not who). */
const LINK_ACTIONS = new Set(['delegate', 'renew']);
/** Field names whose values are secrets whatever they look like. */
const SENSITIVE_KEYS =
  /^(token|authorization|cookie|password|secret|secretaccesskey|apikey|api_key|x-api-key)$/i;

export function redactText(text: string): string {
  return text
    .replace(LINK_PATH_IN_TEXT, (_match, kind: string) => `/${linkKind(kind)}/${REDACTED}`)
    .replace(TOKEN_SHAPE_IN_TEXT, REDACTED);
}

function linkKind(written: string): 'd' | 'r' {
  const lower = written.toLowerCase();
  return lower === 'd' || lower === '%64' ? 'd' : 'r';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A request path fit for a log line: no query string, each segment decoded, everything after a
 * `d` or `r` segment replaced (a known action at the end is kept), and any other segment shaped
 * like a token replaced.
 */
export function sanitizePath(originalUrl: string): string {
  const pathname = originalUrl.split(/[?#]/, 1)[0] ?? '';
  const segments = pathname.split('/').map(decodeSegment);
  const out: string[] = [];
  for (const segment of segments) {
    const lower = segment.toLowerCase();
    if (lower === 'd' || lower === 'r') {
      const last = segments.at(-1)?.toLowerCase() ?? '';
      const action = segments.length - out.length >= 3 && LINK_ACTIONS.has(last) ? `/${last}` : '';
      return `${out.join('/')}/${lower}/${REDACTED}${action}`;
    }
    out.push(TOKEN_SHAPE.test(segment) ? REDACTED : redactText(segment));
  }
  return out.join('/');
}

/** A value fit for a log line: strings through redactText, sensitive keys replaced, Errors left to the err serializer. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SENSITIVE_KEYS.test(key) ? REDACTED : redact(inner, depth + 1),
    ]),
  );
}
