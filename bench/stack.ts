/**
 * The stack the benchmarks drive, in this process: the API on 127.0.0.1, a procurement worker on
 * the prebuilt bundle with its real activities, and a floor worker on a task queue of its own.
 *
 * Like test/helpers/harness.ts, with three differences that matter for measuring: the mail is
 * composed by the real notifier but handed to nodemailer's JSON transport instead of an SMTP
 * capture that would parse every message in this same process (the decision links are read from
 * the composed mail); the worker may run its workflows on the main thread (debugMode) so an
 * inspector session can profile them; and the API logs at warn, as the tests do.
 */
import { randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type NativeConnection, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { LinkSigner } from '../activities/links';
import { createMailNotifier } from '../activities/mail/notifier';
import { createApp } from '../api/app';
import type { SessionStore } from '../api/session/store';
import { type AppConfig, loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { SIGNING_KEYS, testApiKeys } from '../test/helpers/harness';
import { createProcurementWorker } from '../worker/worker';
import { httpRequest } from './http-client';
import type { Bundle } from './support';

export interface Person {
  name: string;
  email: string;
}

/** The approvers of the decision benchmarks: ten people with API keys of their own. */
export const BENCH_APPROVERS = Array.from({ length: 10 }, (_, i) => ({
  name: `Approver ${i + 1}`,
  email: `approver-${i + 1}@bench.example`,
  locale: 'en' as const,
}));

/** Every decision link the notifier put in a mail, by the Message-ID's project (`cpo.<id>.`). */
export class LinkLog {
  private readonly byProject = new Map<string, string[]>();

  record(messageId: string, text: string): void {
    const project = /cpo\.([a-z0-9-]+)\./.exec(messageId)?.[1];
    const link = /https?:\/\/[^\s"<>]+\/d\/[A-Za-z0-9._~-]+/.exec(text)?.[0];
    if (!project || !link) return;
    const links = this.byProject.get(project) ?? [];
    links.push(link);
    this.byProject.set(project, links);
  }

  of(projectId: string): string[] {
    return this.byProject.get(projectId) ?? [];
  }

  forget(projectId: string): void {
    this.byProject.delete(projectId);
  }
}

export interface BenchStack {
  client: Client;
  config: AppConfig;
  baseUrl: string;
  taskQueue: string;
  worker: Worker;
  links: LinkLog;
  close(): Promise<void>;
}

export interface StackOptions {
  /** The server: the dev server the bench started, or a connection to the cluster (bench/cluster-throughput.ts). */
  env: Pick<TestWorkflowEnvironment, 'address' | 'client' | 'nativeConnection'>;
  bundle: Bundle;
  /** Run the workflows on the main thread, where an inspector session sees them (profiling only). */
  debugMode?: boolean;
  /** The server's clock for link expiry (time-skipping). */
  now?: () => Promise<number>;
  /** More configuration (the workspace's people, the SMTP capture its sign-in mail goes to). */
  configEnv?: Record<string, string>;
  /** Where sessions are kept (the default is a file under DATA_DIR). */
  sessionStore?: SessionStore;
}

export async function startBenchStack({
  env,
  bundle,
  debugMode,
  now,
  configEnv = {},
  sessionStore,
}: StackOptions): Promise<BenchStack> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const taskQueue = `bench-project-${randomUUID()}`;
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PUBLIC_BASE_URL: baseUrl,
    API_KEYS: JSON.stringify(testApiKeys(BENCH_APPROVERS)),
    LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
    // One client clicks hundreds of links a minute; the limiter is for the internet, not the bench.
    LINK_RATE_LIMIT_PER_MINUTE: '100000',
    SMTP_HOST: '127.0.0.1',
    MAIL_FROM: 'Circular Procurement <no-reply@gent.example>',
    ...configEnv,
  });
  const links = new LinkLog();
  const transport = nodemailer.createTransport({ jsonTransport: true });
  transport.use('compile', (mail, done) => {
    links.record(mail.data.messageId ?? '', typeof mail.data.text === 'string' ? mail.data.text : '');
    done();
  });
  const worker = await createProcurementWorker({
    connection: env.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    client: env.client,
    notifier: createMailNotifier({
      transport,
      from: config.mail.from,
      publicBaseUrl: baseUrl,
      links: new LinkSigner(config.links.signingKeys),
      linkTtlDays: config.links.ttlDays,
      defaults: config.defaults,
      directory: config.workspace.people,
    }),
    workflowBundle: { code: bundle.code },
    // The configured (default) cache and task slots, as deployed.
    tuning: config.worker,
    overrides: { shutdownGraceTime: '1s', ...(debugMode ? { debugMode: true } : {}) },
  });
  const running = worker.run();
  const app = createApp({
    client: env.client,
    config,
    logger: createLogger('warn', { service: 'bench' }),
    ...(now ? { now } : {}),
    ...(sessionStore ? { sessionStore } : {}),
  });
  server.on('request', app);
  return {
    client: env.client,
    config,
    baseUrl,
    taskQueue,
    worker,
    links,
    async close() {
      worker.shutdown();
      await running;
      await closeServer(server);
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface FloorWorker {
  taskQueue: string;
  close(): Promise<void>;
}

/** A worker for the floor workflows on its own task queue, tuned like the project worker. */
export async function startFloorWorker(
  connection: NativeConnection,
  namespace: string,
  bundle: Bundle,
  tuning: AppConfig['worker'],
): Promise<FloorWorker> {
  const taskQueue = `bench-floor-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: { code: bundle.code },
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTaskExecutions,
    shutdownGraceTime: '1s',
  });
  const running = worker.run();
  return {
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
    },
  };
}

/** A JSON call to the API with a bearer key; returns the status, the body and the milliseconds. */
export async function apiCall(
  stack: Pick<BenchStack, 'baseUrl'>,
  key: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await httpRequest(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = response.text;
  const ms = performance.now() - started;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text: text.slice(0, 300) };
  }
  return { status: response.status, body: parsed, ms };
}
