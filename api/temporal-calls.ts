/**
 * Every call the API makes to Temporal has a deadline, so no request waits forever on a worker
 * that is gone or a cluster that is down: it answers 503 with Retry-After instead.
 *
 * Two mechanisms together: the client's gRPC deadline (`withDeadline`) bounds every RPC made inside
 * the call, including the SDK's own retries and the long polls of an update; a timer answers at the
 * deadline itself, because the SDK's retry back-off can overrun a gRPC deadline by a second or so.
 */
import {
  type Client,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { temporalRequestDuration, temporalUnavailable } from './metrics';

/** Temporal did not answer in time or could not be reached: the request may be retried later. */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
}

/** How long a client should wait before trying again (seconds, the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * gRPC codes that mean "not now" rather than "no": the deadline passed, the server (or the
 * connection to it) is unavailable, the call was cancelled by our own deadline, or the server is
 * shedding load.
 */
export const GrpcCode = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;
const UNAVAILABLE_CODES = new Set<number>([
  GrpcCode.DEADLINE_EXCEEDED,
  GrpcCode.UNAVAILABLE,
  GrpcCode.CANCELLED,
  GrpcCode.RESOURCE_EXHAUSTED,
]);

/** The gRPC status code of an error from the client (raw, or wrapped in the SDK's ServiceError). */
export function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) return error.cause.code;
  return undefined;
}

/** True for failures that say Temporal (or a worker) did not answer, as opposed to a real answer. */
export function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof TemporalUnavailableError) return true;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(error);
  return code !== undefined && UNAVAILABLE_CODES.has(code);
}

export interface TemporalCalls {
  /**
   * Runs `call` with the configured deadline; a timeout or an unreachable Temporal becomes a
   * TemporalUnavailableError (counted in `temporal_client_unavailable_total`). Workflow calls are
   * timed by the client's interceptor (api/observability.ts); calls it does not see (a visibility
   * list) name their `operation` here to be timed.
   */
  within<T>(call: () => Promise<T>, operation?: string): Promise<T>;
  readonly timeoutMs: number;
  /**
   * Resolves once no call is still running underneath: a call whose deadline answered may still
   * wait out a retry back-off of the SDK (up to 5 s), and closing the connection under it throws
   * from a timer. Shutdown waits for this before closing the connection.
   */
  settled(): Promise<void>;
}

const ignore = () => undefined;

export function createTemporalCalls(client: Client, timeoutMs: number): TemporalCalls {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  const unavailable = () =>
    new TemporalUnavailableError(
      `Temporal did not answer within ${seconds}: no worker is polling the task queue, or the cluster is unreachable`,
    );
  const running = new Set<Promise<unknown>>();
  return {
    timeoutMs,
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async within<T>(call: () => Promise<T>, operation?: string): Promise<T> {
      const stopTimer = operation ? temporalRequestDuration.startTimer({ operation }) : undefined;
      const deadline = Date.now() + timeoutMs;
      const underway = client.withDeadline(deadline, call);
      const tracked: Promise<void> = underway.then(ignore, ignore).finally(() => running.delete(tracked));
      running.add(tracked);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(unavailable()), timeoutMs);
      });
      try {
        const result = await Promise.race([underway, timedOut]);
        stopTimer?.({ outcome: 'ok' });
        return result;
      } catch (error) {
        stopTimer?.({ outcome: 'error' });
        if (isTemporalUnavailable(error)) temporalUnavailable.inc();
        if (isTemporalUnavailable(error) && !(error instanceof TemporalUnavailableError)) throw unavailable();
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
