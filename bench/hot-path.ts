/**
 * `npm run bench:hot-path`: only the parts of `npm run bench` that follow the workflow task —
 * throughput with workflow task latency at 20 clients, single decisions and a CPU profile — each
 * beside its floor, interleaved the same way. A few minutes instead of twenty: for checking a
 * change to the hot path before the full run writes BENCHMARKS.md. Prints, writes nothing.
 *
 *   npm run bench:hot-path                      60 s windows, 2 rounds, 200 decisions
 *   npm run bench:hot-path -- --window 20 --rounds 1 --decisions 60 --profile 0
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalDevServer } from '../test/helpers/harness';
import { WORKFLOWS_PATH } from '../worker/worker';
import { measureDecisions } from './decisions';
import { installRuntimeWithMetrics } from './metrics';
import { profileWorkflows } from './profile';
import { startBenchStack, startFloorWorker } from './stack';
import { devServerProcess, flag, floorWorkflowsPath, loadAverage, prebuiltBundle, progress } from './support';
import { measureThroughput, throughputTotals } from './throughput';

const windowSeconds = Number(flag('window', '60'));
const rounds = Number(flag('rounds', '2'));
const decisions = Number(flag('decisions', '200'));
const profileSeconds = Number(flag('profile', '20'));
const clients = 20;

const ratio = (project: number, floor: number) => `${(project / floor).toFixed(2)}×`;

async function main(): Promise<void> {
  const { metricsUrl } = await installRuntimeWithMetrics();
  const env = await startLocalDevServer();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-hot-path-'));
  const lines: string[] = [`load at the start ${loadAverage()}`];
  try {
    const [projectBundle, floorBundle] = await Promise.all([
      prebuiltBundle(dir, WORKFLOWS_PATH, true),
      prebuiltBundle(dir, floorWorkflowsPath('updates'), false),
    ]);
    const stack = await startBenchStack({ env, bundle: projectBundle });
    const floor = await startFloorWorker(env.nativeConnection, 'default', floorBundle, stack.config.worker);
    try {
      if (rounds > 0) {
        const result = await measureThroughput(
          { stack, client: env.client, floorTaskQueue: floor.taskQueue },
          {
            clients,
            windowSeconds,
            rounds,
            metricsUrl,
            serverProcesses: () => devServerProcess(env.address),
          },
        );
        const p = throughputTotals(result, 'project');
        const f = throughputTotals(result, 'floor');
        const u = throughputTotals(result, 'floor+upserts');
        lines.push(
          `throughput ${p.processesPerMinute} / min vs floor ${f.processesPerMinute}: ${ratio(p.processesPerMinute, f.processesPerMinute)} (goal ≥ 0.7×)`,
          `task latency ${p.taskLatencyMeanMs} ms vs floor ${f.taskLatencyMeanMs}: ${ratio(p.taskLatencyMeanMs, f.taskLatencyMeanMs)} (goal ≤ 2×)`,
          `floor with the project's visibility writes ${u.processesPerMinute} / min: ${ratio(u.processesPerMinute, f.processesPerMinute)} of the floor; the project ${ratio(p.processesPerMinute, u.processesPerMinute)} of it`,
          `CPU ms per process, bench + server: project ${p.benchCpuMsPerProcess} + ${p.serverCpuMsPerProcess}, floor ${f.benchCpuMsPerProcess} + ${f.serverCpuMsPerProcess}, floor with upserts ${u.benchCpuMsPerProcess} + ${u.serverCpuMsPerProcess}`,
          `call p50 ${p.callP50Ms} ms vs floor ${f.callP50Ms}; load ${p.loadavg}`,
          `one process in history: project ${JSON.stringify(result.perProcess.project)}, floor ${JSON.stringify(result.perProcess.floor)}`,
        );
      }
      if (decisions > 0) {
        const d = await measureDecisions(stack, env.client, floor.taskQueue, decisions);
        lines.push(
          `decision page p50 ${d.page.p50} ms vs floor ${d.floor.p50}: ${ratio(d.page.p50, d.floor.p50)} (goal ≤ 1.25×); p99 ${d.page.p99} vs ${d.floor.p99}: ${ratio(d.page.p99, d.floor.p99)} (goal ≤ 2×)`,
          `JSON decision p50 ${d.json.p50} ms: ${ratio(d.json.p50, d.floor.p50)} (goal ≤ 1.2×); load ${d.loadavg.join('; ')}`,
          `  of which: the project's update without the API p50 ${d.direct.p50} ms (${ratio(d.direct.p50, d.floor.p50)}); the floor with one search-attribute upsert p50 ${d.floorUpsert.p50} ms (${ratio(d.floorUpsert.p50, d.floor.p50)}); JSON against that floor ${ratio(d.json.p50, d.floorUpsert.p50)}`,
        );
      }
    } finally {
      await floor.close();
      await stack.close();
    }
    if (profileSeconds > 0) {
      const profile = await profileWorkflows(env, projectBundle, {
        clients,
        seconds: profileSeconds,
        file: path.join(tmpdir(), `bench-hot-path-${Date.now()}.cpuprofile`),
      });
      const rows = (list: { fn: string; ms: number }[]) =>
        list.slice(0, 8).map((f) => `  ${f.ms} ms ${f.fn}`);
      lines.push(
        `profile: ${profile.sandboxMsPerCall} ms in the sandbox per call, ${profile.oursMsPerCall} ms in our code; ${profile.file}`,
        'areas (self):',
        ...profile.areas.slice(0, 10).map((a) => `  ${a.ms} ms ${a.area}`),
        'our code (inclusive):',
        ...rows(profile.topInclusiveOurs),
        'promise hook, by the function that made the promise:',
        ...rows(profile.promisesMadeBy),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await env.teardown();
  }
  lines.push(`load at the end ${loadAverage()}`);
  progress('done');
  console.log(`\n${lines.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
