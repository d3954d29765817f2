/**
 * What one cached workflow costs the worker, and how the worker holds up with many open projects.
 *
 * Each case runs a worker (bench/worker-memory-child.ts) in a child process, so its heap and RSS
 * are its own, on its own dev server task queue with a sticky cache larger than N. The parent
 * starts 10 warm-up workflows, then N more, waiting until each has answered a query (its first task
 * has run) and the worker is idle; the child reports `process.memoryUsage()` after a forced GC
 * before and after the N: (after - before) / N per workflow.
 *
 *   trivial              a workflow that imports only the SDK (bench/floor-workflows/trivial.ts)
 *   schemas              the same, importing the domain schemas (bench/floor-workflows/schemas.ts)
 *   schemas+preload      … with WORKFLOW_PRELOAD_MODULES preloaded (evaluated once per worker)
 *   procurement          the real procurementWorkflow, started as the API starts it
 *   procurement+preload  … with WORKFLOW_PRELOAD_MODULES preloaded, as the worker runs it
 *   procurement+traced   … on the traced bundle, started with a trace context, as the API starts it
 *                        when tracing is on: the workflow loads OpenTelemetry
 *                        (workflows/tracing-interceptors.ts) and keeps its workflow span open
 *
 * Each case runs twice (--threads): "main" runs the workflows on the child's main thread
 * (debugMode; the same reusable V8 context), where the forced GC and heapUsed include them; "worker"
 * runs them on the SDK's workflow thread as deployed, whose heap only shows in the RSS (and which
 * collects its garbage on its own schedule).
 *
 * The scale run (--scale M) starts M projects on one worker with the configured cache and task
 * slots (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS or their defaults),
 * samples the RSS every --step projects, then queries --replays of the oldest (evicted) projects and
 * times each replay. bench/run-all.ts runs the same functions beside the trivial floor.
 *
 *   npm run bench:worker-memory [-- --workflows 500] [--cases trivial,procurement+preload]
 *       [--threads main,worker] [--parallel 16]
 *   npm run bench:worker-memory -- --cases none --scale 5000 [--step 1000] [--replays 100]
 *
 * Activities are stubs (no mail, no lessons): the figures are the workflow side of the worker.
 * Everything listens on 127.0.0.1 (the dev server of test/helpers/harness.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { sampleProject } from '../dev/sample-project';
import { workflowIdFor } from '../domain/project';
import { startLocalDevServer } from '../test/helpers/harness';
import { WORKFLOWS_PATH } from '../worker/worker';
import { TRACE_HEADER } from '../workflows/interceptors';
import {
  count,
  flag,
  floorWorkflowsPath,
  loadAverage,
  pool,
  prebuiltBundle,
  progress,
  sleep,
  summarize,
  type Summary,
} from './support';
import { WorkerChild } from './worker-memory-handle';

const KiB = 1024;
const MiB = 1024 * 1024;

export interface Case {
  name: string;
  workflowsPath: string;
  preload: boolean;
  workflowType: string;
  query: string;
  args: (id: string) => unknown[];
  /** Started with a trace context header, as the API's traced client sends it. */
  traced?: boolean;
}

const projectArgs = (id: string) => [{ kind: 'new', project: sampleProject(id) }];

export const CASES: Case[] = [
  {
    name: 'trivial',
    workflowsPath: floorWorkflowsPath('trivial'),
    preload: false,
    workflowType: 'trivialFloorWorkflow',
    query: 'floorState',
    args: () => [],
  },
  {
    name: 'schemas',
    workflowsPath: floorWorkflowsPath('schemas'),
    preload: false,
    workflowType: 'schemasFloorWorkflow',
    query: 'floorState',
    args: () => [],
  },
  {
    name: 'schemas+preload',
    workflowsPath: floorWorkflowsPath('schemas'),
    preload: true,
    workflowType: 'schemasFloorWorkflow',
    query: 'floorState',
    args: () => [],
  },
  {
    name: 'procurement',
    workflowsPath: WORKFLOWS_PATH,
    preload: false,
    workflowType: 'procurementWorkflow',
    query: 'project',
    args: projectArgs,
  },
  {
    name: 'procurement+preload',
    workflowsPath: WORKFLOWS_PATH,
    preload: true,
    workflowType: 'procurementWorkflow',
    query: 'project',
    args: projectArgs,
  },
  {
    name: 'procurement+traced',
    workflowsPath: WORKFLOWS_PATH,
    preload: true,
    workflowType: 'procurementWorkflow',
    query: 'project',
    args: projectArgs,
    traced: true,
  },
];

/** The header @temporalio/interceptors-opentelemetry's client interceptor adds (a sampled W3C context). */
const tracedStart: WorkflowClientInterceptor = {
  startWithDetails: (input, next) =>
    next({
      ...input,
      headers: {
        ...input.headers,
        [TRACE_HEADER]: defaultPayloadConverter.toPayload({
          traceparent: `00-${randomUUID().replaceAll('-', '')}-${randomUUID().replaceAll('-', '').slice(0, 16)}-01`,
        }),
      },
    }),
};
const tracedClients = new WeakMap<Client, Client>();
function clientFor(env: Env, c: Case): Client {
  if (!c.traced) return env.client;
  let traced = tracedClients.get(env.client);
  if (!traced) {
    traced = new Client({
      connection: env.client.connection,
      namespace: env.namespace,
      interceptors: { workflow: [tracedStart] },
    });
    tracedClients.set(env.client, traced);
  }
  return traced;
}

export function benchCase(name: string): Case {
  const found = CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no memory case "${name}"`);
  return found;
}

export interface Env {
  address: string;
  namespace: string;
  client: Client;
}

/** Queries until the workflow answers: its first task has run (bounded retries). */
async function firstAnswer(client: Client, workflowId: string, query: string): Promise<number> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await client.workflow.getHandle(workflowId).query(query);
      return performance.now() - started;
    } catch (error) {
      if (attempt >= 100) throw error;
      await sleep(100);
    }
  }
}

const workflowIdOf = (c: Case, id: string) =>
  c.workflowType === 'procurementWorkflow' ? workflowIdFor(id) : id;

async function startWorkflows(env: Env, c: Case, taskQueue: string, ids: string[], parallel: number) {
  await pool(ids, parallel, async (id) => {
    const workflowId = workflowIdOf(c, id);
    await clientFor(env, c).workflow.start(c.workflowType, { taskQueue, workflowId, args: c.args(id) });
    await firstAnswer(env.client, workflowId, c.query);
  });
}

const mib = (bytes: number) => Math.round(bytes / MiB);

export interface Row {
  case: string;
  thread: 'main' | 'worker';
  n: number;
  /** Only where the workflows run on the main thread: a worker thread's heap is not in memoryUsage(). */
  heapKiBPerWorkflow: number | null;
  rssKiBPerWorkflow: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  cached: number;
  seconds: number;
  loadavg: string;
}

export async function measureCase(
  env: Env,
  dir: string,
  c: Case,
  n: number,
  parallel: number,
  mainThread: boolean,
): Promise<Row> {
  const { codePath } = await prebuiltBundle(dir, c.workflowsPath, c.preload, c.traced);
  const taskQueue = `bench-memory-${randomUUID()}`;
  const worker = await WorkerChild.start({
    address: env.address,
    namespace: env.namespace,
    taskQueue,
    codePath,
    maxCachedWorkflows: n + 50,
    maxConcurrentWorkflowTaskExecutions: 20,
    mainThread,
  });
  try {
    const tag = randomUUID().slice(0, 8);
    const idsOf = (prefix: string, size: number) =>
      Array.from({ length: size }, (_, i) => `bench-${prefix}-${tag}-${i}`);
    // Warm-up: the first workflows load the bundle and compile its functions once per worker.
    await startWorkflows(env, c, taskQueue, idsOf('warm', 10), parallel);
    await worker.idle();
    const before = await worker.measure();
    const started = performance.now();
    await startWorkflows(env, c, taskQueue, idsOf('wf', n), parallel);
    await worker.idle();
    const seconds = (performance.now() - started) / 1000;
    const after = await worker.measure();
    if (after.cachedWorkflows < n) {
      throw new Error(`${c.name}: only ${after.cachedWorkflows} of ${n} workflows are cached`);
    }
    return {
      case: c.name,
      thread: mainThread ? 'main' : 'worker',
      n,
      heapKiBPerWorkflow: mainThread ? Math.round((after.heapUsed - before.heapUsed) / n / KiB) : null,
      rssKiBPerWorkflow: Math.round((after.rss - before.rss) / n / KiB),
      rssBeforeMiB: mib(before.rss),
      rssAfterMiB: mib(after.rss),
      cached: after.cachedWorkflows,
      seconds: Number(seconds.toFixed(1)),
      loadavg: loadAverage(),
    };
  } finally {
    await worker.stop();
  }
}

export interface ScaleSample {
  case: string;
  open: number;
  rssMiB: number;
  cached: number;
  slowTaskWarnings: number;
  secondsForStep: number;
  loadavg: string;
}

/**
 * Many open workflows of one case on one worker with the configured cache and task slots, grown
 * step by step (so a floor run can alternate with it), then the oldest (evicted) ones queried.
 */
export class ScaleRun {
  readonly samples: ScaleSample[] = [];
  private readonly ids: string[] = [];
  private readonly tag = randomUUID().slice(0, 8);

  private constructor(
    private readonly env: Env,
    private readonly c: Case,
    private readonly worker: WorkerChild,
    private readonly taskQueue: string,
    private readonly parallel: number,
  ) {}

  static async start(env: Env, dir: string, c: Case, parallel: number): Promise<ScaleRun> {
    const { worker: tuning } = loadConfig({ ...process.env, NODE_ENV: 'production' });
    const { codePath } = await prebuiltBundle(dir, c.workflowsPath, c.preload);
    const taskQueue = `bench-scale-${randomUUID()}`;
    const worker = await WorkerChild.start({
      address: env.address,
      namespace: env.namespace,
      taskQueue,
      codePath,
      ...tuning,
      mainThread: false,
    });
    const run = new ScaleRun(env, c, worker, taskQueue, parallel);
    await run.sample(0);
    return run;
  }

  private async sample(seconds: number): Promise<ScaleSample> {
    // As deployed: the workflows run on the worker thread, which collects its own garbage.
    const memory = await this.worker.measure(false);
    const sample = {
      case: this.c.name,
      open: this.ids.length,
      rssMiB: mib(memory.rss),
      cached: memory.cachedWorkflows,
      slowTaskWarnings: memory.slowTaskWarnings,
      secondsForStep: Number(seconds.toFixed(1)),
      loadavg: loadAverage(),
    };
    this.samples.push(sample);
    return sample;
  }

  async grow(step: number): Promise<ScaleSample> {
    const ids = Array.from({ length: step }, (_, i) => `bench-scale-${this.tag}-${this.ids.length + i}`);
    const started = performance.now();
    await startWorkflows(this.env, this.c, this.taskQueue, ids, this.parallel);
    this.ids.push(...ids);
    await this.worker.idle();
    return this.sample((performance.now() - started) / 1000);
  }

  /** The oldest workflows were evicted first: each query replays its history into the cache. */
  async replays(n: number): Promise<Summary> {
    const ms: number[] = [];
    for (const id of this.ids.slice(0, n)) {
      ms.push(await firstAnswer(this.env.client, workflowIdOf(this.c, id), this.c.query));
    }
    return summarize(ms);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }
}

async function main(): Promise<void> {
  const n = count('workflows', 500, 5000);
  const parallel = count('parallel', 16, 200) || 1;
  const wanted = flag('cases', 'all').split(',');
  const cases = wanted.includes('all') ? CASES : CASES.filter((c) => wanted.includes(c.name));
  const threads = flag('threads', 'main,worker')
    .split(',')
    .filter((thread) => thread === 'main' || thread === 'worker');
  const scale = count('scale', 0, 20_000);
  const step = count('step', 1000, 20_000) || 1000;
  const replays = count('replays', 100, 5000);

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const testEnv = await startLocalDevServer();
  const env = { address: testEnv.address, namespace: testEnv.namespace ?? 'default', client: testEnv.client };
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-worker-memory-'));
  const rows: Row[] = [];
  try {
    for (const c of cases) {
      for (const thread of threads) {
        const row = await measureCase(env, dir, c, n, parallel, thread === 'main');
        progress(`memory ${JSON.stringify(row)}`);
        rows.push(row);
      }
    }
    if (rows.length > 0) {
      console.log(
        `\nWorker memory per cached workflow (N = ${n}, ${process.argv.slice(2).join(' ') || 'defaults'})`,
      );
      console.table(rows);
    }
    if (scale > 0) {
      const run = await ScaleRun.start(env, dir, benchCase('procurement+preload'), parallel);
      try {
        for (let open = step; open <= scale; open += step) {
          progress(`scale ${JSON.stringify(await run.grow(step))}`);
        }
        console.log(`\nScale run: ${scale} projects, configured cache and task slots`);
        console.table(run.samples);
        console.log(JSON.stringify({ replayOfEvictedProjectMs: await run.replays(replays) }, null, 2));
      } finally {
        await run.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await testEnv.teardown();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
