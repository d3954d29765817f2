/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * off otherwise (nothing is created, nothing is sent).
 *
 * The API opens a server span per request and its Temporal client passes the trace context on
 * (@temporalio/interceptors-opentelemetry's client interceptor); the workflow continues it
 * (workflows/interceptors.ts) and the worker's activity interceptor and span sink finish it
 * (worker/tracing.ts), so a decision is one trace from the HTTP request to the mail it sends.
 */
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  tracer: Tracer;
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void>;
}

/** `<endpoint>/v1/traces`, as OTLP/HTTP exporters append to OTEL_EXPORTER_OTLP_ENDPOINT. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Registers a global tracer provider (with the AsyncLocalStorage context manager and the W3C
 * propagator) exporting to `endpoint`, or returns undefined when no endpoint is configured.
 */
export function startTracing(serviceName: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  const resource = new Resource({ 'service.name': serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint) }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global context manager (AsyncLocalStorage) and W3C propagator; a second service in the same
  // process (npm start runs the API and the worker together) keeps the first registration.
  provider.register();
  return {
    tracer: provider.getTracer(serviceName),
    resource,
    spanProcessor,
    shutdown: () => provider.shutdown(),
  };
}
