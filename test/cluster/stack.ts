/**
 * The production shape on one machine, for the cluster test: a PostgreSQL cluster of its own, the
 * official Temporal server as four processes, the namespace setup script compose runs, a real SMTP
 * capture, and two workers and two APIs as separate Node processes running the built `dist/`
 * (prebuilt workflow bundle), as a deployment runs them.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { type LocalPostgres, startPostgres } from '../../dev/cluster/postgres';
import { GiveUp, type ManagedProcess, freePort, startProcess, waitUntil } from '../../dev/cluster/processes';
import { ensureTemporalServer, type TemporalServerBinaries } from '../../dev/cluster/temporal-server';
import {
  type LocalTemporalCluster,
  setupSchemas,
  startTemporalServices,
} from '../../dev/cluster/temporal-services';
import { SIGNING_KEYS, testApiKeys } from '../helpers/harness';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
export const NAMESPACE = 'default';
export const TASK_QUEUE = 'circular-procurement';

export interface ClusterStack {
  binaries: TemporalServerBinaries;
  postgres: LocalPostgres;
  temporal: LocalTemporalCluster;
  mail: MailCapture;
  client: Client;
  apis: { process: ManagedProcess; baseUrl: string }[];
  workers: ManagedProcess[];
  logDir: string;
  /** Starts worker `index` (again), and waits until it polls the task queue. */
  startWorker(index: number): Promise<ManagedProcess>;
  /** The identities of the workers polling the project's workflow task queue now. */
  pollers(): Promise<string[]>;
  stop(): Promise<void>;
}

const identityOf = (worker: ManagedProcess) => `${worker.child.pid}@`;

/** Starts it all; `phases` receives the time of each start-up phase as it ends (also on failure). */
export async function startClusterStack(
  log: (line: string) => void,
  phases: Record<string, number>,
): Promise<ClusterStack> {
  for (const built of [
    'worker/main.js',
    'api/main.js',
    'dev/cluster/setup-namespace.js',
    'workflow-bundle.js',
  ]) {
    if (!existsSync(path.join(DIST, built)))
      throw new Error(`dist/${built} is missing: run \`npm run build\` first (npm run test:cluster does)`);
  }
  const logDir = path.join(ROOT, 'test-artifacts', 'cluster', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(logDir, { recursive: true });
  log(`logs in ${path.relative(ROOT, logDir)}`);
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`stop: ${String(error)}`));
    cleanups.length = 0;
  };
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    phases[phase] = Date.now() - started;
    log(`${phase}: ${(phases[phase] / 1000).toFixed(1)} s`);
    return result;
  };

  try {
    const binaries = await timed('temporal server binaries', () => ensureTemporalServer(log));
    log(`server and sql tool ${binaries.built ? 'built with go install' : 'reused from .tools/'}`);
    const postgres = await timed('postgresql start', () => startPostgres(logDir));
    cleanups.push(() => postgres.stop());
    await timed('schemas', () => setupSchemas(binaries, postgres));
    const temporalCluster = await timed('temporal services start', () =>
      startTemporalServices(binaries, postgres, path.join(logDir, 'temporal')),
    );
    cleanups.push(() => temporalCluster.stop());

    const baseEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      TEMPORAL_ADDRESS: temporalCluster.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    };
    // The very script compose's temporal-setup service runs.
    await timed('namespace and search attributes', async () => {
      const setup = startProcess({
        name: 'temporal-setup',
        command: process.execPath,
        args: [path.join(DIST, 'dev/cluster/setup-namespace.js')],
        logFile: path.join(logDir, 'temporal-setup.log'),
        env: baseEnv,
      });
      const how = await Promise.race([
        setup.exited,
        new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 180_000).unref()),
      ]);
      if (how !== 'exit 0') {
        await setup.kill();
        throw new Error(`setup-namespace: ${how}\n${await setup.logTail()}`);
      }
    });

    const connection = await Connection.connect({ address: temporalCluster.address });
    const client = new Client({ connection, namespace: NAMESPACE });
    cleanups.push(() => connection.close());
    const mail = await startMailCapture();
    cleanups.push(() => mail.stop());

    const apiPorts = [await freePort(), await freePort()];
    const apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);
    const appEnv: NodeJS.ProcessEnv = {
      ...baseEnv,
      API_KEYS: JSON.stringify(testApiKeys()),
      LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.smtpPort),
      SMTP_SECURE: 'false',
      MAIL_FROM: 'Circular Procurement <no-reply@gent.example>',
      // The test clicks many links from one address within a minute.
      LINK_RATE_LIMIT_PER_MINUTE: '1000',
    };

    const workers: ManagedProcess[] = [];
    const pollers = async () => {
      const { pollers: found } = await connection.workflowService.describeTaskQueue({
        namespace: NAMESPACE,
        taskQueue: { name: TASK_QUEUE },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return (found ?? []).map((poller) => poller.identity ?? '');
    };
    const startWorker = async (index: number) => {
      const worker = startProcess({
        name: `worker-${index}`,
        command: process.execPath,
        args: [path.join(DIST, 'worker/main.js')],
        logFile: path.join(logDir, `worker-${index}.log`),
        env: {
          ...appEnv,
          WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
          // Links in mail point at the first API; the second verifies them with the same keys.
          PUBLIC_BASE_URL: apiUrls[0],
        },
      });
      workers[index] = worker;
      await waitUntil(
        `worker ${index} polls ${TASK_QUEUE}`,
        async () => {
          if (!worker.isRunning()) throw new GiveUp(`it exited:\n${await worker.logTail()}`);
          return (await pollers()).some((identity) => identity.startsWith(identityOf(worker)));
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      return worker;
    };
    cleanups.push(async () => {
      await Promise.all(workers.map((worker) => worker.stop(20_000)));
    });
    await timed('two workers start', () => Promise.all([startWorker(0), startWorker(1)]));

    const apis = apiPorts.map((port, index) => ({
      baseUrl: apiUrls[index] as string,
      process: startProcess({
        name: `api-${index}`,
        command: process.execPath,
        args: [path.join(DIST, 'api/main.js')],
        logFile: path.join(logDir, `api-${index}.log`),
        env: {
          ...appEnv,
          API_HOST: '127.0.0.1',
          API_PORT: String(port),
          PUBLIC_BASE_URL: apiUrls[index],
        },
      }),
    }));
    cleanups.push(async () => {
      await Promise.all(apis.map((api) => api.process.stop(15_000)));
    });
    await timed('two APIs ready', () =>
      Promise.all(
        apis.map((api) =>
          waitUntil(
            `API ${api.baseUrl} ready`,
            async () => {
              if (!api.process.isRunning()) throw new GiveUp(`it exited:\n${await api.process.logTail()}`);
              return (await fetch(`${api.baseUrl}/readyz`)).ok;
            },
            { timeoutMs: 60_000, intervalMs: 500 },
          ),
        ),
      ),
    );

    return {
      binaries,
      postgres,
      temporal: temporalCluster,
      mail,
      client,
      apis,
      workers,
      logDir,
      startWorker,
      pollers,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The worker process behind a worker identity (`pid@host`), if it is one of ours. */
export function workerWithIdentity(workers: ManagedProcess[], identity: string): number {
  return workers.findIndex((worker) => identity.startsWith(identityOf(worker)));
}
