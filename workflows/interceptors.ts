/**
 * The workflow bundle's interceptors (worker/worker.ts WORKFLOW_INTERCEPTOR_MODULES), in every
 * bundle: the API's client sends `request-id` and, when tracing is on, the trace context
 * (`_tracer-data`, @temporalio/interceptors-opentelemetry) as headers of each start, update and
 * signal. Inbound, the handler runs with them as its origin (workflows/request-origin.ts), so its
 * audit entries and mail carry them. Outbound, a mail activity gets its request's trace context as
 * its header, so its span joins the trace of the request that caused the mail, not that of the
 * project's start (the main loop sends mail long after the handler returned).
 *
 * Workflow spans come from workflows/tracing-interceptors.ts, bundled only when tracing is on: it
 * makes the handler's own span the parent of the mail's. Nothing here adds or changes a command:
 * headers come from history, so a replay sees the same.
 */
import { type Payload, defaultPayloadConverter } from '@temporalio/common';
import type {
  ActivityInput,
  Next,
  SignalInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { MailBatchItem } from '../activities/mail/batch';
import type { Notification } from '../domain/notifications';
import { type RequestOrigin, activeTraceContext, withOrigin } from './request-origin';

export const REQUEST_ID_HEADER = 'request-id';
/** The header @temporalio/interceptors-opentelemetry carries the trace context in. */
export const TRACE_HEADER = '_tracer-data';

type Headers = Record<string, Payload>;

function decode<T>(payload: Payload | undefined): T | undefined {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<T>(payload);
  } catch {
    return undefined;
  }
}

/** Headers may come from any client, not only the API: only short strings enter the state. */
const MAX_REQUEST_ID = 64;
const MAX_TRACE_VALUE = 512;

function w3cContext(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const kept = Object.entries(value).filter(
    ([key, inner]) =>
      (key === 'traceparent' || key === 'tracestate') &&
      typeof inner === 'string' &&
      inner.length <= MAX_TRACE_VALUE,
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function originOf(headers: Headers): RequestOrigin | undefined {
  const given = decode<unknown>(headers[REQUEST_ID_HEADER]);
  const requestId = typeof given === 'string' && given.length <= MAX_REQUEST_ID ? given : undefined;
  // The workflow's own span for this call when tracing is bundled, else the caller's context.
  const trace =
    headers[TRACE_HEADER] === undefined
      ? undefined
      : w3cContext(activeTraceContext() ?? decode<unknown>(headers[TRACE_HEADER]));
  if (!requestId && !trace) return undefined;
  return { ...(requestId ? { requestId } : {}), ...(trace ? { trace } : {}) };
}

class RequestOriginInbound implements WorkflowInboundCallsInterceptor {
  /** Innermost, so the handler runs in the trace interceptor's span and sees the origin synchronously. */
  private run<I extends { headers: Headers }, R>(input: I, handle: (input: I) => R): R {
    return withOrigin(originOf(input.headers), () => handle(input));
  }

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    return this.run(input, next);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    return this.run(input, next);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    return this.run(input, next);
  }
}

/**
 * The trace of the request that caused a mail: a single message's, or a batch's first message's
 * (a batch holds the mail of one workflow task, so of one request).
 */
function mailTrace(input: ActivityInput): Notification['trace'] {
  if (input.activityType === 'sendNotification') return (input.args[0] as Notification | undefined)?.trace;
  if (input.activityType === 'sendNotifications') {
    return (input.args[0] as MailBatchItem[] | undefined)?.[0]?.notification.trace;
  }
  return undefined;
}

class MailTraceOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    const trace = mailTrace(input);
    if (!trace) return next(input);
    return next({
      ...input,
      headers: { ...input.headers, [TRACE_HEADER]: defaultPayloadConverter.toPayload(trace) },
    });
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new RequestOriginInbound()],
  outbound: [new MailTraceOutbound()],
});
