/**
 * The API's Prometheus metrics (prom-client), served on `GET /metrics`.
 *
 * Labels are bounded: HTTP requests are labelled by the route pattern (`/d/:token`,
 * `/api/projects/:id`), never by the raw path, which holds link tokens and project ids. The
 * registry is one per process, like the process it describes; tests read deltas.
 *
 * /metrics is not for the public: with METRICS_TOKEN set it needs `Authorization: Bearer <token>`,
 * without it only clients on the same machine (loopback, not forwarded by a proxy) get an answer; others get a plain 404.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const apiRegistry = new Registry();
collectDefaultMetrics({ register: apiRegistry });

/** Seconds; from a cached page (a few ms) to the 30 s a test allows Temporal. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests answered by the API, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [apiRegistry],
});

export const temporalRequestDuration = new Histogram({
  name: 'temporal_client_request_duration_seconds',
  help: 'Calls of the API to Temporal (start, update, signal, query, describe, list), by operation and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [apiRegistry],
});

export const temporalUnavailable = new Counter({
  name: 'temporal_client_unavailable_total',
  help: 'API requests that got no answer from Temporal within API_TEMPORAL_TIMEOUT_MS (answered 503)',
  registers: [apiRegistry],
});

/**
 * What a link page showed or did: shown (the open form), decided, already-recorded, expired,
 * forged (no valid token), not-found (a valid token whose project is gone), or why it cannot be
 * decided any more (superseded, closed, delegated, waiting, project-closed), and refused.
 */
export type LinkOutcome =
  | 'shown'
  | 'decided'
  | 'already-recorded'
  | 'expired'
  | 'forged'
  | 'not-found'
  | 'superseded'
  | 'closed'
  | 'delegated'
  | 'waiting'
  | 'project-closed'
  | 'refused'
  | 'renewed';

export const linkPageOutcomes = new Counter({
  name: 'link_page_outcomes_total',
  help: 'Answers of the email-link pages (/d decisions, /r reviews) by what they showed or did',
  labelNames: ['page', 'outcome'] as const,
  registers: [apiRegistry],
});

export const rateLimitRefusals = new Counter({
  name: 'rate_limit_refusals_total',
  help: 'Requests refused with 429 by the link pages rate limit (LINK_RATE_LIMIT_PER_MINUTE)',
  labelNames: ['page'] as const,
  registers: [apiRegistry],
});

/** Records what a link page answered; counted once the response is sent (api/request-log.ts). */
export function noteLinkOutcome(res: Response, outcome: LinkOutcome): void {
  (res.locals as { linkOutcome?: LinkOutcome }).linkOutcome = outcome;
}

export function linkOutcomeOf(res: Response): LinkOutcome | undefined {
  return (res.locals as { linkOutcome?: LinkOutcome }).linkOutcome;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A caller on this machine, talking to us directly: a request forwarded by a reverse proxy on the
 * same machine comes from loopback too, but on behalf of anyone, so a forwarding header disqualifies.
 */
function isLocalCaller(req: Request): boolean {
  if (req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined) return false;
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** `GET /metrics`: the registry in Prometheus text format, for whoever may read it (see above). */
export function metricsEndpoint(token: string | undefined): RequestHandler {
  return async (req, res) => {
    const authorization = req.get('authorization') ?? '';
    const allowed = token
      ? authorization.startsWith('Bearer ') && sameSecret(authorization.slice('Bearer '.length), token)
      : isLocalCaller(req);
    if (!allowed) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    res.type(apiRegistry.contentType).send(await apiRegistry.metrics());
  };
}
