/** `npm run start:api`: serves the API until SIGINT/SIGTERM, then stops accepting and closes cleanly. */
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { type AppConfig, loadConfig } from '../config/config';
import { type Logger, createLogger } from '../config/logger';
import { connectionSettings } from '../config/temporal';
import { startTracing } from '../config/tracing';
import { createApp } from './app';
import { checkReadiness } from './health';
import { temporalClientInterceptors } from './observability';
import { createTemporalCalls } from './temporal-calls';

export async function startApi(
  config: AppConfig,
  logger: Logger,
): Promise<{ server: Server; client: Client; close: () => Promise<void> }> {
  if (config.apiKeys.length === 0) logger.warn('API_KEYS is empty: every management call will answer 401');
  // Lazy: the API starts while Temporal is down and says so on /readyz (and with 503s), instead
  // of failing to start and being restarted in a loop by its supervisor.
  const connection = Connection.lazy(await connectionSettings(config.temporal));
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
  logger.info('API listening', { url: config.api.publicBaseUrl, port: config.api.port });
  void checkReadiness(client, calls, config.temporal.taskQueue).then((readiness) => {
    if (readiness.status !== 'ready') logger.warn('API not ready yet', { reason: readiness.reason });
  });
  return {
    server,
    client,
    close: async () => {
      // Stop accepting, let in-flight requests finish, and drop idle keep-alive connections now
      // rather than when their clients give up.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(forced);
      // A request that answered 503 may leave a retry of the SDK pending; let it end first.
      await calls.settled();
      await client.connection.close();
      await tracing?.shutdown();
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
          logger.info('stopping API', { signal });
          void close().then(() => process.exit(0));
        });
      }
    })
    .catch((error: unknown) => {
      logger.error('API failed to start', { error });
      process.exit(1);
    });
}
