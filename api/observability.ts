/**
 * What the API tells an operator about each request: a request id (the client's `X-Request-Id`
 * when plausible, else a fresh one; echoed in the answer), one access log line with the route
 * pattern and a sanitized path (config/redact.ts), the HTTP metrics by route pattern and status,
 * link-page outcomes (api/metrics.ts), and a server span when tracing is on (config/tracing.ts).
 *
 * The request id and the trace context live in AsyncLocalStorage. Body parsers call `next` from a
 * stream event, outside the request's async context, so `restoreRequestContext` runs after each
 * parser to enter it again.
 *
 * The Temporal client's interceptors (`temporalClientInterceptors`) send the request id as the
 * `request-id` header of every start, update and signal (the workflow puts it on its audit entries
 * and mail, workflows/interceptors.ts), time every call by operation, and pass the trace on.
 */
import {
  type Context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context as otelContext,
  propagation,
  trace,
} from '@opentelemetry/api';
import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../config/logger';
import { sanitizePath } from '../config/redact';
import { currentRequestId, requestIdFrom, runWithRequestId } from '../config/request-context';
import type { Tracing } from '../config/tracing';
import { REQUEST_ID_HEADER } from '../workflows/interceptors';
import { httpRequestDuration, linkOutcomeOf, linkPageOutcomes, temporalRequestDuration } from './metrics';

interface SavedContext {
  requestId: string;
  trace: Context;
}

const SAVED = Symbol('request context');

/** The route pattern that answered (`/d/:token`), never the path itself; bounded for metric labels. */
export function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  const sanitized = sanitizePath(req.originalUrl);
  // Refused before a route (rate limit, cross-site post): still a link page.
  if (/^\/d\//.test(sanitized)) return '/d/:token';
  if (/^\/r\//.test(sanitized)) return '/r/:token';
  return 'unmatched';
}

export function requestObservability(logger: Logger, tracing?: Tracing): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.get('x-request-id'));
    res.set('X-Request-Id', requestId);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracing?.tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'request.id': requestId } },
      parent,
    );
    const traceContext = span ? trace.setSpan(parent, span) : otelContext.active();
    (res.locals as Record<symbol, SavedContext>)[SAVED] = { requestId, trace: traceContext };

    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = String(res.statusCode);
      httpRequestDuration.observe({ method: req.method, route, status }, seconds);
      const outcome = linkOutcomeOf(res);
      if (outcome) linkPageOutcomes.inc({ page: route.startsWith('/r') ? 'review' : 'decision', outcome });
      span?.updateName(`${req.method} ${route}`);
      span?.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
      span?.end();
      logger.info('request', {
        requestId,
        method: req.method,
        route,
        path: sanitizePath(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(seconds * 1e5) / 100,
        ...(outcome ? { outcome } : {}),
      });
    });
    otelContext.with(traceContext, () => runWithRequestId(requestId, next));
  };
}

/** Enters the request's context again (after a body parser, see above). */
export const restoreRequestContext: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
  const saved = (res.locals as Record<symbol, SavedContext | undefined>)[SAVED];
  if (!saved) return next();
  otelContext.with(saved.trace, () => runWithRequestId(saved.requestId, next));
};

type Headers = Record<string, ReturnType<typeof defaultPayloadConverter.toPayload>>;

function withRequestId<T extends { headers: Headers }>(input: T): T {
  const requestId = currentRequestId();
  if (!requestId) return input;
  return {
    ...input,
    headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) },
  };
}

async function timed<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const stop = temporalRequestDuration.startTimer({ operation });
  try {
    const result = await call();
    stop({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}

/** Request ids and latency of every call the API makes to a workflow. */
class RequestIdAndTimingInterceptor implements WorkflowClientInterceptor {
  start: NonNullable<WorkflowClientInterceptor['start']> = (input, next) =>
    timed('start', () => next(withRequestId(input)));
  startWithDetails: NonNullable<WorkflowClientInterceptor['startWithDetails']> = (input, next) =>
    timed('start', () => next(withRequestId(input)));
  startUpdate: NonNullable<WorkflowClientInterceptor['startUpdate']> = (input, next) =>
    timed('update', () => next(withRequestId(input)));
  startUpdateWithStart: NonNullable<WorkflowClientInterceptor['startUpdateWithStart']> = (input, next) => {
    const requestId = currentRequestId();
    const header: Headers = requestId
      ? { [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) }
      : {};
    return timed('update-with-start', () =>
      next({
        ...input,
        workflowStartHeaders: { ...input.workflowStartHeaders, ...header },
        updateHeaders: { ...input.updateHeaders, ...header },
      }),
    );
  };
  signal: NonNullable<WorkflowClientInterceptor['signal']> = (input, next) =>
    timed('signal', () => next(withRequestId(input)));
  signalWithStart: NonNullable<WorkflowClientInterceptor['signalWithStart']> = (input, next) =>
    timed('signal-with-start', () => next(withRequestId(input)));
  query: NonNullable<WorkflowClientInterceptor['query']> = (input, next) => timed('query', () => next(input));
  describe: NonNullable<WorkflowClientInterceptor['describe']> = (input, next) =>
    timed('describe', () => next(input));
  cancel: NonNullable<WorkflowClientInterceptor['cancel']> = (input, next) =>
    timed('cancel', () => next(input));
  terminate: NonNullable<WorkflowClientInterceptor['terminate']> = (input, next) =>
    timed('terminate', () => next(input));
}

/** For `new Client({ interceptors: { workflow: temporalClientInterceptors(tracing) } })`. */
export function temporalClientInterceptors(tracing?: Tracing): WorkflowClientInterceptor[] {
  return [
    new RequestIdAndTimingInterceptor(),
    ...(tracing ? [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] : []),
  ];
}
