/**
 * The link pages when Temporal does not answer: no worker polls the project's task queue, or the
 * cluster cannot be reached. Every page answers 503 with Retry-After and a readable page within its
 * (here short) deadline, instead of hanging or answering JSON.
 */
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import express, { type Express } from 'express';
import request from 'supertest';
import { LinkSigner } from '../../activities/links';
import { createApp } from '../../api/app';
import { createLinkRouter } from '../../api/links/router';
import { createTemporalCalls } from '../../api/temporal-calls';
import type { AppConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { samplePeople, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import {
  OFFICER_KEY,
  SIGNING_KEYS,
  devServerEnvironment,
  type Harness,
  startHarness,
} from '../helpers/harness';

const TIMEOUT_MS = 500;

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env });
});
afterAll(async () => {
  await Promise.all(
    stranded.map((id) =>
      h.client.workflow
        .getHandle(workflowIdFor(id))
        .terminate('test cleanup')
        .catch(() => undefined),
    ),
  );
  await h?.close();
  await env?.teardown();
});

const { internalClient: bram, contractManager: ilse } = samplePeople;
const signer = new LinkSigner(SIGNING_KEYS);

const logger = createLogger('error', { service: 'test' });
/** Projects started on a task queue nobody polls, terminated after the tests so they do not linger. */
const stranded: string[] = [];

/** The harness's config with a short deadline for Temporal calls and, optionally, another task queue. */
function configWith(taskQueue = h.config.temporal.taskQueue): AppConfig {
  return {
    ...h.config,
    api: { ...h.config.api, temporalTimeoutMs: TIMEOUT_MS },
    temporal: { ...h.config.temporal, taskQueue },
  };
}

function links(projectId: string) {
  const expires = Date.now() + 86_400_000;
  const decision = signer.sign({
    k: 'decision',
    p: projectId,
    g: 'circular-need',
    r: 1,
    a: bram.email,
    e: expires,
  });
  const review = signer.sign({ k: 'review', p: projectId, m: 'kick-off', a: ilse.email, e: expires });
  return { decision: `/d/${decision}`, review: `/r/${review}` };
}

/** Every page behind the links, each as a request that must answer "try again shortly". */
function everyPage(app: Express, projectId: string) {
  const { decision, review } = links(projectId);
  const agent = request(app);
  return [
    ['GET the decision page', () => agent.get(decision)],
    ['POST a decision', () => agent.post(decision).type('form').send({ decision: 'approve' })],
    [
      'POST a delegation',
      () => agent.post(`${decision}/delegate`).type('form').send({ name: 'X', email: 'x@gent.example' }),
    ],
    ['POST a renewal', () => agent.post(`${decision}/renew`).type('form').send({})],
    ['GET the review page', () => agent.get(review)],
  ] as const;
}

function expectTryAgainShortly(response: request.Response): void {
  expect({ status: response.status, text: response.status === 503 ? '' : response.text }).toEqual({
    status: 503,
    text: '',
  });
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
  expect(response.headers['content-type']).toMatch(/text\/html/);
  expect(response.headers['cache-control']).toBe('no-store');
}

/** An app whose projects start on a task queue no worker polls, and a project started there. */
async function appWithoutWorker(name: string): Promise<{ app: Express; id: string }> {
  const app = createApp({
    client: h.client,
    config: configWith(`nobody-polls-${name}-${Date.now()}`),
    logger,
  });
  const id = `${name}-${Date.now()}`;
  stranded.push(id);
  // Starting a project needs no worker; it would run once one polls its queue, and here none does.
  const created = await request(app)
    .post('/api/projects')
    .set('Authorization', `Bearer ${OFFICER_KEY}`)
    .send(sampleProject(id));
  expect(created.status).toBe(202);
  return { app, id };
}

test('with no worker polling, every link page answers 503 "try again shortly" within its deadline', async () => {
  const { app, id } = await appWithoutWorker('no-worker');
  for (const [name, send] of everyPage(app, id)) {
    const started = Date.now();
    const response = await send();
    // Named, so a failure says which page hung or answered otherwise.
    expect({ name, inTime: Date.now() - started < TIMEOUT_MS + 2_000 }).toEqual({ name, inTime: true });
    expectTryAgainShortly(response);
    expect(response.text).toContain('Probeer het over enkele ogenblikken opnieuw');
  }
});

test('the "try again shortly" page is in the reader’s language, from ?lang= or the browser’s Accept-Language', async () => {
  const { app, id } = await appWithoutWorker('no-worker-lang');
  const { decision } = links(id);
  const english = await request(app).get(decision).set('Accept-Language', 'en-GB,en;q=0.9');
  expectTryAgainShortly(english);
  expect(english.text).toContain('Try again shortly with the same link');
  expect(english.text).toContain('<html lang="en">');
  const asked = await request(app).post(`${decision}?lang=en`).type('form').send({ decision: 'approve' });
  expectTryAgainShortly(asked);
  expect(asked.text).toContain('Nothing was recorded');
});

test('with Temporal unreachable, the link pages answer 503 "try again shortly" instead of hanging', async () => {
  // Port 1 refuses connections: a cluster that is down, as a lazy connection meets it.
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const client = new Client({ connection, namespace: h.config.temporal.namespace });
  // The link router alone, with deadlines the test can wait for before it closes the connection.
  const calls = createTemporalCalls(client, TIMEOUT_MS);
  const app = express().use(
    createLinkRouter({ client, config: configWith(), logger, now: () => Promise.resolve(Date.now()), calls }),
  );
  try {
    for (const [name, send] of everyPage(app, `unreachable-${Date.now()}`)) {
      const response = await send();
      expect({ name, status: response.status }).toEqual({ name, status: 503 });
      expectTryAgainShortly(response);
      expect(response.text).toContain('Even geduld');
    }
  } finally {
    // As the API's shutdown does: the SDK may still be backing off before a retry.
    await calls.settled();
    await connection.close();
  }
});
