/**
 * Workflow spans (@temporalio/interceptors-opentelemetry), bundled only when tracing is on
 * (worker/worker.ts WORKFLOW_TRACING_INTERCEPTOR_MODULES, before workflows/interceptors.ts so its
 * spans enclose the handler).
 *
 * Replay safety: the SDK's own inbound interceptor awaits around each handler, which delays an
 * update's completion by a few microtasks; the main loop then schedules its mail first, and a replay
 * that does not take the same path (a bundle without tracing, a call without a trace context) fails
 * with a nondeterminism error. So the spans here use the SDK's tracer and span names but cover only
 * the synchronous part of a handler (where every state change happens) and add no await: a workflow
 * issues the same commands in the same order with or without them.
 *
 * Cost: OpenTelemetry adds about 1.7 MB to the bundle the worker compiles at start, and, once
 * evaluated, its modules to each cached workflow. So this module is not in the default bundle, and
 * even here only calls that carry a trace context get a span, loading OpenTelemetry on the first
 * one: workflows nobody traced (older projects, timers) never evaluate it.
 */
import type * as OpenTelemetryApiModule from '@opentelemetry/api';
import type * as InstrumentationModule from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import type * as OpenTelemetryWorkflowModule from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  Next,
  SignalInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
} from '@temporalio/workflow';
import { workflowInfo } from '@temporalio/workflow';
import { TRACE_HEADER } from './interceptors';
import { readTraceContextWith } from './request-origin';

type Headers = Record<string, unknown>;

interface Tracing {
  /** A span around `run` (synchronous), child of the caller's context in `headers`. */
  span<T>(name: string, headers: Headers, run: () => T, attributes?: Record<string, string>): T;
  /** The SDK's validator span (synchronous already). */
  validator: WorkflowInboundCallsInterceptor;
  api: typeof OpenTelemetryApiModule;
}

let tracing: Tracing | undefined;

/** Webpack evaluates a required module when it is first required: on the first traced call. */
function loadTracing(): Tracing {
  if (!tracing) {
    /* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
    const otel =
      require('@temporalio/interceptors-opentelemetry/lib/workflow') as typeof OpenTelemetryWorkflowModule;
    const instrumentation =
      require('@temporalio/interceptors-opentelemetry/lib/instrumentation') as typeof InstrumentationModule;
    const api = require('@opentelemetry/api') as typeof OpenTelemetryApiModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    /** The SDK's interceptor, for its tracer (exporting through the worker's span sink). */
    class SdkTracer extends otel.OpenTelemetryInboundInterceptor {
      span<T>(name: string, headers: Headers, run: () => T, attributes: Record<string, string> = {}): T {
        return instrumentation.instrumentSync({
          tracer: this.tracer,
          spanName: name,
          context: instrumentation.extractContextFromHeaders(
            headers as Parameters<typeof instrumentation.extractContextFromHeaders>[0],
          ),
          fn: (span) => {
            span.setAttributes(attributes);
            return run();
          },
        });
      }
    }
    const sdk = new SdkTracer();
    tracing = { span: (...args) => sdk.span(...args), validator: sdk, api };
  }
  return tracing;
}

/** The W3C context of the active span, for the mail this call enqueues (workflows/interceptors.ts). */
function activeContext(): Record<string, string> | undefined {
  if (!tracing) return undefined;
  const carrier: Record<string, string> = {};
  tracing.api.propagation.inject(tracing.api.context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

const traced = (headers: Headers) => headers[TRACE_HEADER] !== undefined;

/** Span names as the SDK's interceptors write them (`HandleUpdate:decide`). */
class TracingInbound implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    if (!traced(input.headers)) return next(input);
    return loadTracing().span(`RunWorkflow:${workflowInfo().workflowType}`, input.headers, () => next(input));
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    if (!traced(input.headers)) return next(input);
    return loadTracing().span(`HandleUpdate:${input.name}`, input.headers, () => next(input), {
      temporalUpdateId: input.updateId,
    });
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>) {
    if (traced(input.headers)) loadTracing().validator.validateUpdate!(input, next);
    else next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    if (!traced(input.headers)) return next(input);
    return loadTracing().span(`HandleSignal:${input.signalName}`, input.headers, () => next(input));
  }
}

export const interceptors = (): WorkflowInterceptors => {
  readTraceContextWith(activeContext);
  return { inbound: [new TracingInbound()] };
};
