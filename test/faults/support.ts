/**
 * What the fault tests share: a Temporal dev server of their own that can be stopped and started
 * again on the same address with the same data, a logger that keeps its lines for assertions, and
 * the environment a worker and an API are configured with.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type request from 'supertest';
import { type Logger, createLogger } from '../../config/logger';
import { resolveTemporalBinary } from '../../dev/temporal-binaries';
import { PROCUREMENT_SEARCH_ATTRIBUTES } from '../../domain/search-attributes';
import { SIGNING_KEYS, testApiKeys } from '../helpers/harness';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A dev server on a fixed port with its data in a file, so a restart keeps every project. */
export interface RestartableServer {
  readonly address: string;
  /** The environment while the server runs (its client and native connection are the test's own). */
  env(): TestWorkflowEnvironment;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function restartableDevServer(dataDir: string): Promise<RestartableServer> {
  const port = await freePort();
  const { executable } = await resolveTemporalBinary('cli');
  const dbFilename = path.join(dataDir, `temporal-${randomUUID()}.sqlite`);
  let running: TestWorkflowEnvironment | undefined;
  return {
    address: `127.0.0.1:${port}`,
    env() {
      if (!running) throw new Error('the dev server is stopped');
      return running;
    },
    async start() {
      running = await TestWorkflowEnvironment.createLocal({
        server: {
          executable,
          ip: '127.0.0.1',
          port,
          dbFilename,
          searchAttributes: PROCUREMENT_SEARCH_ATTRIBUTES,
          log: { format: 'pretty', level: 'error' },
        },
      });
    },
    async stop() {
      const env = running;
      running = undefined;
      await env?.teardown();
    },
  };
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** The app's logger (pino, JSON lines) with each line it writes kept, parsed, for assertions. */
export function collectingLogger(
  lines: LogLine[] = [],
  base: Record<string, unknown> = {},
): Logger & {
  lines: LogLine[];
} {
  const logger = createLogger('debug', base, (line) => {
    const {
      level,
      msg,
      time: _time,
      ...fields
    } = JSON.parse(line) as {
      level: LogLine['level'];
      msg: string;
      time: string;
    } & Record<string, unknown>;
    lines.push({ level, message: msg, fields });
  });
  return Object.assign(logger, { lines });
}

/** Polls a synchronous condition (a log line, a counter) until it holds; bounded. */
export async function until<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The environment of a worker and an API for one test: their own task queue, test keys, the capture as SMTP. */
export function faultEnv({
  address,
  apiPort,
  smtpPort,
  extra = {},
}: {
  address: string;
  apiPort: number;
  smtpPort: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `faults-${randomUUID()}`,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    API_KEYS: JSON.stringify(testApiKeys()),
    LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'Circular Procurement <no-reply@gent.example>',
    ...extra,
  };
}

/** Sends `call` again, as a client honouring 503s would (each 503 is itself bounded), until another answer. */
export async function firstAnswerOtherThan503(
  call: () => PromiseLike<request.Response>,
  timeoutMs: number,
): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await call();
    if (response.status !== 503 || Date.now() > deadline) return response;
  }
}
