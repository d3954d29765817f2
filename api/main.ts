/**
 * `npm run start:api`: serves the API until SIGINT/SIGTERM, then stops accepting, answers every
 * request in flight (within API_SHUTDOWN_GRACE_MS, or with a 503 that says the outcome is unknown
 * and which Idempotency-Key to retry with) and exits.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from '@temporalio/client';
import { type AppConfig, loadConfig } from '../config/config';
import { type Logger, createLogger } from '../config/logger';
import { lazyConnection, probeTemporal, untilConnected } from '../config/temporal';
import { startTracing } from '../config/tracing';
import { createApp } from './app';
import { checkReadiness } from './health';
import { temporalClientInterceptors } from './observability';
import { createTemporalCalls } from './temporal-calls';

/** How long one start-up probe of Temporal may take before it counts as "not yet". */
const PROBE_TIMEOUT_MS = 3_000;
/** After the grace time: how long the 503s of interrupted requests get to be written. */
const ANSWER_WRITE_MS = 2_000;

export async function startApi(
  config: AppConfig,
  logger: Logger,
): Promise<{ server: Server; client: Client; close: () => Promise<void> }> {
  if (config.apiKeys.length === 0) logger.warn('API_KEYS is empty: every management call will answer 401');
  // Lazy: the API starts while Temporal is down and says so on /readyz (and with 503s), instead
  // of failing to start and being restarted in a loop by its supervisor.
  const connection = await lazyConnection(config.temporal);
  const tracing = startTracing('circular-procurement-api', config.observability.otlpEndpoint);
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    interceptors: { workflow: temporalClientInterceptors(tracing) },
  });
  const calls = createTemporalCalls(client, config.api.temporalTimeoutMs);
  const app = createApp({ client, config, logger, calls, tracing });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.api.port, config.api.host, () => resolve(listening));
      listening.once('error', reject);
    });
  } catch (error) {
    await client.connection.close();
    throw error;
  }
  const inFlight = trackInFlight(server, logger);
  logger.info('API listening', {
    url: config.api.publicBaseUrl,
    port: config.api.port,
    temporal: config.temporal.address,
  });

  // Until Temporal first answers, say so in the log, naming the address, as the worker does.
  const stopProbing = new AbortController();
  const probing = untilConnected(
    config.temporal.address,
    () => probeTemporal(config.temporal, PROBE_TIMEOUT_MS),
    { logger, signal: stopProbing.signal },
  ).then(
    async () => {
      const readiness = await checkReadiness(client, calls, config.temporal.taskQueue);
      if (readiness.status !== 'ready') logger.warn('API not ready yet', { reason: readiness.reason });
    },
    () => undefined,
  );

  return {
    server,
    client,
    close: async () => {
      const started = Date.now();
      // Stop accepting; idle keep-alive connections go now, busy ones once their answer is written.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      inFlight.closeAfterAnswer();
      server.closeIdleConnections();
      if (!(await inFlight.drained(config.api.shutdownGraceMs))) {
        logger.warn('requests still waiting for Temporal at shutdown: answering them 503', {
          requests: inFlight.count(),
        });
        calls.interrupt(
          'The API is shutting down and stopped waiting for Temporal before it confirmed this request',
        );
        if (!(await inFlight.drained(ANSWER_WRITE_MS))) server.closeAllConnections();
      }
      server.closeIdleConnections();
      await closed;
      stopProbing.abort();
      await probing;
      // A request that answered 503 may leave a retry of the SDK pending (bounded by its deadline).
      const giveUp = new AbortController();
      await Promise.race([
        calls.settled(),
        delay(config.api.temporalTimeoutMs, undefined, { signal: giveUp.signal }).catch(() => undefined),
      ]);
      giveUp.abort();
      await client.connection.close();
      await tracing?.shutdown();
      logger.info('API stopped', { ms: Date.now() - started });
    },
  };
}

/** The requests being served, so shutdown can wait for their answers and then close their connections. */
function trackInFlight(server: Server, logger: Logger) {
  const open = new Set<ServerResponse>();
  const idle = new Set<() => void>();
  let closing = false;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    // No path: it may hold a link token. The request line is logged once answered (api/app.ts).
    logger.debug('request received', { method: req.method, inFlight: open.size });
    if (closing) res.setHeader('Connection', 'close');
    res.once('close', () => {
      open.delete(res);
      if (open.size === 0) for (const wake of idle) wake();
    });
  });
  return {
    count: () => open.size,
    /** Answers still to come are sent with `Connection: close`, so no keep-alive connection outlives them. */
    closeAfterAnswer() {
      closing = true;
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    /** True once every request has been answered, false if some are still open after `ms`. */
    async drained(ms: number): Promise<boolean> {
      if (open.size === 0) return true;
      let wake: (() => void) | undefined;
      const empty = new Promise<true>((resolve) => {
        wake = () => resolve(true);
        idle.add(wake);
      });
      const controller = new AbortController();
      try {
        return await Promise.race([
          empty,
          delay(ms, false, { signal: controller.signal }).catch(() => false as const),
        ]);
      } finally {
        controller.abort();
        if (wake) idle.delete(wake);
      }
    },
  };
}

if (require.main === module) {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'api' });
  startApi(config, logger)
    .then(({ close }) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          logger.info('stopping API', { signal, graceMs: config.api.shutdownGraceMs });
          // Backstop: grace, the 503s, and the SDK's last retry are all bounded; this bounds the sum.
          const limit = config.api.shutdownGraceMs + ANSWER_WRITE_MS + config.api.temporalTimeoutMs + 5_000;
          setTimeout(() => process.exit(1), limit).unref();
          void close().then(() => process.exit(0));
        });
      }
    })
    .catch((error: unknown) => {
      logger.error('API failed to start', { error });
      process.exit(1);
    });
}
