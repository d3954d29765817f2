/**
 * Temporal down, at start and while serving. A worker and an API started before their cluster wait
 * for it, saying so with its address, and serve once it is there; while the cluster is down the
 * API answers quick 503s that say what became of the request; after a restart of the cluster it
 * serves again within seconds (the recovery time is measured here and by bench/server-restart.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startApi } from '../../api/main';
import { loadConfig } from '../../config/config';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { startWorker } from '../../worker/main';
import { OFFICER_KEY, workflowBundle } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';
import {
  type LogLine,
  type RestartableServer,
  collectingLogger,
  faultEnv,
  firstAnswerOtherThan503,
  freePort,
  restartableDevServer,
  until,
} from './support';

/** The API's deadline for Temporal calls here: long enough that a quick 503 is told apart from it. */
const TIMEOUT_MS = 5_000;
/** A 503 while the cluster is down comes before the deadline: the connection failed, nothing to wait for. */
const QUICK_MS = 1_000;
/**
 * What "recovery takes seconds" allows, from the moment the cluster answers again, on a loaded
 * shared machine (typically 1-3 s: bench/server-restart.ts; before the reconnect back-off was
 * capped, a minute or more).
 */
const RECOVERY_BUDGET_MS = 30_000;

let dataDir: string;
let server: RestartableServer;
let mail: MailCapture;
const lines: LogLine[] = [];
const logger = collectingLogger(lines);
const stopping = new AbortController();
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let http: ReturnType<typeof request>;
const auth = `Bearer ${OFFICER_KEY}`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cpo-faults-'));
  server = await restartableDevServer(dataDir);
  mail = await startMailCapture();
});
afterAll(async () => {
  stopping.abort();
  await worker?.running.catch(() => undefined);
  await api?.close();
  await server?.stop();
  await mail?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** Log lines that say a process waits for Temporal and name its address. */
function waitingLines(service: string): LogLine[] {
  return lines.filter(
    (line) =>
      line.fields.service === service &&
      line.level === 'warn' &&
      line.message.includes(server.address) &&
      line.fields.address === server.address,
  );
}

async function timed<T>(call: () => PromiseLike<T>): Promise<{ response: T; ms: number }> {
  const started = Date.now();
  const response = await call();
  return { response, ms: Date.now() - started };
}

test('started before Temporal, the worker and the API wait for it, naming its address, and serve once it is up', async () => {
  const config = loadConfig(
    faultEnv({
      address: server.address,
      apiPort: await freePort(),
      smtpPort: mail.smtpPort,
      extra: { API_TEMPORAL_TIMEOUT_MS: String(TIMEOUT_MS) },
    }),
  );
  const workerStarted = startWorker(config, logger.child({ service: 'worker' }), {
    signal: stopping.signal,
    workflowBundle: await workflowBundle(),
  });
  api = await startApi(config, logger.child({ service: 'api' }));
  http = request(`http://127.0.0.1:${config.api.port}`);

  // Both keep trying (more than once), and say where.
  await until(() => waitingLines('worker').length >= 2, 'the worker logs that it waits for Temporal');
  await until(() => waitingLines('api').length >= 2, 'the API logs that it waits for Temporal');
  const notReady = await http.get('/readyz');
  expect(notReady.status).toBe(503);
  expect(notReady.body.reason).toMatch(/^Temporal does not answer/);

  await server.start();
  worker = await workerStarted;
  expect(worker.worker.getState()).toBe('RUNNING');
  await until(
    () => lines.some((line) => line.fields.service === 'api' && line.message === 'connected to Temporal'),
    'the API logs that Temporal answers',
  );

  // Ready once the worker's pollers have reached the server (a moment after the worker runs).
  const ready = await firstAnswerOtherThan503(() => http.get('/readyz'), 30_000);
  expect(ready.status).toBe(200);
  const id = uniqueId('late-server');
  const created = await http.post('/api/projects').set('Authorization', auth).send(sampleProject(id));
  expect(created.status).toBe(202);
  const submitted = await http
    .post(`/api/projects/${id}/submissions/circular-need`)
    .set('Authorization', auth)
    .send(sampleNeed);
  expect(submitted.status).toBe(200);
}, 120_000);

test('while Temporal is down the API answers quick 503s that say what became of the request, and serves again within seconds once it is back', async () => {
  expect(api).toBeDefined();
  const id = uniqueId('outage');
  const created = await http.post('/api/projects').set('Authorization', auth).send(sampleProject(id));
  expect(created.status).toBe(202);

  await server.stop();

  const read = await timed(() => http.get(`/api/projects/${id}`).set('Authorization', auth));
  expect(read.response.status).toBe(503);
  expect(read.response.headers['retry-after']).toMatch(/^\d+$/);
  expect(read.response.body.message).toMatch(/^Temporal is unreachable.*Nothing was changed/);
  // At once: a failed connection is not waited out until the deadline.
  expect(read.ms).toBeLessThan(QUICK_MS);

  const submitted = await timed(() =>
    http.post(`/api/projects/${id}/submissions/circular-need`).set('Authorization', auth).send(sampleNeed),
  );
  expect(submitted.response.status).toBe(503);
  expect(submitted.ms).toBeLessThan(QUICK_MS);
  const key = submitted.response.headers['idempotency-key'];
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  expect(submitted.response.body.message).toContain('may still be applied later');
  expect(submitted.response.body.message).toContain(`Idempotency-Key: ${key}`);

  await server.start();
  const back = Date.now();
  // The first submission never reached Temporal; its retry with the key the 503 named is applied once.
  const retried = await firstAnswerOtherThan503(
    () =>
      http
        .post(`/api/projects/${id}/submissions/circular-need`)
        .set('Authorization', auth)
        .set('Idempotency-Key', String(key))
        .send(sampleNeed),
    RECOVERY_BUDGET_MS * 2,
  );
  const recoveryMs = Date.now() - back;
  expect(retried.status).toBe(200);
  expect(recoveryMs).toBeLessThan(RECOVERY_BUDGET_MS);
  process.stderr.write(
    `[server-outage] first update served ${recoveryMs} ms after the dev server was back\n`,
  );

  const audit = await http.get(`/api/projects/${id}/audit`).set('Authorization', auth);
  expect(audit.status).toBe(200);
  const submissions = (audit.body.entries as { kind: string }[]).filter(
    (entry) => entry.kind === 'submitted',
  );
  expect(submissions).toHaveLength(1);
}, 120_000);
