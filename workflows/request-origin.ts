/**
 * Which API request the workflow is handling right now: its request id and its trace context, read
 * from the headers of the start, update or signal by workflows/interceptors.ts and set only while
 * the handler runs its synchronous part (every state change of this workflow happens there).
 *
 * The audit entries and the mail a request causes carry them (workflows/procurement/context.ts),
 * so one request id follows the request from the API log into the audit trail and the mail
 * activity's log, and the mail activity's span joins the request's trace. Both come from history
 * (the event's headers), so a replay sees the same values; histories without them replay as before.
 */

export interface RequestOrigin {
  requestId?: string;
  /** W3C trace context (`traceparent`, `tracestate`) to parent the spans of the mail this request sends. */
  trace?: Record<string, string>;
}

let current: RequestOrigin | undefined;

export function currentOrigin(): RequestOrigin | undefined {
  return current;
}

/** Runs the synchronous part of a handler with `origin` as the current one. */
export function withOrigin<T>(origin: RequestOrigin | undefined, run: () => T): T {
  const previous = current;
  current = origin;
  try {
    return run();
  } finally {
    current = previous;
  }
}

/**
 * The trace context of the span the workflow is in, when workflow tracing is bundled
 * (workflows/tracing-interceptors.ts sets the reader when the workflow starts).
 */
let traceContextReader: (() => Record<string, string> | undefined) | undefined;

export function readTraceContextWith(reader: () => Record<string, string> | undefined): void {
  traceContextReader = reader;
}

export function activeTraceContext(): Record<string, string> | undefined {
  return traceContextReader?.();
}
