/**
 * The worker and the API as the operator runs them: separate processes (`api/main.ts`,
 * `worker/main.ts` under tsx), configured by environment, stopped with real signals. Their JSON
 * log lines are kept for the tests to wait on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface LogRecord {
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logs: LogRecord[];
  /** Resolves with the exit code once the process has exited, and when (ms since epoch). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  waitForLog(predicate: (line: LogRecord) => boolean, what: string, timeoutMs?: number): Promise<LogRecord>;
  /** Sends a signal and returns how long the process took to exit after it. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  /** Everything it wrote to stderr, for failure messages. */
  stderr(): string;
}

const running = new Set<Service>();

export function startService(entry: 'api/main.ts' | 'worker/main.ts', env: Record<string, string>): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  const wakers = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogRecord);
      } catch {
        logs.push({ msg: line });
      }
    }
    for (const wake of wakers) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => {
      child.once('exit', (code, signal) => {
        resolve({ code, signal, at: Date.now() });
        for (const wake of wakers) wake();
      });
    },
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const service: Service = {
    name: entry,
    child,
    logs,
    exited,
    stderr: () => stderr,
    async waitForLog(predicate, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(predicate);
        if (found) return found;
        if (hasExited || Date.now() > deadline) {
          throw new Error(
            `${entry}: ${what} ${hasExited ? 'never logged before it exited' : `not logged within ${timeoutMs} ms`}\n${stderr.slice(-3_000)}`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            wakers.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, 250);
          wakers.add(wake);
        });
      }
    },
    async stop(signal = 'SIGTERM') {
      const sent = Date.now();
      child.kill(signal);
      const { code, at } = await exited;
      return { code, ms: at - sent };
    },
  };
  running.add(service);
  void exited.then(() => running.delete(service));
  return service;
}

/** After the tests: whatever they left running is killed (only the processes started here). */
export async function killLeftovers(): Promise<void> {
  await Promise.all(
    [...running].map(async (service) => {
      service.child.kill('SIGKILL');
      await service.exited;
    }),
  );
}
