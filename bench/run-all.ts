/**
 * `npm run bench`: every benchmark of the issue "Performance at the scale of a region", each beside
 * its floor in the same run, interleaved so that load from elsewhere touches both alike; prints the
 * summary and writes it, with the details and the load averages, to BENCHMARKS.md.
 *
 *   npm run bench                  the full run (about 15–20 minutes on 2 cores; gives up after 25)
 *   npm run bench -- --quick       a smoke run of every part in a few minutes (writes nothing
 *                                  unless --write)
 *   npm run bench -- --out FILE    write somewhere else than BENCHMARKS.md
 *
 * Parts, in order: worker cold start; memory per cached workflow; throughput and workflow task
 * latency at 20 clients; single decisions (page, JSON, floor); the scale run (5,000 open projects)
 * and the replay of evicted ones; the project list at that scale; the replay of a ten-year
 * project; a CPU profile of the workflow code under the throughput load.
 *
 * Everything listens on 127.0.0.1: the dev server and the time-skipping server (started here),
 * the API, the SDK's Prometheus endpoint.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { startLocalDevServer, timeSkippingEnvironment } from '../test/helpers/harness';
import { WORKFLOWS_PATH } from '../worker/worker';
import { measureDecisions } from './decisions';
import { measureLists } from './lists';
import { installRuntimeWithMetrics } from './metrics';
import { profileWorkflows } from './profile';
import { benchmarksMarkdown, summaryTable } from './report';
import { startBenchStack, startFloorWorker } from './stack';
import { type Results, type Size, sections, summaryRows } from './summary';
import {
  devServerProcess,
  flag,
  floorWorkflowsPath,
  hasFlag,
  loadAverage,
  prebuiltBundle,
  progress,
  sleep,
} from './support';
import { measureTenYears } from './ten-year';
import { measureThroughput } from './throughput';
import { benchCase, type Row, ScaleRun, measureCase } from './worker-memory';
import { WorkerChild } from './worker-memory-handle';

const quick = hasFlag('quick');

/** The sizes of each part: the full run, and a smoke run that touches every part. */
const SIZE: Size = quick
  ? {
      coldStarts: 1,
      memoryWorkflows: 100,
      memoryThreads: ['worker'] as const,
      clients: 20,
      windowSeconds: 15,
      rounds: 1,
      decisions: 40,
      scale: 1000,
      scaleStep: 500,
      replays: 20,
      listIterations: 10,
      years: 2,
      tenYearReplays: 3,
      profileSeconds: 10,
      limitMinutes: 12,
    }
  : {
      coldStarts: 2,
      memoryWorkflows: 500,
      memoryThreads: ['worker', 'main'] as const,
      clients: 20,
      windowSeconds: 60,
      rounds: 3,
      decisions: 200,
      scale: 5000,
      scaleStep: 1000,
      replays: 100,
      listIterations: 30,
      years: 10,
      tenYearReplays: 10,
      profileSeconds: 30,
      limitMinutes: 35,
    };

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  const loadStart = loadAverage();
  // A hung part must not keep the machine busy: the whole run has a hard limit. The dev server
  // is stopped on the way out (worker children leave when their IPC channel closes).
  let teardown = (): Promise<void> => Promise.resolve();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${SIZE.limitMinutes} min, giving up`);
    void Promise.race([teardown(), sleep(10_000)]).finally(() => process.exit(2));
  }, SIZE.limitMinutes * 60_000);
  watchdog.unref();

  const { metricsUrl, slowTasks } = await installRuntimeWithMetrics();
  const env = await startLocalDevServer();
  teardown = () => env.teardown();
  const namespace = env.namespace ?? 'default';
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-run-all-'));
  // Filled part by part; a part that fails throws, so the summary only ever sees a complete set.
  const r: Partial<Results> = { quick, size: SIZE };
  try {
    const [projectBundle, floorBundle] = await Promise.all([
      prebuiltBundle(dir, WORKFLOWS_PATH, true),
      prebuiltBundle(dir, floorWorkflowsPath('updates'), false),
    ]);
    const memoryEnv = { address: env.address, namespace, client: env.client };

    progress('cold start: prebuilt bundle and bundling from source, alternating');
    r.coldStarts = [];
    for (let i = 0; i < SIZE.coldStarts; i++) {
      for (const mode of ['prebuilt', 'source'] as const) {
        const child = await WorkerChild.start({
          address: env.address,
          namespace,
          taskQueue: `bench-cold-${randomUUID()}`,
          ...(mode === 'prebuilt' ? { codePath: projectBundle.codePath } : {}),
          maxCachedWorkflows: 10,
          maxConcurrentWorkflowTaskExecutions: 2,
          mainThread: false,
        });
        r.coldStarts.push({
          mode,
          startMs: Math.round(child.startMs),
          createMs: Math.round(child.createMs),
          loadavg: loadAverage(),
        });
        await child.stop();
      }
    }

    progress(`memory: ${SIZE.memoryWorkflows} workflows a case, floor and project alternating`);
    r.memory = [] as Row[];
    for (const thread of SIZE.memoryThreads) {
      for (const name of ['trivial', 'procurement+preload']) {
        const row = await measureCase(
          memoryEnv,
          dir,
          benchCase(name),
          SIZE.memoryWorkflows,
          16,
          thread === 'main',
        );
        progress(`memory ${JSON.stringify(row)}`);
        r.memory.push(row);
      }
    }

    const stack = await startBenchStack({ env, bundle: projectBundle });
    const floor = await startFloorWorker(env.nativeConnection, namespace, floorBundle, stack.config.worker);
    try {
      progress(
        `throughput: ${SIZE.rounds} rounds of ${SIZE.windowSeconds} s a side, ${SIZE.clients} clients`,
      );
      r.throughput = await measureThroughput(
        { stack, client: env.client, floorTaskQueue: floor.taskQueue },
        {
          clients: SIZE.clients,
          windowSeconds: SIZE.windowSeconds,
          rounds: SIZE.rounds,
          metricsUrl,
          serverProcesses: () => devServerProcess(env.address),
        },
      );
      progress(`decisions: ${SIZE.decisions} of each kind, one at a time`);
      r.decisions = await measureDecisions(stack, env.client, floor.taskQueue, SIZE.decisions);
      progress(`decisions ${JSON.stringify(r.decisions)}`);

      progress(
        `scale: ${SIZE.scale} open projects and as many trivial workflows, ${SIZE.scaleStep} at a time`,
      );
      const runs = [
        await ScaleRun.start(memoryEnv, dir, benchCase('procurement+preload'), 16),
        await ScaleRun.start(memoryEnv, dir, benchCase('trivial'), 16),
      ];
      try {
        for (let open = SIZE.scaleStep; open <= SIZE.scale; open += SIZE.scaleStep) {
          for (const run of runs) progress(`scale ${JSON.stringify(await run.grow(SIZE.scaleStep))}`);
        }
        r.scale = { project: runs[0]?.samples ?? [], floor: runs[1]?.samples ?? [] };
        r.evictedReplay = {
          project: await (runs[0] as ScaleRun).replays(SIZE.replays),
          floor: await (runs[1] as ScaleRun).replays(SIZE.replays),
          loadavg: loadAverage(),
        };
      } finally {
        for (const run of runs) await run.stop();
      }

      progress('lists: the project list and counts at this scale');
      r.lists = await measureLists(stack, env.client, namespace, SIZE.listIterations);

      progress(`ten years: one project on the time-skipping server, ${SIZE.years} years of monthly reviews`);
      const timeSkipping = await timeSkippingEnvironment();
      try {
        const tsStack = await startBenchStack({
          env: timeSkipping,
          bundle: projectBundle,
          now: () => timeSkipping.currentTimeMs(),
        });
        try {
          r.tenYears = await measureTenYears({
            timeSkipping,
            timeSkippingStack: tsStack,
            projectBundle,
            floorBundle,
            devClient: env.client,
            floorTaskQueue: floor.taskQueue,
            years: SIZE.years,
            replays: SIZE.tenYearReplays,
          });
        } finally {
          await tsStack.close();
        }
      } finally {
        await timeSkipping.teardown();
      }
    } finally {
      await floor.close();
      await stack.close();
    }

    progress('profile: the workflow code under the throughput load');
    r.profile = await profileWorkflows(env, projectBundle, {
      clients: SIZE.clients,
      seconds: SIZE.profileSeconds,
      file: path.join(tmpdir(), `bench-workflows-${Date.now()}.cpuprofile`),
    });
    r.slowTaskWarnings = slowTasks();
  } finally {
    await rm(dir, { recursive: true, force: true });
    await env.teardown();
  }

  const results = r as Results;
  const summary = summaryRows(results);
  console.log(`\n${summaryTable(summary)}\n`);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const markdown = benchmarksMarkdown({
    command,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit: gitCommit(),
    durationMinutes: Math.round((performance.now() - began) / 6000) / 10,
    summary,
    sections: sections(results),
    loadStart,
    loadEnd: loadAverage(),
  });
  if (!quick || hasFlag('write') || hasFlag('out')) {
    const out = path.resolve(flag('out', path.join(__dirname, '..', 'BENCHMARKS.md')));
    // Formatted as `npm run format` would, so the format check passes on the file as written.
    const style = await prettier.resolveConfig(out);
    await writeFile(out, await prettier.format(markdown, { ...style, parser: 'markdown' }));
    progress(`written to ${out}`);
  }
  clearTimeout(watchdog);
}

main().then(
  // The SDK runtime keeps handles open; everything of ours is closed, so leave.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
