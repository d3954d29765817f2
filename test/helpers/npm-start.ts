/** Runs `npm start` (dev/start.ts) as a child process: used by its test and its benchmark. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Distinct ports nobody listens on right now (all held open together, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startNpmStart(env: NodeJS.ProcessEnv): Started {
  // As `npm start` runs it: tsx as a loader in this one process. The tsx command would put a
  // parent process in between that re-sends a signal the child has not acknowledged within 30 ms,
  // then kills it (exit 130): on a busy machine that turned a clean Ctrl-C into a forced stop.
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function ready(started: Started, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let stillRunning = true;
  void started.exited.then(() => (stillRunning = false));
  for (;;) {
    const match = /ready in (\d+\.\d) s/.exec(started.output());
    if (match?.[1]) return Number(match[1]);
    if (!stillRunning) throw new Error(`npm start exited before it was ready:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The promise's value, or 'timeout' after `ms` (the timer is cleared, so jest can exit). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function stop(started: Started, timeoutMs = 30_000): Promise<number | null> {
  started.child.kill('SIGINT');
  const code = await within(started.exited, timeoutMs);
  if (code === 'timeout')
    throw new Error(`npm start did not stop within ${timeoutMs} ms:\n${started.output()}`);
  return code;
}
