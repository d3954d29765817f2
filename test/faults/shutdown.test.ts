/**
 * SIGTERM, as a deploy or a scale-down sends it, to the worker and the API running as processes
 * against the shared dev server. Each stops within a bounded time; a request in flight gets an
 * answer before the API exits (a 503 that names the Idempotency-Key to retry with when Temporal has
 * not confirmed it); and a decision acknowledged before the signal is there after the restart.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { OFFICER_KEY, workflowBundle } from '../helpers/harness';
import { keyOf, uniqueId } from '../helpers/project-api';
import { type Service, killLeftovers, startService } from './processes';
import { faultEnv, freePort, until } from './support';

/** Short, so the test is quick; the defaults are in .env.example. */
const API_GRACE_MS = 1_000;
const WORKER_GRACE_MS = 1_000;
const WORKER_FORCE_MS = 10_000;
/** Long: without the shutdown's own answer, a request waiting for the stopped worker would wait this long. */
const API_TIMEOUT_MS = 40_000;
/** What a loaded machine may add to a bound (process exit, closing connections). */
const SLACK_MS = 5_000;

let dir: string;
let bundlePath: string;
let mail: MailCapture;
/** The project whose first message the SMTP server is slow to accept, and the messages it held. */
let slowProject: string | undefined;
const held: string[] = [];
const SLOW_ACCEPT_MS = 60_000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cpo-shutdown-'));
  // The processes load a prebuilt bundle (WORKFLOW_BUNDLE_PATH), as in production.
  bundlePath = path.join(dir, 'workflow-bundle.js');
  await writeFile(bundlePath, (await workflowBundle()).code);
  mail = await startMailCapture({
    acceptDelayMs: (message) => {
      if (!slowProject || !message.messageId?.includes(`<cpo.${slowProject}.`) || held.length > 0) return 0;
      held.push(message.messageId);
      return SLOW_ACCEPT_MS;
    },
  });
}, 120_000);
afterAll(async () => {
  await killLeftovers();
  await mail?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function stackEnv(): Promise<Record<string, string>> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest');
  return faultEnv({
    address,
    apiPort: await freePort(),
    smtpPort: mail.smtpPort,
    extra: {
      LOG_LEVEL: 'debug',
      WORKFLOW_BUNDLE_PATH: bundlePath,
      API_TEMPORAL_TIMEOUT_MS: String(API_TIMEOUT_MS),
      API_SHUTDOWN_GRACE_MS: String(API_GRACE_MS),
      WORKER_SHUTDOWN_GRACE_MS: String(WORKER_GRACE_MS),
      WORKER_SHUTDOWN_FORCE_MS: String(WORKER_FORCE_MS),
    },
  });
}

async function startStack(env: Record<string, string>) {
  const worker = startService('worker/main.ts', { ...env, LOG_LEVEL: 'info' });
  const api = startService('api/main.ts', env);
  await worker.waitForLog((line) => line.msg === 'worker started', 'worker started');
  await api.waitForLog((line) => line.msg === 'API listening', 'API listening');
  return { worker, api, http: request(`http://127.0.0.1:${env.API_PORT}`) };
}

/** A project with the circular need submitted: its approval round waits for the approvers. */
async function projectInRound(
  http: ReturnType<typeof request>,
  id = uniqueId('shutdown'),
): Promise<{ id: string; approvers: string[] }> {
  const auth = `Bearer ${OFFICER_KEY}`;
  expect((await http.post('/api/projects').set('Authorization', auth).send(sampleProject(id))).status).toBe(
    202,
  );
  const submitted = await http
    .post(`/api/projects/${id}/submissions/circular-need`)
    .set('Authorization', auth)
    .send(sampleNeed);
  expect(submitted.status).toBe(200);
  const project = await http.get(`/api/projects/${id}`).set('Authorization', auth);
  const approvers = project.body.pendingApprovers as string[];
  expect(approvers.length).toBeGreaterThanOrEqual(2);
  return { id, approvers };
}

function decide(http: ReturnType<typeof request>, id: string, email: string, key?: string) {
  const call = http
    .post(`/api/projects/${id}/decisions`)
    .set('Authorization', `Bearer ${keyOf(email)}`)
    .send({ decision: 'approve' });
  return key ? call.set('Idempotency-Key', key) : call;
}

async function decisionsIn(http: ReturnType<typeof request>, id: string) {
  const audit = await http.get(`/api/projects/${id}/audit`).set('Authorization', `Bearer ${OFFICER_KEY}`);
  expect(audit.status).toBe(200);
  return (audit.body.entries as { kind: string; actor: string }[]).filter(
    (entry) => entry.kind === 'decided',
  );
}

function receivedRequests(api: Service): number {
  return api.logs.filter((line) => line.msg === 'request received').length;
}

test('SIGTERM to the API while decisions wait for a stopped worker: each gets a 503 naming its Idempotency-Key before the API exits, and a retry with it applies the decision once', async () => {
  const env = await stackEnv();
  const first = await startStack(env);
  const { id, approvers } = await projectInRound(first.http);
  const [bram, chloe] = approvers as [string, string];

  const worker = await first.worker.stop('SIGTERM');
  expect(worker.code).toBe(0);
  expect(worker.ms).toBeLessThan(WORKER_FORCE_MS + SLACK_MS);

  const before = receivedRequests(first.api);
  const keyed = decide(first.http, id, bram, 'bram-approves-once');
  const unkeyed = decide(first.http, id, chloe);
  const answers = Promise.all([keyed, unkeyed]);
  await first.api.waitForLog(
    () => receivedRequests(first.api) >= before + 2,
    'both decisions received',
    20_000,
  );
  const api = await first.api.stop('SIGTERM');
  const [keyedAnswer, unkeyedAnswer] = await answers;

  expect(api.code).toBe(0);
  expect(api.ms).toBeLessThan(API_GRACE_MS + SLACK_MS);
  for (const answer of [keyedAnswer, unkeyedAnswer]) {
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toMatch(/^\d+$/);
    expect(answer.body.message).toContain('The outcome is unknown');
  }
  expect(keyedAnswer.headers['idempotency-key']).toBe('bram-approves-once');
  const generatedKey = String(unkeyedAnswer.headers['idempotency-key']);
  expect(unkeyedAnswer.body.message).toContain(`Idempotency-Key: ${generatedKey}`);

  // Back up: the retries with the keys the 503s named get the outcomes, each decision recorded once.
  const second = await startStack(env);
  const retriedKeyed = await decide(second.http, id, bram, 'bram-approves-once');
  const retriedUnkeyed = await decide(second.http, id, chloe, generatedKey);
  expect(retriedKeyed.status).toBe(200);
  expect(retriedUnkeyed.status).toBe(200);
  const decided = await decisionsIn(second.http, id);
  expect(decided.filter((entry) => entry.actor.includes(bram))).toHaveLength(1);
  expect(decided.filter((entry) => entry.actor.includes(chloe))).toHaveLength(1);

  const stopped = await Promise.all([second.api.stop(), second.worker.stop()]);
  expect(stopped.map((s) => s.code)).toEqual([0, 0]);
}, 180_000);

test('a decision acknowledged just before SIGTERM to both the worker and the API is there after the restart, and both stop in bounded time', async () => {
  const env = await stackEnv();
  const first = await startStack(env);
  const { id, approvers } = await projectInRound(first.http);
  const [bram] = approvers as [string];

  const acknowledged = await decide(first.http, id, bram);
  expect(acknowledged.status).toBe(200);
  const [api, worker] = await Promise.all([first.api.stop('SIGTERM'), first.worker.stop('SIGTERM')]);
  expect(api.code).toBe(0);
  expect(worker.code).toBe(0);
  expect(api.ms).toBeLessThan(API_GRACE_MS + SLACK_MS);
  expect(worker.ms).toBeLessThan(WORKER_FORCE_MS + SLACK_MS);

  const second = await startStack(env);
  const decided = await decisionsIn(second.http, id);
  expect(decided.filter((entry) => entry.actor.includes(bram))).toHaveLength(1);
  const project = await second.http.get(`/api/projects/${id}`).set('Authorization', `Bearer ${OFFICER_KEY}`);
  expect(project.body.pendingApprovers).not.toContain(bram);
  await Promise.all([second.api.stop(), second.worker.stop()]);
}, 180_000);

test('SIGTERM to the worker while a mail send waits on a slow SMTP server: the SMTP timeout ends the send, the worker exits well before its force time, and the message arrives once after the restart', async () => {
  const socketTimeoutMs = 3_000;
  const env = {
    ...(await stackEnv()),
    SMTP_CONNECTION_TIMEOUT_MS: String(socketTimeoutMs),
    SMTP_GREETING_TIMEOUT_MS: String(socketTimeoutMs),
    SMTP_SOCKET_TIMEOUT_MS: String(socketTimeoutMs),
  };
  const first = await startStack(env);
  const id = uniqueId('shutdown-mail');
  slowProject = id;
  await projectInRound(first.http, id);
  const messageId = await until(() => held[0], 'a mail send held by the slow server');

  const worker = await first.worker.stop('SIGTERM');
  expect(worker.code).toBe(0);
  // Not the force time: the send ended at the socket timeout, and the worker with it.
  expect(worker.ms).toBeLessThan(socketTimeoutMs + SLACK_MS);
  expect(worker.ms).toBeLessThan(WORKER_FORCE_MS);
  expect(mail.abandoned.map((m) => m.messageId)).toContain(messageId);

  const restarted = startService('worker/main.ts', { ...env, LOG_LEVEL: 'info' });
  await restarted.waitForLog((line) => line.msg === 'worker started', 'worker started');
  const delivered = await mail.waitFor((m) => m.messageId === messageId, { timeoutMs: 60_000 });
  expect(delivered).toHaveLength(1);
  await Promise.all([first.api.stop(), restarted.stop()]);
}, 180_000);
