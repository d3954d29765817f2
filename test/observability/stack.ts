/**
 * The deployed shape for the observability tests: `api/main.ts` and `worker/main.ts` as child
 * processes (their own SDK runtime with its Prometheus endpoint, their own tracer providers, JSON
 * logs on stdout), against the suite's dev server, a real SMTP capture and a real OTLP/HTTP
 * receiver started here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { SIGNING_KEYS, eventually, testApiKeys, workflowBundle } from '../helpers/harness';
import { freePorts } from '../helpers/npm-start';

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = require.resolve('tsx/cli');
export const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** A minimal OTLP/HTTP traces receiver (JSON encoding, as @opentelemetry/exporter-trace-otlp-http sends). */
export async function startOtlpReceiver(): Promise<{
  url: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') spans.push(...spansOf(JSON.parse(body) as OtlpTraces));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
}

function spansOf(body: OtlpTraces): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
        name: span.name,
        attributes: attributesOf(span.attributes),
      })),
    );
  });
}

export interface ChildService {
  child: ChildProcess;
  /** Every JSON line it wrote to stdout so far, parsed. */
  lines(): Record<string, unknown>[];
  output(): string;
  stop(): Promise<void>;
}

function startChild(script: string, env: NodeJS.ProcessEnv): ChildService {
  const child = spawn(process.execPath, [TSX_CLI, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    lines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ObservedStack {
  api: ChildService;
  worker: ChildService;
  apiUrl: string;
  workerMetricsUrl: string;
  mail: MailCapture;
  otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  close(): Promise<void>;
}

export async function startObservedStack(): Promise<ObservedStack> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (global setup)');
  const dir = await mkdtemp(path.join(tmpdir(), 'cpo-observability-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  // The bundle a worker with tracing on runs (dist/workflow-bundle-traced.js).
  await writeFile(bundlePath, (await workflowBundle(true)).code);
  const mail = await startMailCapture();
  const otlp = await startOtlpReceiver();
  const [apiPort, metricsPort] = (await freePorts(2)) as [number, number];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `observability-${randomUUID()}`,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: apiUrl,
    API_KEYS: JSON.stringify(testApiKeys()),
    LINK_SIGNING_KEYS: JSON.stringify(SIGNING_KEYS),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'Circular Procurement <no-reply@gent.example>',
    API_TEMPORAL_TIMEOUT_MS: '30000',
    // Low enough for the rate-limit test to reach, high enough for the round's few clicks.
    LINK_RATE_LIMIT_PER_MINUTE: '30',
    WORKFLOW_BUNDLE_PATH: bundlePath,
    WORKER_METRICS_PORT: String(metricsPort),
    WORKER_METRICS_HOST: '127.0.0.1',
    METRICS_TOKEN,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    // Export within a fraction of a second instead of the batch processor's 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  const worker = startChild('worker/main.ts', env);
  const api = startChild('api/main.ts', env);
  const workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const close = async () => {
    await Promise.all([api.stop(), worker.stop()]);
    await mail.stop();
    await otlp.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await eventually(async () => (await fetch(`${apiUrl}/healthz`)).ok, 90_000, 250);
    await eventually(async () => (await fetch(`${apiUrl}/readyz`)).ok, 90_000, 250);
    await eventually(async () => (await fetch(workerMetricsUrl)).ok, 30_000, 250);
  } catch (error) {
    await close();
    throw new Error(
      `the stack did not come up: ${(error as Error).message}\nAPI:\n${api.output()}\nworker:\n${worker.output()}`,
      { cause: error },
    );
  }
  return { api, worker, apiUrl, workerMetricsUrl, mail, otlp, close };
}

/** Prometheus text format as `name{labels}` → value (one entry per series). */
export function parseMetrics(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{.*\})?)\s+(\S+)/.exec(line);
    if (match?.[1] && match[2]) series.set(match[1], Number(match[2]));
  }
  return series;
}

/** The sum of every series of `name` whose labels include all of `labels`. */
export function total(
  series: Map<string, number>,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  for (const [key, value] of series) {
    const brace = key.indexOf('{');
    const metric = brace === -1 ? key : key.slice(0, brace);
    if (metric !== name) continue;
    if (Object.entries(labels).every(([label, wanted]) => key.includes(`${label}="${wanted}"`))) sum += value;
  }
  return sum;
}

/**
 * The metric names an endpoint exposes: those of its series, and those it declares (`# TYPE`) even
 * before a first observation (a labelled prom-client counter), with a histogram's series names.
 */
export function metricNames(text: string): Set<string> {
  const names = new Set([...parseMetrics(text).keys()].map((key) => key.split('{')[0] as string));
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!name) continue;
    names.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
  }
  return names;
}

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
]);

/** The metric names a PromQL expression reads: not its functions, label names, strings or durations. */
export function metricNamesIn(expr: string): string[] {
  const selectorsOnly = expr
    .replace(/"[^"]*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  return [...selectorsOnly.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)]
    .map((match) => match[1] as string)
    .filter((name) => !PROMQL_WORDS.has(name));
}
