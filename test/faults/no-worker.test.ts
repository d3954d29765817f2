/**
 * No worker polls the project's task queue (all crashed, or a deploy in progress). Reading a
 * project, its audit trail and sending a submission answer a clear 503 within the API's deadline;
 * the submission's 503 says it may still be applied and names the Idempotency-Key to retry with.
 * Once a worker is back, that retry gets the outcome and the submission is recorded once.
 */
import request from 'supertest';
import { startApi } from '../../api/main';
import { loadConfig } from '../../config/config';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { startWorker } from '../../worker/main';
import { OFFICER_KEY, workflowBundle } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';
import { collectingLogger, faultEnv, firstAnswerOtherThan503, freePort } from './support';

const TIMEOUT_MS = 1_500;
/** What "within the deadline" allows for the request itself on a loaded machine. */
const SLACK_MS = 1_500;
const auth = `Bearer ${OFFICER_KEY}`;

let mail: MailCapture;
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let http: ReturnType<typeof request>;
let config: ReturnType<typeof loadConfig>;
const stopping = new AbortController();
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
const logger = collectingLogger();

beforeAll(async () => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest');
  mail = await startMailCapture();
  config = loadConfig(
    faultEnv({
      address,
      apiPort: await freePort(),
      smtpPort: mail.smtpPort,
      extra: { API_TEMPORAL_TIMEOUT_MS: String(TIMEOUT_MS) },
    }),
  );
  api = await startApi(config, logger);
  http = request(`http://127.0.0.1:${config.api.port}`);
});
/** Projects of this file, ended afterwards so none lingers on the shared server. */
const started: string[] = [];
afterAll(async () => {
  const client = api?.client;
  if (client)
    await Promise.all(
      started.map((id) =>
        client.workflow
          .getHandle(workflowIdFor(id))
          .terminate('test cleanup')
          .catch(() => undefined),
      ),
    );
  stopping.abort();
  await worker?.running.catch(() => undefined);
  await api?.close();
  await mail?.stop();
});

async function timed(call: () => PromiseLike<request.Response>) {
  const started = Date.now();
  const response = await call();
  return { response, ms: Date.now() - started };
}

test('reads and a submission answer a clear 503 within the deadline; the submission is applied once when retried with the key it names', async () => {
  const id = uniqueId('no-worker');
  started.push(id);
  // Starting a project needs no worker: Temporal takes it.
  expect((await http.post('/api/projects').set('Authorization', auth).send(sampleProject(id))).status).toBe(
    202,
  );

  for (const path of [`/api/projects/${id}`, `/api/projects/${id}/audit`]) {
    const { response, ms } = await timed(() => http.get(path).set('Authorization', auth));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body.message).toContain('no worker is polling the task queue');
    expect(response.body.message).toContain('Nothing was changed');
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  }

  const { response: submitted, ms } = await timed(() =>
    http.post(`/api/projects/${id}/submissions/circular-need`).set('Authorization', auth).send(sampleNeed),
  );
  expect(submitted.status).toBe(503);
  expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  const key = String(submitted.headers['idempotency-key']);
  expect(submitted.body.message).toContain('The outcome is unknown: this change may still be applied later');
  expect(submitted.body.message).toContain(`"Idempotency-Key: ${key}"`);

  worker = await startWorker(config, logger, {
    signal: stopping.signal,
    workflowBundle: await workflowBundle(),
  });
  // As a client honouring Retry-After would: the worker's first task may take longer than the deadline.
  const retried = await firstAnswerOtherThan503(
    () =>
      http
        .post(`/api/projects/${id}/submissions/circular-need`)
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send(sampleNeed),
    30_000,
  );
  expect(retried.status).toBe(200);
  const audit = await http.get(`/api/projects/${id}/audit`).set('Authorization', auth);
  expect(audit.status).toBe(200);
  const submissions = (audit.body.entries as { kind: string }[]).filter(
    (entry) => entry.kind === 'submitted',
  );
  expect(submissions).toHaveLength(1);
}, 120_000);
