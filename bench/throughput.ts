/**
 * Throughput at 20 concurrent clients, project against floor, in alternating timed windows.
 *
 * Project: each client drives projects to step 5 through the API, one after the other (create
 * plus one update per submission and decision). Floor: each client starts a trivial workflow and
 * sends it the same number of updates with the same arguments, straight through the client.
 * Floor with upserts: the same, but the workflow upserts a search attribute at the start and in
 * every update, as often as a project writes visibility (20 writes to the project's 21). On the dev
 * server a visibility write is the costliest thing an update does, so this third side shows how
 * much of the gap is Temporal's work for writes the product needs (My work reads them) and how much
 * is the project's own code. Each window also reads the CPU time of the bench process (API, workers,
 * clients) and of the dev server, per process driven.
 * After one short uncounted window of each side, a window stops issuing calls when it ends (no
 * tail of half-finished processes); throughput is the calls finished in the window divided by the
 * calls of one process, per minute, so a process cut by the window still counts for what it did.
 * The SDK's task execution latency is read per task queue over the same window.
 */
import { randomUUID } from 'node:crypto';
import { workflowIdFor } from '../domain/project';
import type { Client } from '@temporalio/client';
import { driveFloorProcess, driveProjectToStep5, type UpdateArgs } from './drive';
import { meanBetween, scrapeTaskLatency } from './metrics';
import type { BenchStack } from './stack';
import { cpuMeter, loadAverage, percentile, progress, round1 } from './support';

export const THROUGHPUT_SIDES = ['project', 'floor', 'floor+upserts'] as const;
export type ThroughputSide = (typeof THROUGHPUT_SIDES)[number];

export interface ThroughputWindow {
  side: ThroughputSide;
  round: number;
  seconds: number;
  calls: number;
  completedProcesses: number;
  processesPerMinute: number;
  callP50Ms: number;
  callP95Ms: number;
  taskLatencyMeanMs: number;
  workflowTasks: number;
  /** CPU milliseconds per process driven: the bench process (API, workers, clients) and the server. */
  benchCpuMsPerProcess: number;
  serverCpuMsPerProcess: number;
  loadavg: string;
}

export interface ThroughputOptions {
  clients: number;
  windowSeconds: number;
  rounds: number;
  metricsUrl: string;
  /** The server's processes, to read their CPU time (support.ts: devServerProcess, processesNamed). */
  serverProcesses: () => number[];
}

export interface Sides {
  stack: BenchStack;
  client: Client;
  floorTaskQueue: string;
}

/** What Temporal did for one process: the events of its history that cost a round trip or a write. */
export interface ProcessHistory {
  events: number;
  workflowTasks: number;
  activities: number;
  searchAttributeUpserts: number;
  timersStarted: number;
  updatesAccepted: number;
}

async function historyOf(client: Client, workflowId: string): Promise<ProcessHistory> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const count = (has: (e: (typeof events)[number]) => unknown) => events.filter((e) => has(e)).length;
  return {
    events: events.length,
    workflowTasks: count((e) => e.workflowTaskCompletedEventAttributes),
    activities: count((e) => e.activityTaskScheduledEventAttributes),
    searchAttributeUpserts: count((e) => e.upsertWorkflowSearchAttributesEventAttributes),
    timersStarted: count((e) => e.timerStartedEventAttributes),
    updatesAccepted: count((e) => e.workflowExecutionUpdateAcceptedEventAttributes),
  };
}

interface WarmProcesses {
  updates: UpdateArgs[];
  workflowIds: Record<ThroughputSide, string>;
}

/** One process through the API first: its updates are the floor's, and its code is warm. */
export async function warmUp(sides: Sides): Promise<WarmProcesses> {
  const projectId = `bench-warm-${randomUUID().slice(0, 8)}`;
  const updates = await driveProjectToStep5(sides.stack, projectId);
  if (!updates) throw new Error('the warm-up process stopped early');
  const floorWorkflowId = `bench-floor-warm-${randomUUID()}`;
  await driveFloorProcess(sides.client, sides.floorTaskQueue, floorWorkflowId, updates);
  const upsertsWorkflowId = `bench-floor-upserts-warm-${randomUUID()}`;
  await driveFloorProcess(sides.client, sides.floorTaskQueue, upsertsWorkflowId, updates, { upserts: true });
  return {
    updates,
    workflowIds: {
      project: workflowIdFor(projectId),
      floor: floorWorkflowId,
      'floor+upserts': upsertsWorkflowId,
    },
  };
}

async function runWindow(
  sides: Sides,
  side: ThroughputSide,
  round: number,
  updates: UpdateArgs[],
  options: ThroughputOptions,
): Promise<ThroughputWindow> {
  const callsPerProcess = updates.length + 1;
  const tag = randomUUID().slice(0, 8);
  const queue = side === 'project' ? sides.stack.taskQueue : sides.floorTaskQueue;
  const callMs: number[] = [];
  let completed = 0;
  const cpu = cpuMeter(options.serverProcesses);
  const before = await scrapeTaskLatency(options.metricsUrl);
  const cpuBefore = cpu();
  const started = performance.now();
  const deadline = started + options.windowSeconds * 1000;
  const stop = () => performance.now() >= deadline;
  const onCall = (ms: number) => {
    if (!stop()) callMs.push(ms);
  };
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      for (let n = 0; !stop(); n++) {
        const id = `bench-tp-${tag}-${c}-${n}`;
        const done =
          side === 'project'
            ? (await driveProjectToStep5(sides.stack, id, { stop, onCall })) !== undefined
            : await driveFloorProcess(sides.client, sides.floorTaskQueue, id, updates, {
                stop,
                onCall,
                upserts: side === 'floor+upserts',
              });
        if (done && !stop()) completed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpu();
  const after = await scrapeTaskLatency(options.metricsUrl);
  const processes = callMs.length / callsPerProcess;
  const perProcess = (ms: number) => round1(ms / processes);
  const latency = meanBetween(before, after, queue);
  return {
    side,
    round,
    seconds: round1(seconds),
    calls: callMs.length,
    completedProcesses: completed,
    processesPerMinute: round1((callMs.length / callsPerProcess / options.windowSeconds) * 60),
    callP50Ms: round1(percentile(callMs, 50)),
    callP95Ms: round1(percentile(callMs, 95)),
    taskLatencyMeanMs: round1(latency.meanMs),
    workflowTasks: latency.tasks,
    benchCpuMsPerProcess: perProcess(cpuAfter.benchMs - cpuBefore.benchMs),
    serverCpuMsPerProcess: perProcess(cpuAfter.serverMs - cpuBefore.serverMs),
    loadavg: loadAverage(),
  };
}

export interface ThroughputResult {
  updatesPerProcess: number;
  windows: ThroughputWindow[];
  /**
   * The warm-up process of each side, read after the windows (its mail long sent): how many workflow
   * tasks, activities and upserts one process costs Temporal — the structural part of the ratio.
   */
  perProcess: Record<ThroughputSide, ProcessHistory>;
}

/** Alternates the sides' windows: in odd rounds in THROUGHPUT_SIDES order, in even rounds reversed. */
export async function measureThroughput(sides: Sides, options: ThroughputOptions): Promise<ThroughputResult> {
  const warmProcesses = await warmUp(sides);
  const updates = warmProcesses.updates;
  // A short window of each side that is not counted: the first minute under 20 clients (JIT,
  // caches, connection pools) would otherwise weigh on whichever side goes first.
  const warm = { ...options, windowSeconds: Math.max(5, Math.round(options.windowSeconds / 4)) };
  for (const side of THROUGHPUT_SIDES) await runWindow(sides, side, 0, updates, warm);
  const windows: ThroughputWindow[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? [...THROUGHPUT_SIDES] : [...THROUGHPUT_SIDES].reverse();
    for (const side of order) {
      const window = await runWindow(sides, side, round, updates, options);
      progress(`throughput ${JSON.stringify(window)}`);
      windows.push(window);
    }
  }
  const perProcess = {} as Record<ThroughputSide, ProcessHistory>;
  for (const side of THROUGHPUT_SIDES) {
    perProcess[side] = await historyOf(sides.client, warmProcesses.workflowIds[side]);
  }
  return { updatesPerProcess: updates.length, windows, perProcess };
}

/** Totals over the rounds of one side: processes/min over all its calls, p50 over all windows' p50. */
export function throughputTotals(result: ThroughputResult, side: ThroughputSide) {
  const windows = result.windows.filter((w) => w.side === side);
  const sum = (pick: (w: ThroughputWindow) => number) => windows.reduce((a, w) => a + pick(w), 0);
  const tasks = sum((w) => w.workflowTasks);
  return {
    processesPerMinute: round1(sum((w) => w.processesPerMinute) / windows.length),
    callP50Ms: round1(
      percentile(
        windows.map((w) => w.callP50Ms),
        50,
      ),
    ),
    taskLatencyMeanMs: round1(tasks ? sum((w) => w.taskLatencyMeanMs * w.workflowTasks) / tasks : Number.NaN),
    benchCpuMsPerProcess: round1(sum((w) => w.benchCpuMsPerProcess) / windows.length),
    serverCpuMsPerProcess: round1(sum((w) => w.serverCpuMsPerProcess) / windows.length),
    loadavg: windows.map((w) => w.loadavg.split(' ')[0]).join(', '),
  };
}
