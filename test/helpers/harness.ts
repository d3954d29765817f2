/**
 * The real stack for a test file: a Temporal environment (the shared dev server, or a private
 * time-skipping server), one worker on a unique task queue with the real mail notifier, a real SMTP
 * capture, and the API listening on an ephemeral HTTP port.
 */
import { randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { LinkSigner } from '../../activities/links';
import { createMailNotifier } from '../../activities/mail/notifier';
import { createSmtpTransport } from '../../activities/mail/transport';
import { createApp } from '../../api/app';
import { createMemorySessionStore } from '../../api/session/store';
import { type ApiKeyEntry, type AppConfig, loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { waitUntil } from '../../dev/cluster/processes';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { samplePeople } from '../../dev/sample-project';
import { resolveTemporalBinary } from '../../dev/temporal-binaries';
import { PROCUREMENT_SEARCH_ATTRIBUTES, SEARCH_ATTRIBUTE_CLI_TYPES } from '../../domain/search-attributes';
import {
  createProcurementWorker,
  WORKFLOW_PRELOAD_MODULES,
  WORKFLOWS_PATH,
  workflowInterceptorModules,
} from '../../worker/worker';

export const OFFICER_KEY = 'officer-key-0123456789abcdef';
export const VIEWER_KEY = 'viewer-key-0123456789abcdef';
export const SIGNING_KEYS = [
  { id: 'k2025', secret: 'an-older-signing-secret-that-still-verifies-0001' },
  { id: 'k2026', secret: 'the-newest-signing-secret-used-for-new-links-0002' },
];

/** One API key per sample person, so each can decide for themselves. */
export function personalKey(email: string): string {
  return `key-${email.replace(/[^a-z0-9]/gi, '-')}-0123456789`;
}

/**
 * The suite's keys see every organisation ("*"), as keys did before they named organisations;
 * tests of the scoping add keys of their own (`extraKeys`).
 */
export function testApiKeys(
  extraPeople: { name: string; email: string }[] = [],
  extraKeys: ApiKeyEntry[] = [],
) {
  const people = [...Object.values(samplePeople), ...extraPeople];
  return [
    {
      key: OFFICER_KEY,
      name: samplePeople.requester.name,
      email: samplePeople.requester.email,
      roles: ['officer'],
      organisations: '*',
    },
    { key: VIEWER_KEY, name: 'Viewer', email: 'viewer@gent.example', roles: ['viewer'], organisations: '*' },
    ...people
      .filter((p) => p.email !== samplePeople.requester.email)
      .map((p) => ({
        key: personalKey(p.email),
        name: p.name,
        email: p.email,
        roles: ['viewer'],
        organisations: '*',
      })),
    ...extraKeys,
  ];
}

const bundles = new Map<boolean, Promise<WorkflowBundleWithSourceMap>>();
/**
 * One workflow bundle per test file (webpack takes seconds; workers reuse it); `traced` adds the
 * workflow spans, as the worker bundles with tracing on.
 */
export function workflowBundle(traced = false): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(traced);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      // As the worker and `npm run build` bundle it: shared, frozen domain modules (worker/worker.ts).
      preloadModules: [...WORKFLOW_PRELOAD_MODULES],
      workflowInterceptorModules: workflowInterceptorModules(traced),
      logger: quietBundlerLogger,
    });
    bundles.set(traced, bundle);
  }
  return bundle;
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  log: () => undefined,
};

export async function devServerEnvironment(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (global setup)');
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}

/** A dev server of our own (benchmarks, or a test that needs the Web UI), with the project's search attributes. */
export async function startLocalDevServer(ui?: { port: number }): Promise<TestWorkflowEnvironment> {
  const { executable } = await resolveTemporalBinary('cli');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      searchAttributes: PROCUREMENT_SEARCH_ATTRIBUTES,
      log: { format: 'pretty', level: 'error' },
      ...(ui ? { ui: true, uiPort: ui.port } : {}),
    },
  });
}

export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  // Under jest the global setup resolved it already; scripts (recorder, benchmarks) resolve it here.
  const { executable } = await resolveTemporalBinary('test-server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  // The time-skipping server knows no custom search attributes until told.
  const { IndexedValueType } = temporal.api.enums.v1;
  const types: Record<string, number> = {
    Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES).map(([name, type]) => [
        name,
        types[type] ?? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
  return env;
}

export interface Harness {
  env: TestWorkflowEnvironment;
  client: Client;
  config: AppConfig;
  mail: MailCapture;
  worker: Worker;
  baseUrl: string;
  server: Server;
  /** supertest against the listening server, with a bearer key. */
  api(key?: string): ReturnType<typeof authenticatedAgent>;
  close(): Promise<void>;
}

function authenticatedAgent(baseUrl: string, key: string | undefined) {
  const agent = request(baseUrl);
  const withKey = <T extends { set(name: string, value: string): T }>(test: T): T =>
    key ? test.set('Authorization', `Bearer ${key}`) : test;
  return {
    get: (path: string) => withKey(agent.get(path)),
    post: (path: string) => withKey(agent.post(path)),
    patch: (path: string) => withKey(agent.patch(path)),
    put: (path: string) => withKey(agent.put(path)),
    delete: (path: string) => withKey(agent.delete(path)),
  };
}

export interface HarnessOptions {
  env: TestWorkflowEnvironment;
  /** Extra environment for loadConfig (e.g. LINK_TTL_DAYS). */
  configEnv?: Record<string, string>;
  extraPeople?: { name: string; email: string }[];
  /** API keys besides the suite's (e.g. keys of one organisation). */
  extraKeys?: ApiKeyEntry[];
  /** The workspace's wall clock (sessions, sign-in links); real time by default. */
  wallClock?: () => number;
  /** Use an already running mail capture (to test SMTP outages). */
  mail?: MailCapture;
}

export async function startHarness({
  env,
  configEnv = {},
  extraPeople = [],
  extraKeys = [],
  wallClock,
  mail: givenMail,
}: HarnessOptions): Promise<Harness> {
  const mail = givenMail ?? (await startMailCapture());
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const taskQueue = `test-${randomUUID()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PUBLIC_BASE_URL: baseUrl,
    API_KEYS: JSON.stringify(testApiKeys(extraPeople, extraKeys)),
    LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'Circular Procurement <no-reply@gent.example>',
    // Generous: the suite must pass with both cores busy, when replaying a closed project for a
    // query can take seconds. Tests of the deadline itself set a short one.
    API_TEMPORAL_TIMEOUT_MS: '30000',
    // Counts afresh: tests that create projects then wait for the counts to follow must not wait
    // out a cached entry. test/api/counts-cached.test.ts turns the cache on.
    COUNTS_CACHE_SECONDS: '0',
    ...configEnv,
  });
  const logger = createLogger('warn', { service: 'test' });
  const transport = createSmtpTransport(config.smtp ?? {}, config.mail.timeouts);
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
    workflowBundle: await workflowBundle(),
    overrides: { shutdownGraceTime: '1s' },
  });
  const running = worker.run();
  const app = createApp({
    client: env.client,
    config,
    logger,
    now: () => env.currentTimeMs(),
    // In memory: test files run at once and must not share (or leave) a sessions file in DATA_DIR.
    sessionStore: createMemorySessionStore(),
    ...(wallClock ? { wallClock } : {}),
  });
  server.on('request', app);
  return {
    env,
    client: env.client,
    config,
    mail,
    worker,
    baseUrl,
    server,
    api: (key = OFFICER_KEY) => authenticatedAgent(baseUrl, key),
    async close() {
      worker.shutdown();
      await running;
      transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!givenMail) await mail.stop();
    },
  };
}

/**
 * The environment and stack of one test file, started in its `beforeAll`:
 * `beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)), 120_000)`.
 */
export async function startFileHarness(
  environment: () => Promise<TestWorkflowEnvironment>,
  options: Omit<HarnessOptions, 'env'> = {},
): Promise<{ env: TestWorkflowEnvironment; h: Harness }> {
  const env = await environment();
  return { env, h: await startHarness({ env, ...options }) };
}

/** Closes what startFileHarness started, in its `afterAll` (either may be missing if it failed). */
export async function stopFileHarness(h: Harness | undefined, env: TestWorkflowEnvironment | undefined) {
  await h?.close();
  await env?.teardown();
}

/** Polls until `check` returns a value (or stops throwing); for eventually consistent visibility. */
export function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  intervalMs = 200,
): Promise<T> {
  return waitUntil('condition not met', check, { timeoutMs, intervalMs });
}
