/**
 * The parent's side of a worker child (bench/worker-memory-child.ts): forks it with --expose-gc,
 * then asks it over IPC to measure its memory, report its status and stop. Used by the memory
 * bench, the scale run and the cold-start measurement.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { ChildConfig, FromChild, Memory, Status, ToChild } from './worker-memory-child';
import { sleep } from './support';

interface Waiter {
  type: FromChild['type'];
  resolve: (message: FromChild) => void;
  reject: (error: Error) => void;
}

export class WorkerChild {
  private readonly waiting: Waiter[] = [];
  private exited: string | undefined;
  /** Milliseconds from the fork to the worker's "ready" (created and polling). */
  startMs = 0;
  /** Milliseconds the child spent in Worker.create (loading, or bundling, the workflow code). */
  createMs = 0;

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
    const started = performance.now();
    // Only the worker and its stub activities: the child's RSS is close to a production worker's.
    const proc = fork(require.resolve('./worker-memory-child'), [JSON.stringify(config)], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new WorkerChild(proc);
    const ready = await child.next('ready');
    child.startMs = performance.now() - started;
    child.createMs = ready.createMs;
    return child;
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
