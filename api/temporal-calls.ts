/**
 * Every call the API makes to Temporal has a deadline, so no request waits forever on a worker
 * that is gone or a cluster that is down: it answers 503 with Retry-After instead.
 *
 * Two mechanisms together: the client's gRPC deadline (`withDeadline`) bounds every RPC made inside
 * the call, including the SDK's own retries and the long polls of an update; a timer answers at the
 * deadline itself, because the SDK's retry back-off can overrun a gRPC deadline by a second or so.
 * And when the connection to the cluster fails (it is down or restarting), calls answer at once.
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
  /** No worker polls the task queue: nobody is there to answer a query. */
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
} as const;
const UNAVAILABLE_CODES = new Set<number>([
  // A query to a workflow whose task queue no worker polls: nobody there to answer.
  GrpcCode.FAILED_PRECONDITION,
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
  /**
   * Shutdown: every call still waiting (and every call made from now on) fails at once with a
   * TemporalUnavailableError, so its request answers 503 before the API exits instead of losing
   * its connection. What Temporal was asked may still happen: the answer says so.
   */
  interrupt(reason: string): void;
}

const ignore = () => undefined;

/** grpc-js connectivity states (grpc.connectivityState; @grpc/grpc-js is not a dependency of ours). */
const TRANSIENT_FAILURE = 3;
const SHUTDOWN = 4;

interface WatchableChannel {
  getConnectivityState(tryToConnect: boolean): number;
  watchConnectivityState(current: number, deadline: number, callback: (error?: Error) => void): void;
}

/** The gRPC channel under the client's connection (absent for a connection that is not grpc-js). */
function channelOf(client: Client): WatchableChannel | undefined {
  // `Connection.client` is protected in the SDK's types; it is the grpc-js client every call uses.
  const connection = client.connection as unknown as { client?: { getChannel?: () => WatchableChannel } };
  return connection.client?.getChannel?.();
}

/** Calls `onChange` on every state change of the channel until it shuts down (no timer is held). */
function watchChannel(channel: WatchableChannel, onChange: (state: number) => void): void {
  const watch = (state: number) => {
    if (state === SHUTDOWN) return;
    try {
      channel.watchConnectivityState(state, Infinity, () => {
        const next = channel.getConnectivityState(false);
        onChange(next);
        watch(next);
      });
    } catch {
      // Closed meanwhile: nothing left to watch.
    }
  };
  watch(channel.getConnectivityState(false));
}

export function createTemporalCalls(client: Client, timeoutMs: number): TemporalCalls {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  const unavailable = () =>
    new TemporalUnavailableError(
      `Temporal did not answer within ${seconds}: no worker is polling the task queue, or the cluster is unreachable`,
    );
  // While the connection to the cluster is failing, the SDK would retry until the deadline; a
  // request then answers 503 at once instead, and so do the requests waiting when it starts failing.
  const unreachable = () =>
    new TemporalUnavailableError(
      `Temporal is unreachable: the connection to the cluster failed, so the request did not wait its ${seconds} deadline`,
    );
  const running = new Set<Promise<unknown>>();
  const waiting = new Set<(error: Error) => void>();
  const channel = channelOf(client);
  if (channel)
    watchChannel(channel, (state) => {
      if (state === TRANSIENT_FAILURE) for (const fail of waiting) fail(unreachable());
    });
  let interruptedBecause: string | undefined;
  // One per call still running, so shutdown cancels the gRPC calls underneath too and need not wait
  // for their deadlines. Not one shared signal: the SDK adds a listener per RPC and never removes it.
  const cancellers = new Set<AbortController>();
  return {
    timeoutMs,
    interrupt(reason) {
      interruptedBecause = reason;
      for (const fail of waiting) fail(new TemporalUnavailableError(reason));
      for (const canceller of cancellers) canceller.abort();
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async within<T>(call: () => Promise<T>, operation?: string): Promise<T> {
      if (interruptedBecause !== undefined) throw new TemporalUnavailableError(interruptedBecause);
      // `true`: an idle channel starts connecting; a failing one reconnects on its own back-off.
      if (channel?.getConnectivityState(true) === TRANSIENT_FAILURE) {
        temporalUnavailable.inc();
        throw unreachable();
      }
      const stopTimer = operation ? temporalRequestDuration.startTimer({ operation }) : undefined;
      const deadline = Date.now() + timeoutMs;
      const canceller = new AbortController();
      cancellers.add(canceller);
      const underway = client.withDeadline(deadline, () => client.withAbortSignal(canceller.signal, call));
      const tracked: Promise<void> = underway.then(ignore, ignore).finally(() => {
        running.delete(tracked);
        cancellers.delete(canceller);
      });
      running.add(tracked);
      let timer: NodeJS.Timeout | undefined;
      let fail: ((error: Error) => void) | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(unavailable()), timeoutMs);
        fail = reject;
        waiting.add(reject);
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
        if (fail) waiting.delete(fail);
      }
    },
  };
}
