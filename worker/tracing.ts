/**
 * The worker's half of tracing (config/tracing.ts): the SDK's activity interceptors (a span per
 * activity, child of the trace in its headers) and the sink through which workflow spans leave the
 * workflow sandbox.
 *
 * The sink is always there: the workflow side traces a call whenever the API sent a trace context
 * (workflows/interceptors.ts), whatever this worker's configuration, and a missing sink would log an
 * error on every such task. Without tracing configured here, the spans it receives are dropped.
 */
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Tracing } from '../config/tracing';

export interface WorkerTracing {
  activityInterceptors: ActivityInterceptorsFactory[];
  sinks: InjectedSinks<OpenTelemetrySinks>;
}

const droppedSpans: InjectedSinks<OpenTelemetrySinks> = {
  exporter: { export: { fn: () => undefined, callDuringReplay: false } },
};

export function workerTracing(tracing: Tracing | undefined): WorkerTracing {
  if (!tracing) return { activityInterceptors: [], sinks: droppedSpans };
  return {
    activityInterceptors: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
