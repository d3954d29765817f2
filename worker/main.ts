/** `npm run start:worker`: runs the worker until SIGINT/SIGTERM, then finishes its tasks and exits. */
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  type LogLevel as TemporalLogLevel,
} from '@temporalio/worker';
import { createMailNotifier } from '../activities/mail/notifier';
import { createSmtpTransport } from '../activities/mail/transport';
import { LinkSigner } from '../activities/links';
import { type AppConfig, loadConfig } from '../config/config';
import { type Logger, createLogger } from '../config/logger';
import { connectClient, connectionSettings } from '../config/temporal';
import { startTracing } from '../config/tracing';
import { createProcurementWorker } from './worker';

const TEMPORAL_LEVELS: Record<AppConfig['logLevel'], TemporalLogLevel> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

/** Routes the SDK's own logs (and workflow `log` calls) into our structured, redacted logger. */
export function installRuntime(
  config: AppConfig,
  logger: Logger,
  options: { shutdownSignals?: NodeJS.Signals[] } = {},
): void {
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[config.logLevel], (entry) => {
      const level =
        entry.level === 'TRACE' || entry.level === 'DEBUG'
          ? 'debug'
          : entry.level === 'WARN'
            ? 'warn'
            : entry.level === 'ERROR'
              ? 'error'
              : 'info';
      logger[level](entry.message, entry.meta ?? {});
    }),
    ...(config.workerMetricsPort
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress: `${config.workerMetricsHost}:${config.workerMetricsPort}` },
            },
          },
        }
      : {}),
    ...(options.shutdownSignals ? { shutdownSignals: options.shutdownSignals } : {}),
  });
}

export async function startWorker(config: AppConfig, logger: Logger) {
  if (config.links.signingKeys.length === 0) {
    throw new Error('LINK_SIGNING_KEYS is not set: approval links cannot be signed (see .env.example)');
  }
  // The capture listens on 127.0.0.1; "localhost" may resolve to ::1 first.
  const smtp = config.smtp ?? { host: '127.0.0.1', port: config.mail.captureSmtpPort, secure: false };
  if (!config.smtp)
    logger.warn('no SMTP server configured: sending to the local capture', { port: smtp.port });
  const connection = await NativeConnection.connect(await connectionSettings(config.temporal));
  const client = await connectClient(config.temporal).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  const transport = createSmtpTransport(smtp);
  const tracing = startTracing('circular-procurement-worker', config.observability.otlpEndpoint);
  const closeAll = async () => {
    transport.close();
    await client.connection.close();
    await connection.close();
    await tracing?.shutdown();
  };
  const worker = await createProcurementWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    client,
    notifier: createMailNotifier({
      transport,
      from: config.mail.from,
      publicBaseUrl: config.api.publicBaseUrl,
      links: new LinkSigner(config.links.signingKeys),
      linkTtlDays: config.links.ttlDays,
      defaults: config.defaults,
    }),
    ...(config.workflowBundlePath ? { workflowBundle: { codePath: config.workflowBundlePath } } : {}),
    tuning: config.worker,
    tracing,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  const running = worker.run().finally(closeAll);
  logger.info('worker started', {
    taskQueue: config.temporal.taskQueue,
    namespace: config.temporal.namespace,
  });
  return { worker, running };
}

if (require.main === module) {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'worker' });
  installRuntime(config, logger);
  startWorker(config, logger)
    .then(({ running }) => running)
    .then(() => logger.info('worker stopped'))
    .catch((error: unknown) => {
      logger.error('worker failed', { error });
      process.exit(1);
    });
}
