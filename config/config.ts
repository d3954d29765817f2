/**
 * The one place that reads `process.env`. Every variable is listed in `.env.example` with its
 * default; a bad value stops the process at start-up with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DOCUMENT_MEDIA_TYPES, type DocumentMediaType } from '../domain/documents';
import { type OrganisationScope, organisationScope } from './organisation-scope';
import { type WorkspaceConfig, workspaceConfig, workspaceEnvShape } from './workspace-config';

export type { OrganisationScope };

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

const apiKeyEntry = z.object({
  key: z.string().min(16, 'API keys must be at least 16 characters'),
  name: z.string().min(1),
  email: z.email().transform((email) => email.toLowerCase()),
  roles: z.array(z.enum(['officer', 'operator', 'viewer'])).min(1),
  organisations: organisationScope,
});
export type ApiKeyEntry = z.infer<typeof apiKeyEntry>;

const signingKeyEntry = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'key ids are 1-32 letters, digits, _ or -'),
  secret: z.string().min(32, 'signing secrets must be at least 32 characters'),
});
export type SigningKey = z.infer<typeof signingKeyEntry>;

/** JSON inside an environment variable, with the JSON error reported like any other zod issue. */
function jsonFromEnv<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/**
 * Open projects the worker keeps in its sticky cache. Measured with bench/worker-memory.ts (the
 * domain modules preloaded, see worker/worker.ts): a cached project costs about 0.25-0.3 MiB of RSS
 * and an idle worker about 240 MiB, and evicted projects leave garbage until the workflow thread
 * collects it. 500 keeps the worker at 435-540 MiB RSS from 1,000 to 5,000 open projects (1,000:
 * 570-680 MiB, over the 600 MiB budget). An evicted project replays in about 15 ms (a young one;
 * up to about 0.5 s at the 1,000-event history budget) when its next task comes, which for projects
 * whose events are days apart is most tasks whatever the cache size.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;
/**
 * Workflow task slots. All workflow tasks run one at a time on the worker's one workflow thread, so
 * a slot only lets a task wait in the worker, and its wait counts toward the 5 s slow-task warning
 * and the 10 s task timeout. 8 slots x about 0.5 s (replaying the longest history the workflow
 * keeps, 1,000 events) stays under 5 s; the SDK's default of 40 does not.
 */
export const DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS = 8;

/**
 * One attempt of the mail activity may take this long (MAIL_OPTIONS.startToCloseTimeout in
 * workflows/procurement/activities.ts; test/faults/slow-smtp.test.ts checks they agree). The SMTP
 * timeouts together must end a send before it: once the attempt times out, Temporal schedules a
 * retry, and a send still going would race it with the same Message-ID.
 */
export const MAIL_ATTEMPT_TIMEOUT_MS = 60_000;
/** Left for composing the message, minting its link and reporting the result to Temporal. */
export const MAIL_ATTEMPT_MARGIN_MS = 5_000;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  // Temporal: when TEMPORAL_ADDRESS is absent, `npm start` runs an embedded dev server.
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('circular-procurement'),
  TEMPORAL_TLS: booleanFromEnv.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  // The Temporal Web UI operators open a project's workflow in (the workspace's project page links it).
  TEMPORAL_UI_URL: z.url().optional(),
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  WORKER_METRICS_PORT: port.optional(),
  // The SDK's Prometheus endpoint has no authentication: it listens on this address only.
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // Sized with bench/worker-memory.ts: see the defaults above.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .refine((value) => value !== 1, 'must be 0 (no cache: every task replays) or at least 2')
    .default(DEFAULT_MAX_CACHED_WORKFLOWS),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS),
  // On SIGTERM the worker stops polling and gives running activities this long to finish; then it
  // cancels them, and after WORKER_SHUTDOWN_FORCE_MS it exits even if one is still running.
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  WORKER_SHUTDOWN_FORCE_MS: z.coerce.number().int().min(1_000).max(600_000).default(45_000),

  DATA_DIR: z.string().min(1).default('.data'),

  API_HOST: z.string().min(1).default('0.0.0.0'),
  API_PORT: port.default(3000),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  API_KEYS: jsonFromEnv(z.array(apiKeyEntry)).optional(),
  TRUST_PROXY: z.string().optional(),
  // Every Temporal call of an API request gets this long; then the request answers 503 (no worker, Temporal down).
  API_TEMPORAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // On SIGTERM, requests in flight get this long to finish; the rest answer 503 (outcome unknown).
  API_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
  // Project counts may be this many seconds old (api/projects/counts-cache.ts says why); 0: always fresh.
  COUNTS_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),

  LINK_SIGNING_KEYS: jsonFromEnv(z.array(signingKeyEntry).min(1)).optional(),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),

  SMTP_URL: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.optional(),
  SMTP_SECURE: booleanFromEnv.optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  // nodemailer's timeouts: together under the mail activity's 1-minute attempt (see above).
  SMTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SMTP_GREETING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SMTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(20_000),
  MAIL_FROM: z.string().min(3).default('Circular Procurement <no-reply@circular-procurement.local>'),
  MAIL_CAPTURE_SMTP_PORT: port.default(1025),
  MAIL_CAPTURE_WEB_PORT: port.default(8025),

  // The API's GET /metrics: with a token, for its bearer; without one, for callers on this machine only.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // OTLP/HTTP collector (e.g. http://otel-collector:4318): traces go to <endpoint>/v1/traces. Unset: no tracing.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),

  // The case file (storage/): local files under DATA_DIR/documents, or an S3-compatible bucket.
  DOCUMENTS_STORE: z.enum(['local', 's3']).default('local'),
  DOCUMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  // Comma-separated media types, a subset of those the store recognises; unset: all of them.
  DOCUMENTS_ALLOWED_TYPES: z
    .string()
    .transform((list) => list.split(',').map((type) => type.trim()))
    .pipe(z.array(z.enum(DOCUMENT_MEDIA_TYPES)).min(1))
    .optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),

  DEFAULT_LOCALE: z.enum(['nl', 'en']).default('nl'),
  DEFAULT_TIME_ZONE: z.string().min(1).default('Europe/Brussels'),

  ...workspaceEnvShape(jsonFromEnv),
});

export type Env = z.infer<typeof envSchema>;

export interface TemporalConnectionConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { certPath?: string; keyPath?: string; caPath?: string } | true;
  apiKey?: string;
  /** True when nothing points at a cluster: `npm start` then runs the embedded dev server. */
  embedded: boolean;
}

/** nodemailer's SMTP timeouts (ms): reaching the server, its greeting, and any silence after that. */
export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

export interface SmtpConfig {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
}

/** Where the case file's documents are kept (storage/). */
export type DocumentStoreConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      /** Unset: the SDK's default chain (environment, shared files, the instance's role). */
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

export interface DocumentsConfig {
  store: DocumentStoreConfig;
  maxBytes: number;
  allowedTypes: DocumentMediaType[];
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  temporal: TemporalConnectionConfig;
  embeddedTemporal: { port: number; uiPort: number };
  /** Base URL of the Temporal Web UI: TEMPORAL_UI_URL, else the embedded dev server's UI; none otherwise. */
  temporalUiUrl?: string;
  workflowBundlePath?: string;
  workerMetricsPort?: number;
  /** Address the worker's metrics endpoint listens on (WORKER_METRICS_HOST). */
  workerMetricsHost: string;
  /** METRICS_TOKEN and OTEL_EXPORTER_OTLP_ENDPOINT (see .env.example). */
  observability: { metricsToken?: string; otlpEndpoint?: string };
  /** The worker's sticky cache and workflow task slots (the WorkerOptions of the same names). */
  worker: { maxCachedWorkflows: number; maxConcurrentWorkflowTaskExecutions: number };
  /** After SIGTERM: how long running activities may finish, and when the worker stops regardless. */
  workerShutdown: { graceMs: number; forceMs: number };
  dataDir: string;
  api: {
    host: string;
    port: number;
    publicBaseUrl: string;
    trustProxy?: string;
    /** How long one request waits for Temporal (start, update, signal, query, list) before a 503. */
    temporalTimeoutMs: number;
    /** After SIGTERM: how long requests in flight may finish before they answer 503. */
    shutdownGraceMs: number;
    /** How old (s) the project counts of GET /api/projects/counts and My work may be; 0: never cached. */
    countsCacheSeconds: number;
  };
  apiKeys: ApiKeyEntry[];
  links: { signingKeys: SigningKey[]; ttlDays: number; rateLimitPerMinute: number };
  smtp?: SmtpConfig;
  mail: { from: string; captureSmtpPort: number; captureWebPort: number; timeouts: SmtpTimeouts };
  defaults: { locale: 'nl' | 'en'; timeZone: string };
  documents: DocumentsConfig;
  /** Sign-in, sessions and the people directory of the workspace (config/workspace-config.ts). */
  workspace: WorkspaceConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings (e.g. `SMTP_URL=` copied from .env.example) mean "not set".
  const env = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(
      `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable and its default.`,
    );
  }
  const e = parsed.data;
  if (!isValidTimeZone(e.DEFAULT_TIME_ZONE)) {
    throw new ConfigError(
      `Invalid configuration:\n  DEFAULT_TIME_ZONE: unknown time zone "${e.DEFAULT_TIME_ZONE}"`,
    );
  }
  if ((e.TEMPORAL_TLS_CERT_PATH === undefined) !== (e.TEMPORAL_TLS_KEY_PATH === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  TEMPORAL_TLS_CERT_PATH / TEMPORAL_TLS_KEY_PATH: set both (mTLS) or neither',
    );
  }
  if (
    e.WORKER_MAX_CACHED_WORKFLOWS > 0 &&
    e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS > e.WORKER_MAX_CACHED_WORKFLOWS
  ) {
    throw new ConfigError(
      'Invalid configuration:\n  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS',
    );
  }
  if (e.WORKER_SHUTDOWN_FORCE_MS <= e.WORKER_SHUTDOWN_GRACE_MS) {
    throw new ConfigError(
      'Invalid configuration:\n  WORKER_SHUTDOWN_FORCE_MS: must be longer than WORKER_SHUTDOWN_GRACE_MS',
    );
  }
  const smtpWorstCase = e.SMTP_CONNECTION_TIMEOUT_MS + e.SMTP_GREETING_TIMEOUT_MS + e.SMTP_SOCKET_TIMEOUT_MS;
  if (smtpWorstCase > MAIL_ATTEMPT_TIMEOUT_MS - MAIL_ATTEMPT_MARGIN_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  SMTP_CONNECTION_TIMEOUT_MS + SMTP_GREETING_TIMEOUT_MS + SMTP_SOCKET_TIMEOUT_MS: ${smtpWorstCase} ms, must stay under ${MAIL_ATTEMPT_TIMEOUT_MS - MAIL_ATTEMPT_MARGIN_MS} ms so a send ends before the mail activity's attempt times out`,
    );
  }
  if (e.DOCUMENTS_STORE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when DOCUMENTS_STORE=s3');
  }
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both or neither (the SDK default chain)',
    );
  }
  let workspace: WorkspaceConfig;
  try {
    workspace = workspaceConfig(e);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
  const hasClientCert = e.TEMPORAL_TLS_CERT_PATH !== undefined;
  const tlsWanted = e.TEMPORAL_TLS ?? (hasClientCert || e.TEMPORAL_API_KEY !== undefined);
  const smtpConfigured = e.SMTP_URL !== undefined || e.SMTP_HOST !== undefined;

  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `localhost:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      ...(tlsWanted
        ? {
            tls: hasClientCert
              ? {
                  certPath: e.TEMPORAL_TLS_CERT_PATH,
                  keyPath: e.TEMPORAL_TLS_KEY_PATH,
                  caPath: e.TEMPORAL_TLS_CA_PATH,
                }
              : true,
          }
        : {}),
      ...(e.TEMPORAL_API_KEY ? { apiKey: e.TEMPORAL_API_KEY } : {}),
      embedded: e.TEMPORAL_ADDRESS === undefined,
    },
    embeddedTemporal: { port: e.TEMPORAL_PORT, uiPort: e.TEMPORAL_UI_PORT },
    ...(e.TEMPORAL_UI_URL || e.TEMPORAL_ADDRESS === undefined
      ? {
          temporalUiUrl: (e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`).replace(/\/+$/, ''),
        }
      : {}),
    ...(e.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: e.WORKFLOW_BUNDLE_PATH } : {}),
    ...(e.WORKER_METRICS_PORT ? { workerMetricsPort: e.WORKER_METRICS_PORT } : {}),
    workerMetricsHost: e.WORKER_METRICS_HOST,
    observability: {
      ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
      ...(e.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
    },
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    workerShutdown: { graceMs: e.WORKER_SHUTDOWN_GRACE_MS, forceMs: e.WORKER_SHUTDOWN_FORCE_MS },
    dataDir: e.DATA_DIR,
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      ...(e.TRUST_PROXY ? { trustProxy: e.TRUST_PROXY } : {}),
      temporalTimeoutMs: e.API_TEMPORAL_TIMEOUT_MS,
      shutdownGraceMs: e.API_SHUTDOWN_GRACE_MS,
      countsCacheSeconds: e.COUNTS_CACHE_SECONDS,
    },
    apiKeys: e.API_KEYS ?? [],
    links: {
      signingKeys: e.LINK_SIGNING_KEYS ?? [],
      ttlDays: e.LINK_TTL_DAYS,
      rateLimitPerMinute: e.LINK_RATE_LIMIT_PER_MINUTE,
    },
    ...(smtpConfigured
      ? {
          smtp: {
            url: e.SMTP_URL,
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            secure: e.SMTP_SECURE,
            user: e.SMTP_USER,
            password: e.SMTP_PASSWORD,
          },
        }
      : {}),
    mail: {
      from: e.MAIL_FROM,
      captureSmtpPort: e.MAIL_CAPTURE_SMTP_PORT,
      captureWebPort: e.MAIL_CAPTURE_WEB_PORT,
      timeouts: {
        connectionTimeout: e.SMTP_CONNECTION_TIMEOUT_MS,
        greetingTimeout: e.SMTP_GREETING_TIMEOUT_MS,
        socketTimeout: e.SMTP_SOCKET_TIMEOUT_MS,
      },
    },
    defaults: { locale: e.DEFAULT_LOCALE, timeZone: e.DEFAULT_TIME_ZONE },
    workspace,
    documents: documentsConfig(e),
  };
}

function documentsConfig(e: Env): DocumentsConfig {
  const store: DocumentStoreConfig =
    e.DOCUMENTS_STORE === 's3' && e.S3_BUCKET
      ? {
          kind: 's3',
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
          // S3-compatible servers (MinIO and the like) at an endpoint of their own want path-style URLs.
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
          ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
            : {}),
        }
      : { kind: 'local', dir: path.join(e.DATA_DIR, 'documents') };
  return {
    store,
    maxBytes: e.DOCUMENTS_MAX_BYTES,
    allowedTypes: e.DOCUMENTS_ALLOWED_TYPES ?? [...DOCUMENT_MEDIA_TYPES],
  };
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Names of every variable the config module reads (docker-compose and .env.example are checked against it). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];
