/**
 * The SDK's own measure of workflow task execution (time on the workflow thread per activation),
 * read from the runtime's Prometheus endpoint: the histogram's sum and count per task queue, so
 * the project's and the floor's workers (on different task queues) are told apart.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from './support';

const METRIC = 'temporal_workflow_task_execution_latency';

/**
 * Installs the SDK runtime with a Prometheus endpoint on 127.0.0.1 (before any connection: the
 * runtime is process-wide). Warnings go to stderr, except the SDK's "task duration exceeded"
 * which the load makes common; those are only counted.
 */
export async function installRuntimeWithMetrics(): Promise<{ metricsUrl: string; slowTasks: () => number }> {
  const port = await freePort();
  let slow = 0;
  let shown = 0;
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => {
      if (entry.message.includes('Workflow task duration exceeded')) slow++;
      else if (shown++ < 30) process.stderr.write(`[sdk ${entry.level}] ${entry.message}\n`);
    }),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } },
  });
  return { metricsUrl: `http://127.0.0.1:${port}/metrics`, slowTasks: () => slow };
}

export interface TaskLatency {
  /** Milliseconds summed over all workflow tasks of the task queue so far. */
  sumMs: number;
  count: number;
}

/** Cumulative task execution latency per task queue. */
export async function scrapeTaskLatency(metricsUrl: string): Promise<Map<string, TaskLatency>> {
  const text = await (await fetch(metricsUrl)).text();
  const byQueue = new Map<string, TaskLatency>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${METRIC}(?:_milliseconds|_seconds)?_(sum|count)\\{([^}]*)\\} (\\S+)`).exec(
      line,
    );
    if (!match) continue;
    const [, part, labels, value] = match;
    const queue = /task_queue="([^"]*)"/.exec(labels ?? '')?.[1];
    if (!queue) continue;
    const entry = byQueue.get(queue) ?? { sumMs: 0, count: 0 };
    const number = Number(value);
    if (part === 'sum') entry.sumMs += line.includes('_seconds_') ? number * 1000 : number;
    else entry.count += number;
    byQueue.set(queue, entry);
  }
  return byQueue;
}

/** Mean task execution latency of one queue between two scrapes (NaN when no task ran). */
export function meanBetween(
  before: Map<string, TaskLatency>,
  after: Map<string, TaskLatency>,
  queue: string,
): { meanMs: number; tasks: number } {
  const a = after.get(queue) ?? { sumMs: 0, count: 0 };
  const b = before.get(queue) ?? { sumMs: 0, count: 0 };
  const tasks = a.count - b.count;
  return { meanMs: tasks > 0 ? (a.sumMs - b.sumMs) / tasks : Number.NaN, tasks };
}
