/**
 * No call waits forever: with no worker polling the task queue, or with Temporal unreachable, the
 * API answers 503 with Retry-After within its deadline, and /readyz says why; /healthz only says
 * the process is alive. A finished project can still be read while a worker runs.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createApp } from '../../api/app';
import { type TemporalCalls, createTemporalCalls } from '../../api/temporal-calls';
import type { AppConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { type Harness, OFFICER_KEY, devServerEnvironment, startHarness } from '../helpers/harness';
import { createProject, uniqueId } from '../helpers/project-api';

/** Short, so the tests are quick; long enough for a dev server under load to answer a healthy call. */
const TIMEOUT_MS = 1_500;
/** What "within the deadline" allows for the request itself (HTTP, JSON, a loaded CI machine). */
const SLACK_MS = 1_000;

let env: TestWorkflowEnvironment;
let h: Harness;
const logger = createLogger('error', { service: 'test' });
const stranded: string[] = [];

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { API_TEMPORAL_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  // Projects on a task queue nobody polls would run forever on the shared server.
  await Promise.all(
    stranded.map((id) =>
      h.client.workflow
        .getHandle(`procurement-${id}`)
        .terminate('test cleanup')
        .catch(() => undefined),
    ),
  );
  await h?.close();
  await env?.teardown();
});

/** The same API, but sending its projects to a task queue no worker polls. */
function appWithoutWorker() {
  const config: AppConfig = {
    ...h.config,
    temporal: { ...h.config.temporal, taskQueue: `nobody-polls-${randomUUID()}` },
  };
  return request(createApp({ client: h.client, config, logger }));
}

async function timed<T>(call: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = Date.now();
  const response = await call();
  return { response, ms: Date.now() - started };
}

function expectUnavailable(response: request.Response, ms: number) {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
  expect(response.body).toMatchObject({
    error: 'Service Unavailable',
    message: expect.stringContaining('1.5 s'),
  });
  expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
}

describe('with no worker polling the task queue', () => {
  test('a project still starts, but reading and updating it answer 503 with Retry-After within the deadline', async () => {
    const api = appWithoutWorker();
    const id = uniqueId('no-worker');
    stranded.push(id);
    const auth = `Bearer ${OFFICER_KEY}`;
    const created = await api.post('/api/projects').set('Authorization', auth).send(sampleProject(id));
    expect(created.status).toBe(202);

    const read = await timed(() => api.get(`/api/projects/${id}`).set('Authorization', auth));
    expectUnavailable(read.response, read.ms);
    const submitted = await timed(() =>
      api.post(`/api/projects/${id}/submissions/circular-need`).set('Authorization', auth).send(sampleNeed),
    );
    expectUnavailable(submitted.response, submitted.ms);
  });

  test('a cancellation is a signal: Temporal takes it without a worker (202)', async () => {
    const api = appWithoutWorker();
    const id = uniqueId('no-worker-cancel');
    stranded.push(id);
    const auth = `Bearer ${OFFICER_KEY}`;
    await api.post('/api/projects').set('Authorization', auth).send(sampleProject(id));
    const cancelled = await api
      .post(`/api/projects/${id}/cancel`)
      .set('Authorization', auth)
      .send({ reason: 'no worker, no matter' });
    expect(cancelled.status).toBe(202);
  });

  test('/readyz answers 503 naming the task queue nobody polls, and /healthz still answers 200', async () => {
    const api = appWithoutWorker();
    const ready = await api.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toMatch(/^\d+$/);
    expect(ready.body).toMatchObject({ status: 'not-ready', pollers: 0 });
    expect(ready.body.reason).toMatch(/^no worker polls the task queue "nobody-polls-/);
    const health = await api.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });
});

describe('with Temporal unreachable', () => {
  let connection: Connection;
  let calls: TemporalCalls;
  let api: ReturnType<typeof request>;
  beforeAll(() => {
    // Port 1 refuses connections: a cluster that is down, as the API's lazy connection meets it.
    connection = Connection.lazy({ address: '127.0.0.1:1' });
    const client = new Client({ connection });
    calls = createTemporalCalls(client, TIMEOUT_MS);
    api = request(createApp({ client, config: h.config, logger, calls }));
  });
  afterAll(async () => {
    // As the API's shutdown does: the SDK may still be backing off before a retry.
    await calls.settled();
    await connection.close();
  });

  test.each([
    ['listing projects', () => api.get('/api/projects').set('Authorization', `Bearer ${OFFICER_KEY}`)],
    [
      'counting projects (many visibility calls at once)',
      () => api.get('/api/projects/counts').set('Authorization', `Bearer ${OFFICER_KEY}`),
    ],
    [
      'reading a project',
      () => api.get('/api/projects/any-project').set('Authorization', `Bearer ${OFFICER_KEY}`),
    ],
    [
      'creating a project',
      () =>
        api
          .post('/api/projects')
          .set('Authorization', `Bearer ${OFFICER_KEY}`)
          .send(sampleProject(uniqueId('down'))),
    ],
    [
      'cancelling a project',
      () =>
        api
          .post('/api/projects/any-project/cancel')
          .set('Authorization', `Bearer ${OFFICER_KEY}`)
          .set('Idempotency-Key', randomUUID())
          .send({ reason: 'Temporal is down' }),
    ],
  ])('%s answers 503 with Retry-After within the deadline', async (_what, call) => {
    const { response, ms } = await timed(call);
    expectUnavailable(response, ms);
  });

  test('/readyz answers 503 saying Temporal does not answer; /healthz answers 200', async () => {
    const ready = await api.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not-ready');
    expect(ready.body.reason).toMatch(/^Temporal does not answer/);
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
  });
});

describe('with a worker', () => {
  test('/readyz answers 200 with the pollers of the task queue', async () => {
    const ready = await h.api('').get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(ready.body).toEqual({
      status: 'ready',
      taskQueue: h.config.temporal.taskQueue,
      pollers: expect.any(Number),
    });
    expect(ready.body.pollers).toBeGreaterThan(0);
  });

  test('a cancelled project can still be read, quickly, and says it was cancelled', async () => {
    const id = uniqueId('read-closed');
    await createProject(h, id);
    await h.api().post(`/api/projects/${id}/cancel`).send({ reason: 'no budget this year' });
    await h.client.workflow.getHandle(`procurement-${id}`).result();
    const { response, ms } = await timed(() => h.api().get(`/api/projects/${id}`));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'cancelled', outcome: 'cancelled' });
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });
});
