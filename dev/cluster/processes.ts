/**
 * Child processes of a local cluster: each logs to its own file, can be killed hard (to test
 * crashes) or stopped gently, and every wait on them is bounded.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { promisify } from 'node:util';

export const runFile = promisify(execFile);

export interface ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  /** SIGKILL, as a crash would end it; resolves once it is gone. */
  kill(): Promise<void>;
  /** `signal` (SIGTERM unless told), then SIGKILL after `graceMs`. */
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<void>;
  /** The last lines of its log, for error messages. */
  logTail(lines?: number): Promise<string>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

export function startProcess({
  name,
  command,
  args,
  logFile,
  env,
  cwd,
  uid,
  gid,
}: SpawnOptions): ManagedProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    env: env ?? process.env,
    ...(cwd ? { cwd } : {}),
    ...(uid !== undefined ? { uid } : {}),
    ...(gid !== undefined ? { gid } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      running = false;
      log.end();
      resolve(`failed to start: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      running = false;
      log.end();
      resolve(signal ?? `exit ${code}`);
    });
  });
  const waitExit = async (ms: number) =>
    Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
  return {
    name,
    logFile,
    child,
    exited,
    isRunning: () => running,
    async kill() {
      if (!running) return;
      child.kill('SIGKILL');
      await waitExit(10_000);
    },
    async stop(graceMs = 15_000, signal: NodeJS.Signals = 'SIGTERM') {
      if (!running) return;
      child.kill(signal);
      await waitExit(graceMs);
      if (running) {
        child.kill('SIGKILL');
        await waitExit(10_000);
      }
    },
    async logTail(lines = 12) {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      // Server logs carry whole stack traces on one line: the start of each is what tells.
      return text
        .split('\n')
        .slice(-lines)
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
        .join('\n');
    },
  };
}

/** Thrown by a `waitUntil` check to give up at once (a process it waits for has exited). */
export class GiveUp extends Error {
  override name = 'GiveUp';
}

/**
 * Polls `check` until it returns a value, throwing with `what` (and the last error) at the
 * deadline, or at once when the check throws GiveUp.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw new Error(`${what}: ${error.message}`, { cause: error });
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${what}: not within ${timeoutMs} ms${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** True once something accepts TCP connections on host:port. */
export function acceptsConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * A free port between `low` and `high` (inclusive), never handed out twice by this process.
 * Temporal stores membership ports as SMALLINT, so they must stay below 32768; the ephemeral range
 * (32768 and up) is avoided for every port so that outgoing connections cannot take one first.
 */
export async function freePort(low = 20_000, high = 32_000): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (taken.has(port) || !(await canBind(port))) continue;
    taken.add(port);
    return port;
  }
  throw new Error(`no free port between ${low} and ${high}`);
}
