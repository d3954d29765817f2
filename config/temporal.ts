/** Connection options shared by the API's client and the worker, from the parsed config. */
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectionConfig } from './config';
import type { Logger } from './logger';

/**
 * gRPC reconnection of the client's channel (@grpc/grpc-js). Its default back-off grows to 120 s,
 * so after a restart of the cluster the API could wait up to two minutes before it tried again;
 * capped at 2 s, the first request after the cluster is back finds a connection within seconds.
 * Measured with `npx tsx bench/server-restart.ts` (see the runbook in README.md).
 */
export const CLIENT_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 2_000,
} as const;

export interface ConnectionSettings {
  address: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | true;
  apiKey?: string;
}

export async function connectionSettings(config: TemporalConnectionConfig): Promise<ConnectionSettings> {
  let tls: ConnectionSettings['tls'];
  if (config.tls === true) {
    tls = true;
  } else if (config.tls) {
    const { certPath, keyPath, caPath } = config.tls;
    tls = {
      ...(certPath && keyPath
        ? { clientCertPair: { crt: await readFile(certPath), key: await readFile(keyPath) } }
        : {}),
      ...(caPath ? { serverRootCACertificate: await readFile(caPath) } : {}),
    };
  }
  return {
    address: config.address,
    ...(tls ? { tls } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}

/** The API's connection: made at once, connected on first use, so the API starts while Temporal is down. */
export async function lazyConnection(config: TemporalConnectionConfig): Promise<Connection> {
  return Connection.lazy({ ...(await connectionSettings(config)), channelArgs: CLIENT_CHANNEL_ARGS });
}

/**
 * Whether Temporal answers now, on a connection of its own that is closed afterwards. Without the
 * SDK's retry interceptor (`interceptors: []`): a retry it had scheduled for a failed attempt would
 * fire after the close and throw "Channel has been shut down" from a timer, which crashed a
 * process (and failed tests) when Temporal came up in the middle of an attempt.
 */
export async function probeTemporal(config: TemporalConnectionConfig, timeoutMs?: number): Promise<void> {
  const probe = Connection.lazy({
    ...(await connectionSettings(config)),
    channelArgs: CLIENT_CHANNEL_ARGS,
    interceptors: [],
    ...(timeoutMs ? { connectTimeout: timeoutMs } : {}),
  });
  try {
    await probe.ensureConnected();
  } finally {
    await probe.close();
  }
}

/** A Temporal client for activities that talk to other workflows; waits for Temporal like the worker. */
export async function connectClient(config: TemporalConnectionConfig, wait?: WaitOptions): Promise<Client> {
  const settings = { ...(await connectionSettings(config)), channelArgs: CLIENT_CHANNEL_ARGS };
  const connect = async () => {
    // Probe first (see probeTemporal): a failed attempt leaves no channel or retry behind.
    await probeTemporal(config);
    return Connection.lazy(settings);
  };
  const connection = wait ? await untilConnected(config.address, connect, wait) : await connect();
  return new Client({ connection, namespace: config.namespace });
}

export interface WaitOptions {
  logger: Logger;
  /** Stops waiting (SIGTERM during start-up): the wait rejects with the signal's reason. */
  signal?: AbortSignal;
  /** First pause between attempts; it doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Tries `connect` until it succeeds, with a log line per failed attempt that names the address,
 * so a process started before its cluster (or during an outage) comes up once the cluster is
 * there, instead of exiting and being restarted in a loop by its supervisor.
 */
export async function untilConnected<T>(
  address: string,
  connect: () => Promise<T>,
  { logger, signal, initialDelayMs = 500, maxDelayMs = 5_000 }: WaitOptions,
): Promise<T> {
  const started = Date.now();
  let pause = initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      const connected = await connect();
      if (attempt > 1)
        logger.info('connected to Temporal', { address, attempts: attempt, waitedMs: Date.now() - started });
      return connected;
    } catch (error) {
      signal?.throwIfAborted();
      logger.warn(`Temporal at ${address} does not answer yet; retrying`, {
        address,
        attempt,
        retryInMs: pause,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    await delay(pause, undefined, signal ? { signal } : {});
    pause = Math.min(pause * 2, maxDelayMs);
  }
}
