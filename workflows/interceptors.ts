/**
 * The workflow bundle's interceptors (worker/worker.ts WORKFLOW_INTERCEPTOR_MODULES).
 *
 * - Request origin: the API's client sends `request-id` and, when tracing is on, the trace context
 *   (`_tracer-data`, @temporalio/interceptors-opentelemetry) as headers of each start, update and
 *   signal. Inbound, the handler runs with them as its origin (workflows/request-origin.ts), so
 *   its audit entries and mail carry them. Outbound, a mail activity gets its request's trace
 *   context as its header, so its span joins the trace of the request that caused the mail, not
 *   that of the project's start (the main loop sends mail long after the handler returned).
 * - Tracing: the SDK's OpenTelemetry inbound interceptor wraps only calls that carry a trace
 *   context, and is loaded on the first one. OpenTelemetry's modules then cost a workflow memory in
 *   the sticky cache; untraced workflows (tracing off, the default) never evaluate them.
 *
 * Nothing here adds or changes a command: headers come from history, so a replay sees the same.
 */
// Types only: the modules themselves are required lazily (loadTracing).
import type * as OpenTelemetryApiModule from '@opentelemetry/api';
import type * as OpenTelemetryWorkflowModule from '@temporalio/interceptors-opentelemetry/lib/workflow';
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
import type { Notification } from '../domain/notifications';
import { type RequestOrigin, withOrigin } from './request-origin';

export const REQUEST_ID_HEADER = 'request-id';
/** The header @temporalio/interceptors-opentelemetry carries the trace context in. */
export const TRACE_HEADER = '_tracer-data';

type Headers = Record<string, Payload>;
type OpenTelemetryWorkflow = typeof OpenTelemetryWorkflowModule;
type OpenTelemetryApi = typeof OpenTelemetryApiModule;

interface Tracing {
  inbound: WorkflowInboundCallsInterceptor;
  api: OpenTelemetryApi;
}

let tracing: Tracing | undefined;

/** Loaded on the first traced call only: webpack evaluates a required module when it is first required. */
function loadTracing(): Tracing {
  if (!tracing) {
    /* eslint-disable @typescript-eslint/no-require-imports -- a lazy require keeps OpenTelemetry out of untraced workflows (see above) */
    const otel = require('@temporalio/interceptors-opentelemetry/lib/workflow') as OpenTelemetryWorkflow;
    const api = require('@opentelemetry/api') as OpenTelemetryApi;
    /* eslint-enable @typescript-eslint/no-require-imports */
    tracing = { inbound: new otel.OpenTelemetryInboundInterceptor(), api };
  }
  return tracing;
}

function decode<T>(payload: Payload | undefined): T | undefined {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<T>(payload);
  } catch {
    return undefined;
  }
}

function originOf(headers: Headers, traced: Tracing | undefined): RequestOrigin | undefined {
  const requestId = decode<unknown>(headers[REQUEST_ID_HEADER]);
  let trace: Record<string, string> | undefined;
  if (traced) {
    // Inside the workflow's span for this call: the mail's span becomes its child.
    const carrier: Record<string, string> = {};
    traced.api.propagation.inject(traced.api.context.active(), carrier);
    trace = Object.keys(carrier).length > 0 ? carrier : undefined;
  }
  if (typeof requestId !== 'string' && !trace) return undefined;
  return { ...(typeof requestId === 'string' ? { requestId } : {}), ...(trace ? { trace } : {}) };
}

class RequestOriginInbound implements WorkflowInboundCallsInterceptor {
  /** Innermost, so the handler runs in the trace interceptor's span and sees the origin synchronously. */
  private run<I extends { headers: Headers }, R>(input: I, handle: (input: I) => R): R {
    const traced = input.headers[TRACE_HEADER] ? loadTracing() : undefined;
    return withOrigin(originOf(input.headers, traced), () => handle(input));
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

/** The SDK's trace interceptor, only around calls that carry a trace context. */
class TracingInbound implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    return input.headers[TRACE_HEADER] ? loadTracing().inbound.execute!(input, next) : next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    return input.headers[TRACE_HEADER] ? loadTracing().inbound.handleUpdate!(input, next) : next(input);
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>) {
    if (input.headers[TRACE_HEADER]) loadTracing().inbound.validateUpdate!(input, next);
    else next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    return input.headers[TRACE_HEADER] ? loadTracing().inbound.handleSignal!(input, next) : next(input);
  }
}

class MailTraceOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    const trace =
      input.activityType === 'sendNotification' ? (input.args[0] as Notification)?.trace : undefined;
    if (!trace) return next(input);
    return next({
      ...input,
      headers: { ...input.headers, [TRACE_HEADER]: defaultPayloadConverter.toPayload(trace) },
    });
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new TracingInbound(), new RequestOriginInbound()],
  outbound: [new MailTraceOutbound()],
});
