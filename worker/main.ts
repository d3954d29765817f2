/**
 * `npm run start:worker`: waits for Temporal, runs the worker until SIGINT/SIGTERM, then lets its
 * running activities finish (WORKER_SHUTDOWN_GRACE_MS) and exits by WORKER_SHUTDOWN_FORCE_MS.
 */
import {
  DefaultLogger,
  type WorkflowBundleOption,
  NativeConnection,
  Runtime,
  type LogLevel as TemporalLogLevel,
} from '@temporalio/worker';
import { createMailNotifier } from '../activities/mail/notifier';
import {
  MAX_SMTP_CONNECTIONS,
  createSmtpTransport,
  sendWorstCaseMs,
  smtpSettings,
} from '../activities/mail/transport';
import { LinkSigner } from '../activities/links';
import { type AppConfig, loadConfig } from '../config/config';
import { type Logger, createLogger } from '../config/logger';
import { connectClient, connectionSettings, untilConnected } from '../config/temporal';
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

export interface StartWorkerOptions {
  /** Aborted on SIGTERM: stops waiting for Temporal, or shuts the running worker down. */
  signal?: AbortSignal;
  /** A bundle built already (tests); else WORKFLOW_BUNDLE_PATH, else bundled from source. */
  workflowBundle?: WorkflowBundleOption;
}

export async function startWorker(config: AppConfig, logger: Logger, options: StartWorkerOptions = {}) {
  if (config.links.signingKeys.length === 0) {
    throw new Error('LINK_SIGNING_KEYS is not set: approval links cannot be signed (see .env.example)');
  }
  // The capture listens on 127.0.0.1; "localhost" may resolve to ::1 first.
  const smtp = smtpSettings(config);
  if (!config.smtp)
    logger.warn('no SMTP server configured: sending to the local capture', { port: smtp.port });
  const { signal } = options;
  const settings = await connectionSettings(config.temporal);
  const wait = { logger, ...(signal ? { signal } : {}) };
  const connection = await untilConnected(
    config.temporal.address,
    () => NativeConnection.connect(settings),
    wait,
  );
  const client = await connectClient(config.temporal, wait).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  const transport = createSmtpTransport(smtp, config.mail.timeouts);
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
      directory: config.workspace.people,
    }),
    mailSendWorstCaseMs: sendWorstCaseMs(config.mail.timeouts),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : config.workflowBundlePath
        ? { workflowBundle: { codePath: config.workflowBundlePath } }
        : {}),
    tuning: config.worker,
    overrides: {
      shutdownGraceTime: config.workerShutdown.graceMs,
      shutdownForceTime: config.workerShutdown.forceMs,
      // One SMTP connection per activity slot: a send never queues behind others (transport.ts).
      maxConcurrentActivityTaskExecutions: MAX_SMTP_CONNECTIONS,
    },
    tracing,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  const running = worker.run().finally(closeAll);
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  logger.info('worker started', {
    address: config.temporal.address,
    taskQueue: config.temporal.taskQueue,
    namespace: config.temporal.namespace,
  });
  return { worker, running };
}

if (require.main === module) {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'worker' });
  // Our own signal handling, not the SDK's: a SIGTERM while waiting for Temporal must stop the wait.
  installRuntime(config, logger, { shutdownSignals: [] });
  const stopping = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info('stopping worker', { signal, ...config.workerShutdown });
      stopping.abort();
      // The SDK fails run() at the force time; this is the backstop should anything still hang.
      setTimeout(() => process.exit(1), config.workerShutdown.forceMs + 5_000).unref();
    });
  }
  startWorker(config, logger, { signal: stopping.signal })
    .then(({ running }) => running)
    .then(() => logger.info('worker stopped'))
    .catch((error: unknown) => {
      // The wait for Temporal ended by SIGTERM: nothing ran, nothing to report.
      if (stopping.signal.aborted && error instanceof Error && error.name === 'AbortError') {
        logger.info('worker stopped before Temporal answered');
        process.exit(0);
      }
      logger.error('worker failed', { error });
      process.exit(1);
    });
}
