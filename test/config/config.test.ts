/** The one config module: defaults, fail-fast messages that name each bad variable, and switches. */
import {
  ConfigError,
  DEFAULT_MAX_CACHED_WORKFLOWS,
  DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS,
  loadConfig,
} from '../../config/config';
import { DOCUMENT_MEDIA_TYPES } from '../../domain/documents';

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const validKeys = JSON.stringify([
  {
    key: '0123456789abcdef',
    name: 'Ans Peeters',
    email: 'Ans.Peeters@Gent.example',
    roles: ['officer'],
    organisations: ['Stad Gent'],
  },
]);
const validSigningKeys = JSON.stringify([{ id: 'k2026', secret: 'x'.repeat(32) }]);

test('without any variable the config is the embedded developer default', () => {
  expect(loadConfig({})).toEqual({
    env: 'development',
    logLevel: 'info',
    temporal: {
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'circular-procurement',
      embedded: true,
    },
    embeddedTemporal: { port: 7233, uiPort: 8233 },
    temporalUiUrl: 'http://localhost:8233',
    workerMetricsHost: '127.0.0.1',
    observability: {},
    worker: { maxCachedWorkflows: 500, maxConcurrentWorkflowTaskExecutions: 8 },
    dataDir: '.data',
    workerShutdown: { graceMs: 10_000, forceMs: 45_000 },
    api: {
      host: '0.0.0.0',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      temporalTimeoutMs: 10_000,
      shutdownGraceMs: 5_000,
      countsCacheSeconds: 5,
    },
    apiKeys: [],
    links: { signingKeys: [], ttlDays: 14, rateLimitPerMinute: 60 },
    mail: {
      from: 'Circular Procurement <no-reply@circular-procurement.local>',
      captureSmtpPort: 1025,
      captureWebPort: 8025,
      timeouts: { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    },
    defaults: { locale: 'nl', timeZone: 'Europe/Brussels' },
    documents: {
      store: { kind: 'local', dir: '.data/documents' },
      maxBytes: 25 * 1024 * 1024,
      allowedTypes: [...DOCUMENT_MEDIA_TYPES],
    },
    workspace: {
      people: [],
      signInLinkTtlMs: 15 * 60_000,
      signInRateLimitPerHour: 10,
      session: { idleMs: 60 * 60_000, absoluteMs: 12 * 3_600_000 },
      myWork: { contractEndLeadDays: 180, reviewDueDays: 14, recentDays: 7 },
    },
  });
});

test('the case file goes to S3 with a bucket; credentials come in pairs; allowed types are known ones', () => {
  expect(
    loadConfig({
      DOCUMENTS_STORE: 's3',
      S3_BUCKET: 'case-files',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      DOCUMENTS_ALLOWED_TYPES: 'application/pdf, text/csv',
    }).documents,
  ).toEqual({
    store: {
      kind: 's3',
      bucket: 'case-files',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
    },
    maxBytes: 25 * 1024 * 1024,
    allowedTypes: ['application/pdf', 'text/csv'],
  });
  expect(failure({ DOCUMENTS_STORE: 's3' })).toMatch(/^ {2}S3_BUCKET: required when DOCUMENTS_STORE=s3$/m);
  expect(failure({ S3_ACCESS_KEY_ID: 'only-the-id' })).toMatch(
    /S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY: set both/,
  );
  expect(failure({ DOCUMENTS_ALLOWED_TYPES: 'application/pdf,application/x-msdownload' })).toMatch(
    /^ {2}DOCUMENTS_ALLOWED_TYPES\.1: /m,
  );
});

test('the people directory and OIDC are checked: every person names organisations, OIDC is all or nothing', () => {
  const message = failure({
    PEOPLE: JSON.stringify([{ email: 'ans@gent.example', name: 'Ans', roles: ['officer'] }]),
  });
  expect(message).toMatch(/PEOPLE\.0\.organisations: /);
  expect(failure({ OIDC_ISSUER: 'https://login.gent.example' })).toMatch(
    /OIDC_ISSUER \/ OIDC_CLIENT_ID \/ OIDC_CLIENT_SECRET: set all three or none/,
  );
  const config = loadConfig({
    PEOPLE: JSON.stringify([
      { email: 'Ans@Gent.example', name: 'Ans', roles: ['officer'], organisations: '*', locale: 'en' },
    ]),
  });
  expect(config.workspace.people).toEqual([
    { email: 'ans@gent.example', name: 'Ans', roles: ['officer'], organisations: '*', locale: 'en' },
  ]);
});

test('the metrics token must be long enough to guess, and the OTLP endpoint a URL', () => {
  const message = failure({ METRICS_TOKEN: 'short', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
  expect(message).toMatch(/^ {2}METRICS_TOKEN: must be at least 16 characters$/m);
  expect(message).toMatch(/^ {2}OTEL_EXPORTER_OTLP_ENDPOINT: /m);
  expect(
    loadConfig({ METRICS_TOKEN: 'a'.repeat(16), OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })
      .observability,
  ).toEqual({ metricsToken: 'a'.repeat(16), otlpEndpoint: 'http://collector:4318' });
});

test('a bad port, bad JSON in API_KEYS and a short signing secret are all reported, each by name', () => {
  const message = failure({
    API_PORT: '70000',
    TEMPORAL_PORT: 'seven',
    API_KEYS: '[{"key": ',
    LINK_SIGNING_KEYS: JSON.stringify([{ id: 'k1', secret: 'too-short' }]),
  });
  expect(message).toMatch(/^Invalid configuration:/);
  expect(message).toMatch(/^ {2}API_PORT: /m);
  expect(message).toMatch(/^ {2}TEMPORAL_PORT: /m);
  expect(message).toMatch(/^ {2}API_KEYS: is not valid JSON$/m);
  expect(message).toMatch(
    /^ {2}LINK_SIGNING_KEYS\.0\.secret: signing secrets must be at least 32 characters$/m,
  );
  expect(message).toContain('.env.example');
});

test('an API key entry is checked field by field', () => {
  const message = failure({
    API_KEYS: JSON.stringify([{ key: 'short', name: 'X', email: 'not-an-email', roles: ['king'] }]),
  });
  expect(message).toMatch(/API_KEYS\.0\.key: API keys must be at least 16 characters/);
  expect(message).toMatch(/API_KEYS\.0\.email: /);
  expect(message).toMatch(/API_KEYS\.0\.roles\.0: /);
  // No key sees every organisation by omission: "*" must be written.
  expect(message).toMatch(/API_KEYS\.0\.organisations: /);
});

test('an unknown time zone is refused with the variable and the value', () => {
  expect(failure({ DEFAULT_TIME_ZONE: 'Europe/Atlantis' })).toMatch(
    /DEFAULT_TIME_ZONE: unknown time zone "Europe\/Atlantis"/,
  );
});

test('a TLS client certificate without its key is refused', () => {
  const message = failure({
    TEMPORAL_ADDRESS: 'x.tmprl.cloud:7233',
    TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
  });
  expect(message).toMatch(/TEMPORAL_TLS_CERT_PATH \/ TEMPORAL_TLS_KEY_PATH: set both/);
});

test('TEMPORAL_ADDRESS switches the embedded dev server off and is used as given', () => {
  const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'procurement' });
  expect(config.temporal).toEqual({
    address: 'temporal:7233',
    namespace: 'procurement',
    taskQueue: 'circular-procurement',
    embedded: false,
  });
});

test('Temporal Cloud settings turn TLS on: an API key, or a client certificate pair', () => {
  const withApiKey = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret' });
  expect(withApiKey.temporal).toMatchObject({ tls: true, apiKey: 'secret', embedded: false });
  const withCert = loadConfig({
    TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
    TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
    TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
  });
  expect(withCert.temporal.tls).toEqual({
    certPath: '/certs/client.pem',
    keyPath: '/certs/client.key',
    caPath: undefined,
  });
  expect(loadConfig({ TEMPORAL_API_KEY: 'secret', TEMPORAL_TLS: 'false' }).temporal.tls).toBeUndefined();
});

test('empty strings count as unset, as in a copied .env.example', () => {
  expect(
    loadConfig({
      TEMPORAL_ADDRESS: '',
      API_PORT: '',
      API_KEYS: '',
      LINK_SIGNING_KEYS: '',
      SMTP_HOST: '',
      SMTP_URL: '',
      TEMPORAL_TLS: '',
      DEFAULT_TIME_ZONE: '',
    }),
  ).toEqual(loadConfig({}));
});

test('valid keys are parsed, emails lowercased, and an SMTP host switches the mail capture off', () => {
  const config = loadConfig({
    API_KEYS: validKeys,
    LINK_SIGNING_KEYS: validSigningKeys,
    SMTP_HOST: 'mailpit',
    SMTP_PORT: '1025',
    SMTP_SECURE: 'false',
    PUBLIC_BASE_URL: 'https://procurement.example.org/',
  });
  expect(config.apiKeys[0]?.email).toBe('ans.peeters@gent.example');
  expect(config.links.signingKeys).toEqual([{ id: 'k2026', secret: 'x'.repeat(32) }]);
  expect(config.smtp).toMatchObject({ host: 'mailpit', port: 1025, secure: false });
  // Links are built by appending paths: a trailing slash would double up.
  expect(config.api.publicBaseUrl).toBe('https://procurement.example.org');
});

test('the worker cache and workflow task slots default to the measured sizes and can be changed', () => {
  expect(loadConfig({}).worker).toEqual({
    maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS,
  });
  expect(
    loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '2500', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' }).worker,
  ).toEqual({ maxCachedWorkflows: 2500, maxConcurrentWorkflowTaskExecutions: 20 });
  // 0 turns the sticky cache off (every task replays the history): slots are then not bounded by it.
  expect(
    loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '50' }).worker,
  ).toEqual({ maxCachedWorkflows: 0, maxConcurrentWorkflowTaskExecutions: 50 });
});

test('a worker cache or slot count the SDK would silently change is refused, by name', () => {
  expect(failure({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toMatch(
    /^ {2}WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache: every task replays\) or at least 2$/m,
  );
  expect(failure({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toMatch(/^ {2}WORKER_MAX_CACHED_WORKFLOWS: /m);
  expect(failure({ WORKER_MAX_CACHED_WORKFLOWS: '-5' })).toMatch(/^ {2}WORKER_MAX_CACHED_WORKFLOWS: /m);
  expect(failure({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toMatch(
    /^ {2}WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: /m,
  );
  expect(failure({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '2.5' })).toMatch(
    /^ {2}WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: /m,
  );
  expect(failure({ WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' })).toMatch(
    /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS/,
  );
});

test('a worker whose force time does not exceed its grace time is refused', () => {
  expect(() => loadConfig({ WORKER_SHUTDOWN_GRACE_MS: '30000', WORKER_SHUTDOWN_FORCE_MS: '30000' })).toThrow(
    /WORKER_SHUTDOWN_FORCE_MS: must be longer than WORKER_SHUTDOWN_GRACE_MS/,
  );
});

test('SMTP timeouts that together could outlast the mail activity attempt are refused', () => {
  expect(() =>
    loadConfig({
      SMTP_CONNECTION_TIMEOUT_MS: '20000',
      SMTP_GREETING_TIMEOUT_MS: '20000',
      SMTP_SOCKET_TIMEOUT_MS: '20000',
    }),
  ).toThrow(/must stay under 55000 ms/);
});
