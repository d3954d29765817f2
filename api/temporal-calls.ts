/**
 * Every call the API makes to Temporal has a deadline, so no request waits forever on a worker
 * that is gone or a cluster that is down: it answers 503 with Retry-After instead.
 *
 * Two mechanisms together: the client's gRPC deadline (`withDeadline`) bounds every RPC made inside
 * the call, including the SDK's own retries and the long polls of an update; a timer answers at the
 * deadline itself, because the SDK's retry back-off can overrun a gRPC deadline by a second or so.
 * And when the connection to the cluster fails (it is down or restarting), calls answer at once.
 */
import type { Client } from '@temporalio/client';
import { TemporalUnavailableError, isTemporalUnavailable } from '../config/temporal-errors';
import { temporalRequestDuration, temporalUnavailable } from './metrics';

export {
  GrpcCode,
  TemporalUnavailableError,
  grpcCode,
  isTemporalUnavailable,
} from '../config/temporal-errors';

/** How long a client should wait before trying again (seconds, the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

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
