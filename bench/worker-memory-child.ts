/**
 * The worker half of bench/worker-memory.ts, forked by it: one worker on a prebuilt bundle with stub
 * activities, answering "measure" (process.memoryUsage() after a forced GC), "status" and "stop"
 * over IPC. It imports nothing else of the project (unless it bundles from source), so its RSS is
 * close to a production worker's.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../activities';

export interface ChildConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The prebuilt bundle; without it the worker bundles workflows/ from source (cold-start bench). */
  codePath?: string;
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  /** Run workflows on the worker's main thread (debugMode), where a forced GC and heapUsed see them. */
  mainThread: boolean;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  cachedWorkflows: number;
  slowTaskWarnings: number;
}

export interface Status {
  activations: number;
  activities: number;
  cachedWorkflows: number;
}

export type ToChild = { type: 'measure'; gc: boolean } | { type: 'status' } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; createMs: number }
  | { type: 'memory'; memory: Memory }
  | { type: 'status'; status: Status }
  | { type: 'stopped' };

const benchActivities: Activities = {
  sendNotification: () => Promise.resolve({ messageId: '<bench@worker-memory>' }),
  sendNotifications: (items) =>
    Promise.resolve({
      sent: Object.fromEntries(items.map((item) => [item.id, '<bench@worker-memory>'])),
      refused: {},
      later: {},
    }),
  fetchLessons: () => Promise.resolve([]),
  publishLessons: () => Promise.resolve(),
};

/** As the worker bundles when no prebuilt bundle is configured (imported only then: it weighs). */
async function fromSource() {
  const { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH, workflowInterceptorModules } =
    await import('../worker/worker.js');
  return {
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: { preloadModules: [...WORKFLOW_PRELOAD_MODULES] },
    interceptors: { workflowModules: workflowInterceptorModules(false) },
  };
}

async function child(config: ChildConfig): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the worker child needs --expose-gc');
  let slowTaskWarnings = 0;
  let otherWarnings = 0;
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => {
      if (entry.message.includes('Workflow task duration exceeded')) slowTaskWarnings++;
      else if (otherWarnings++ < 20) process.stderr.write(`[worker ${entry.level}] ${entry.message}\n`);
    }),
  });
  const connection = await NativeConnection.connect({ address: config.address });
  const started = performance.now();
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    ...(config.codePath ? { workflowBundle: { codePath: config.codePath } } : await fromSource()),
    activities: benchActivities,
    // Where a traced workflow's spans leave the sandbox (worker/tracing.ts); dropped here.
    sinks: { exporter: { export: { fn: () => undefined, callDuringReplay: false } } },
    maxCachedWorkflows: config.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTaskExecutions,
    shutdownGraceTime: '1s',
    // The same reusable V8 context either way; debugMode only keeps it off the worker thread.
    debugMode: config.mainThread,
  });
  const createMs = performance.now() - started;
  const running = worker.run();
  let stopping = false;
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    void (async () => {
      if (message.type === 'measure') {
        if (message.gc) {
          for (let i = 0; i < 3; i++) {
            gc();
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        const usage = process.memoryUsage();
        send({
          type: 'memory',
          memory: {
            rss: usage.rss,
            heapUsed: usage.heapUsed,
            external: usage.external,
            cachedWorkflows: worker.getStatus().numCachedWorkflows,
            slowTaskWarnings,
          },
        });
      } else if (message.type === 'status') {
        const status = worker.getStatus();
        send({
          type: 'status',
          status: {
            activations: status.numInFlightWorkflowActivations,
            activities: status.numInFlightActivities,
            cachedWorkflows: status.numCachedWorkflows,
          },
        });
      } else {
        stopping = true;
        worker.shutdown();
        await running;
        await connection.close();
        send({ type: 'stopped' });
        process.disconnect();
      }
    })();
  });
  // The parent is gone (finished, or stopped by its time limit): nobody will ask this worker to stop.
  process.on('disconnect', () => {
    if (!stopping) process.exit(0);
  });
  send({ type: 'ready', createMs });
  await running;
}

child(JSON.parse(process.argv[2] ?? '{}') as ChildConfig).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
