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
 *
 * Each case runs twice (--threads): "main" runs the workflows on the child's main thread
 * (debugMode; the same reusable V8 context), where the forced GC and heapUsed include them; "worker"
 * runs them on the SDK's workflow thread as deployed, whose heap only shows in the RSS (and which
 * collects its garbage on its own schedule).
 *
 * The scale run (--scale M) starts M projects on one worker with the configured cache and task
 * slots (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS or their defaults),
 * samples the RSS every --step projects, then queries --replays of the oldest (evicted) projects and
 * times each replay.
 *
 *   npm run bench:worker-memory [-- --workflows 500] [--cases trivial,procurement+preload]
 *       [--threads main,worker] [--parallel 16]
 *   npm run bench:worker-memory -- --cases none --scale 5000 [--step 1000] [--replays 100]
 *
 * Activities are stubs (no mail, no lessons): the figures are the workflow side of the worker.
 * Everything listens on 127.0.0.1 (the dev server of test/helpers/harness.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { sampleProject } from '../dev/sample-project';
import { workflowIdFor } from '../domain/project';
import { startLocalDevServer } from '../test/helpers/harness';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../worker/worker';
import type { ChildConfig, FromChild, Memory, Status, ToChild } from './worker-memory-child';

const KiB = 1024;
const MiB = 1024 * 1024;

interface Waiter {
  type: FromChild['type'];
  resolve: (message: FromChild) => void;
  reject: (error: Error) => void;
}

class WorkerChild {
  private readonly waiting: Waiter[] = [];
  private exited: string | undefined;

  private constructor(private readonly process: ChildProcess) {
    process.on('message', (message: FromChild) => {
      const waiter = this.waiting.shift();
      if (waiter?.type === message.type) waiter.resolve(message);
      else
        waiter?.reject(new Error(`expected "${waiter.type}" from the worker child, got "${message.type}"`));
    });
    process.on('exit', (code, signal) => {
      this.exited = `worker child exited (code ${code}, signal ${signal})`;
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(this.exited));
    });
  }

  static async start(config: ChildConfig): Promise<WorkerChild> {
    // Only the worker and its stub activities: the child's RSS is close to a production worker's.
    const proc = fork(require.resolve('./worker-memory-child'), [JSON.stringify(config)], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = new WorkerChild(proc);
    await started.next('ready');
    return started;
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  private next<T extends FromChild['type']>(type: T): Promise<Extract<FromChild, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const timer = setTimeout(
        () => reject(new Error(`no "${type}" from the worker child in 300 s`)),
        300_000,
      );
      this.waiting.push({
        type,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as Extract<FromChild, { type: T }>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  async measure(gc = true): Promise<Memory> {
    this.process.send({ type: 'measure', gc } satisfies ToChild);
    return (await this.next('memory')).memory;
  }

  async status(): Promise<Status> {
    this.process.send({ type: 'status' } satisfies ToChild);
    return (await this.next('status')).status;
  }

  /** Until no activation and no activity is in flight, twice in a row (bounded). */
  async idle(timeoutMs = 300_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 2) {
      const status = await this.status();
      quiet = status.activations === 0 && status.activities === 0 ? quiet + 1 : 0;
      if (Date.now() > deadline) throw new Error(`worker not idle after ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.process.send({ type: 'stop' } satisfies ToChild);
    await this.next('stopped').catch(() => undefined);
  }
}

interface Case {
  name: string;
  workflowsPath: string;
  preload: boolean;
  workflowType: string;
  query: string;
  args: (id: string) => unknown[];
}

const floor = (file: string) => require.resolve(`./floor-workflows/${file}`);
const projectArgs = (id: string) => [{ kind: 'new', project: sampleProject(id) }];

const CASES: Case[] = [
  {
    name: 'trivial',
    workflowsPath: floor('trivial'),
    preload: false,
    workflowType: 'trivialFloorWorkflow',
    query: 'floorState',
    args: () => [],
  },
  {
    name: 'schemas',
    workflowsPath: floor('schemas'),
    preload: false,
    workflowType: 'schemasFloorWorkflow',
    query: 'floorState',
    args: () => [],
  },
  {
    name: 'schemas+preload',
    workflowsPath: floor('schemas'),
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
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function count(name: string, fallback: number, max: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  }
  return value;
}

const quietBundler = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  log: () => undefined,
};

const bundles = new Map<string, Promise<string>>();

/** One bundle file per workflows path and preload setting. */
function bundleFile(dir: string, workflowsPath: string, preload: boolean): Promise<string> {
  const key = `${workflowsPath}:${preload}`;
  let file = bundles.get(key);
  if (!file) {
    file = writeBundle(dir, workflowsPath, preload);
    bundles.set(key, file);
  }
  return file;
}

async function writeBundle(dir: string, workflowsPath: string, preload: boolean): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: quietBundler,
    ...(preload ? { preloadModules: [...WORKFLOW_PRELOAD_MODULES] } : {}),
  });
  const file = path.join(
    dir,
    `${path.basename(workflowsPath, path.extname(workflowsPath))}-${randomUUID()}.js`,
  );
  await writeFile(file, code);
  return file;
}

/** Runs `task` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
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

async function startWorkflows(
  client: Client,
  benchCase: Case,
  taskQueue: string,
  ids: string[],
  parallel: number,
): Promise<void> {
  await pool(ids, parallel, async (id) => {
    const workflowId = benchCase.workflowType === 'procurementWorkflow' ? workflowIdFor(id) : id;
    await client.workflow.start(benchCase.workflowType, { taskQueue, workflowId, args: benchCase.args(id) });
    await firstAnswer(client, workflowId, benchCase.query);
  });
}

const mib = (bytes: number) => Math.round(bytes / MiB);

interface Row {
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

async function measureCase(
  env: { address: string; namespace: string; client: Client },
  dir: string,
  benchCase: Case,
  n: number,
  parallel: number,
  mainThread: boolean,
): Promise<Row> {
  const codePath = await bundleFile(dir, benchCase.workflowsPath, benchCase.preload);
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
    await startWorkflows(env.client, benchCase, taskQueue, idsOf('warm', 10), parallel);
    await worker.idle();
    const before = await worker.measure();
    const started = performance.now();
    await startWorkflows(env.client, benchCase, taskQueue, idsOf('wf', n), parallel);
    await worker.idle();
    const seconds = (performance.now() - started) / 1000;
    const after = await worker.measure();
    if (after.cachedWorkflows < n) {
      throw new Error(`${benchCase.name}: only ${after.cachedWorkflows} of ${n} workflows are cached`);
    }
    return {
      case: benchCase.name,
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

interface ScaleSample {
  openProjects: number;
  rssMiB: number;
  cached: number;
  slowTaskWarnings: number;
  secondsForStep: number;
  loadavg: string;
}

async function scaleRun(
  env: { address: string; namespace: string; client: Client },
  dir: string,
  options: { projects: number; step: number; replays: number; parallel: number },
): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production' });
  const { maxCachedWorkflows, maxConcurrentWorkflowTaskExecutions } = config.worker;
  const benchCase = CASES.find((c) => c.name === 'procurement+preload') as Case;
  const codePath = await bundleFile(dir, benchCase.workflowsPath, true);
  const taskQueue = `bench-scale-${randomUUID()}`;
  const worker = await WorkerChild.start({
    address: env.address,
    namespace: env.namespace,
    taskQueue,
    codePath,
    maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions,
    mainThread: false,
  });
  const tag = randomUUID().slice(0, 8);
  const ids = Array.from({ length: options.projects }, (_, i) => `bench-scale-${tag}-${i}`);
  const samples: ScaleSample[] = [];
  let replayMs: number[] = [];
  try {
    const idle = await worker.measure(false);
    samples.push({
      openProjects: 0,
      rssMiB: mib(idle.rss),
      cached: idle.cachedWorkflows,
      slowTaskWarnings: idle.slowTaskWarnings,
      secondsForStep: 0,
      loadavg: loadAverage(),
    });
    for (let from = 0; from < ids.length; from += options.step) {
      const started = performance.now();
      await startWorkflows(
        env.client,
        benchCase,
        taskQueue,
        ids.slice(from, from + options.step),
        options.parallel,
      );
      await worker.idle();
      const seconds = (performance.now() - started) / 1000;
      // As deployed: the workflows run on the worker thread, which collects its own garbage.
      const memory = await worker.measure(false);
      samples.push({
        openProjects: Math.min(from + options.step, ids.length),
        rssMiB: mib(memory.rss),
        cached: memory.cachedWorkflows,
        slowTaskWarnings: memory.slowTaskWarnings,
        secondsForStep: Number(seconds.toFixed(1)),
        loadavg: loadAverage(),
      });
      console.error(`[scale] ${JSON.stringify(samples.at(-1))}`);
    }
    // The oldest projects were evicted first: each query replays its history into the cache.
    for (const id of ids.slice(0, options.replays)) {
      replayMs.push(await firstAnswer(env.client, workflowIdFor(id), benchCase.query));
    }
    replayMs = replayMs.sort((a, b) => a - b);
  } finally {
    const alive = worker.alive;
    const last = alive ? await worker.measure(false) : undefined;
    await worker.stop();
    const percentile = (p: number) =>
      replayMs.length
        ? Number((replayMs[Math.min(replayMs.length - 1, Math.floor(p * replayMs.length))] ?? 0).toFixed(1))
        : null;
    console.log(
      `\nScale run: ${options.projects} projects, cache ${maxCachedWorkflows}, task slots ${maxConcurrentWorkflowTaskExecutions}`,
    );
    console.table(samples);
    console.log(
      JSON.stringify(
        {
          workerAlive: alive,
          rssAtEndMiB: last ? mib(last.rss) : null,
          slowTaskWarnings: last?.slowTaskWarnings ?? null,
          replayOfEvictedProject: {
            count: replayMs.length,
            p50Ms: percentile(0.5),
            p95Ms: percentile(0.95),
            maxMs: percentile(1),
          },
        },
        null,
        2,
      ),
    );
  }
}

async function main(): Promise<void> {
  const n = count('workflows', 500, 5000);
  const parallel = count('parallel', 16, 200) || 1;
  const wanted = flag('cases', 'all');
  const cases =
    wanted === 'all'
      ? CASES
      : CASES.filter((c) =>
          wanted
            .split(',')
            .map((name) => name.trim())
            .includes(c.name),
        );
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
    for (const benchCase of cases) {
      for (const thread of threads) {
        const row = await measureCase(env, dir, benchCase, n, parallel, thread === 'main');
        console.error(`[case] ${JSON.stringify(row)}`);
        rows.push(row);
      }
    }
    if (rows.length > 0) {
      console.log(
        `\nWorker memory per cached workflow (N = ${n}, ${process.argv.slice(2).join(' ') || 'defaults'})`,
      );
      console.table(rows);
    }
    if (scale > 0) await scaleRun(env, dir, { projects: scale, step, replays, parallel });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await testEnv.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
