/**
 * Small pieces every benchmark shares: command-line flags, load average, percentiles, a bounded
 * concurrency pool, the workflow bundles (built once per process, as `npm run build` does) and the
 * CPU time of the bench and of its dev server.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH, workflowInterceptorModules } from '../worker/worker';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The 1, 5 and 15 minute load averages: other engineers run tests on this machine too. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** A whole-number flag, refused outside 0..max so a typo cannot start an unbounded run. */
export function count(name: string, fallback: number, max: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  }
  return value;
}

/** Nearest-rank percentile of unsorted samples (NaN when there are none). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function mean(samples: number[]): number {
  return samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : Number.NaN;
}

export function round1(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : Number.NaN;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  return {
    n: samples.length,
    p50: round1(percentile(samples, 50)),
    p95: round1(percentile(samples, 95)),
    p99: round1(percentile(samples, 99)),
    mean: round1(mean(samples)),
    max: round1(percentile(samples, 100)),
  };
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

/** A free TCP port on 127.0.0.1 (for the Prometheus endpoint of the SDK runtime). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const quietBundler = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  log: () => undefined,
};

export const floorWorkflowsPath = (file: string) => require.resolve(`./floor-workflows/${file}`);

export interface Bundle {
  code: string;
  /** The same code on disk, for worker child processes ({ codePath }). */
  codePath: string;
}

const bundles = new Map<string, Promise<Bundle>>();

/**
 * One bundle per workflows path and preload setting, written into `dir`: the prebuilt bundle a
 * deployed worker loads, so no measurement includes webpack.
 */
export function prebuiltBundle(
  dir: string,
  workflowsPath: string,
  preload: boolean,
  traced = false,
): Promise<Bundle> {
  const key = `${dir}:${workflowsPath}:${preload}:${traced}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = (async () => {
      const { code } = await bundleWorkflowCode({
        workflowsPath,
        logger: quietBundler,
        ...(preload ? { preloadModules: [...WORKFLOW_PRELOAD_MODULES] } : {}),
        // The project's workflows with their interceptors, as the worker bundles them.
        ...(workflowsPath === WORKFLOWS_PATH
          ? { workflowInterceptorModules: workflowInterceptorModules(traced) }
          : {}),
      });
      const name = path.basename(workflowsPath, path.extname(workflowsPath));
      const codePath = path.join(
        dir,
        `${name}-${preload ? 'preload-' : ''}${traced ? 'traced-' : ''}${randomUUID()}.js`,
      );
      await writeFile(codePath, code);
      return { code, codePath };
    })();
    bundles.set(key, bundle);
  }
  return bundle;
}

/** Progress on stderr, so stdout keeps only the tables. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** CPU milliseconds (user + system, every thread) that process `pid` has used, from /proc (Linux). */
function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The dev server process listening on `address` (the bench started it: `temporal server start-dev --port N`). */
export function devServerProcess(address: string): number[] {
  const port = address.split(':').at(-1);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('start-dev') && args[args.indexOf('--port') + 1] === port) return [Number(entry)];
    } catch {
      // The process ended while we looked.
    }
  }
  return [];
}

/** Every process named `name` now (PostgreSQL's server processes are all called `postgres`). */
export function processesNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export interface CpuReading {
  /** This process: the API, both workers (their workflow threads too) and the bench's clients. */
  benchMs: number;
  /** The Temporal server's processes (and its database's, for the cluster); NaN when none was found. */
  serverMs: number;
}

/**
 * Reads the CPU time used so far by this process and by the server's processes, so a timed window
 * can say where its work went: on one machine both compete for the same two cores. The server's
 * processes are looked up on every reading (database connections come and go).
 */
export function cpuMeter(serverProcesses: () => number[]): () => CpuReading {
  return () => {
    const pids = serverProcesses();
    return {
      benchMs: processCpuMs(process.pid) ?? Number.NaN,
      serverMs: pids.length === 0 ? Number.NaN : pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0),
    };
  };
}
