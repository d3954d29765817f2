/**
 * The OpenAPI document describes every status and body the API answers: each route documents the
 * failures it can meet, a route is driven into each of them and must answer a documented status,
 * every success body parses with its documented schema, and every validation rule JSON Schema
 * cannot express is written down.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { z } from 'zod';
import { createApp } from '../../api/app';
import { createHealthRoutes } from '../../api/health';
import { undocumentedRules } from '../../api/openapi-rules';
import { createProjectRoutes } from '../../api/projects';
import { type Route, changesSomething, inputOf } from '../../api/routes';
import { type TemporalCalls, createTemporalCalls } from '../../api/temporal-calls';
import { createLogger } from '../../config/logger';
import { sampleAward, sampleNeed, sampleProject } from '../../dev/sample-project';
import { DEFAULT_FOLLOW_UP_CADENCE, deliverableSchemas } from '../../domain/schemas';
import {
  type Harness,
  OFFICER_KEY,
  VIEWER_KEY,
  devServerEnvironment,
  eventually,
  startHarness,
} from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  daysFromNow,
  getProject,
  people,
  submit,
  uniqueId,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
let routes: Route[];
let dataDir: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is JSON read field by field
let document: any;
beforeAll(async () => {
  env = await devServerEnvironment();
  // The case file's local store in a folder of its own, not the developer's .data/.
  dataDir = await mkdtemp(path.join(tmpdir(), 'openapi-test-'));
  h = await startHarness({ env, configEnv: { API_TEMPORAL_TIMEOUT_MS: '1500', DATA_DIR: dataDir } });
  const calls = createTemporalCalls(h.client, 1500);
  routes = [
    ...createHealthRoutes({ client: h.client, calls, taskQueue: h.config.temporal.taskQueue }),
    ...createProjectRoutes({ client: h.client, config: h.config, calls }),
  ];
  document = (await h.api('').get('/api/openapi.json')).body;
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

const operation = (r: Route) => document.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')][r.method];
const documented = (r: Route) => Object.keys(operation(r).responses).map(Number);
const byId = (operationId: string) => {
  const found = routes.find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no route ${operationId}`);
  return found;
};

describe('what each route documents', () => {
  test('every route is in the document, with a schema for each success body', () => {
    for (const r of routes) {
      const responses = operation(r).responses;
      const successes = Object.keys(responses).filter((status) => status.startsWith('2'));
      expect(`${r.operationId}: ${successes.length}`).not.toBe(`${r.operationId}: 0`);
      for (const status of successes)
        expect(`${r.operationId} ${status}: ${JSON.stringify(responses[status].content ?? 'none')}`).toMatch(
          /"schema"/,
        );
    }
  });

  test('each route that changes something documents 409 and 503, and takes an Idempotency-Key', () => {
    const changing = routes.filter(changesSomething);
    expect(changing.length).toBeGreaterThan(9);
    for (const r of changing) {
      expect({ [r.operationId]: documented(r) }).toEqual({
        [r.operationId]: expect.arrayContaining([409, 503]),
      });
      expect(operation(r).parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
      );
    }
  });

  test('each route with input documents 400, each route with a key 401, each route on a project 404', () => {
    for (const r of routes) {
      const statuses = documented(r);
      if (Object.keys(inputOf(r)).length > 0)
        expect({ [r.operationId]: statuses }).toEqual({ [r.operationId]: expect.arrayContaining([400]) });
      if (r.access !== 'public')
        expect({ [r.operationId]: statuses }).toEqual({ [r.operationId]: expect.arrayContaining([401]) });
      if (r.path.includes(':id'))
        expect({ [r.operationId]: statuses }).toEqual({ [r.operationId]: expect.arrayContaining([404]) });
      if (r.temporal !== 'none')
        expect({ [r.operationId]: statuses }).toEqual({ [r.operationId]: expect.arrayContaining([503]) });
    }
  });

  test('a 503 documents its Retry-After header', () => {
    for (const r of routes.filter((route) => documented(route).includes(503)))
      expect(operation(r).responses['503'].headers?.['Retry-After']).toBeDefined();
  });
});

describe('rules JSON Schema cannot express', () => {
  test('every refinement of every route input is written down', () => {
    const schemas: [string, z.ZodType][] = routes.flatMap((r) =>
      Object.entries({
        ...inputOf(r),
        ...(r.documentedBody ? { documentedBody: r.documentedBody } : {}),
      }).map(([location, schema]) => [`${r.operationId}.${location}`, schema] as [string, z.ZodType]),
    );
    for (const [gate, schema] of Object.entries(deliverableSchemas))
      schemas.push([`deliverable ${gate}`, schema]);
    const missing = schemas.flatMap(([name, schema]) =>
      undocumentedRules(schema).map((path) => `${name}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  test('the decision body says when a comment is required; people say which time zones are valid', () => {
    const decision = JSON.stringify(operation(byId('decide')).requestBody);
    expect(decision).toContain('`comment` is required when `decision` is `reject` or `request-changes`');
    const creation = operation(byId('createProject')).requestBody.content['application/json'].schema;
    expect(creation.properties.requester.properties.timeZone['x-rules']).toEqual([
      'must be an IANA time zone such as Europe/Brussels',
    ]);
    expect(creation.properties.title.pattern).toMatch(/^\^\[\^\\u0000/);
    const tender = JSON.stringify(operation(byId('submitDeliverable')).requestBody);
    expect(tender).toContain('the `awardCriteria` weights sum to 100');
  });
});

/** A request each route accepts when the project is in the right state. */
const SAMPLES: Record<string, { path: (id: string) => string; body?: object; file?: Buffer }> = {
  getHealth: { path: () => '/healthz' },
  getReadiness: { path: () => '/readyz' },
  createProject: { path: () => '/api/projects', body: sampleProject(uniqueId('sample')) },
  listProjects: { path: () => '/api/projects?limit=1' },
  countProjects: { path: () => '/api/projects/counts?step=circular-need' },
  getProject: { path: (id) => `/api/projects/${id}` },
  getAuditTrail: { path: (id) => `/api/projects/${id}/audit` },
  getLessons: { path: () => '/api/product-groups/office-furniture/lessons' },
  getOrganisationLessons: { path: () => '/api/organisations/Stad%20Gent/lessons' },
  getCatalogue: { path: () => '/api/catalogue' },
  submitDeliverable: { path: (id) => `/api/projects/${id}/submissions/circular-need`, body: sampleNeed },
  decide: { path: (id) => `/api/projects/${id}/decisions`, body: { decision: 'approve' } },
  delegate: { path: (id) => `/api/projects/${id}/delegations`, body: { to: people.csr } },
  changeApprovalSettings: {
    path: (id) => `/api/projects/${id}/approval-settings`,
    body: { policy: { rule: 'any' } },
  },
  scheduleRfi: {
    path: (id) => `/api/projects/${id}/rfi`,
    body: { closesOn: daysFromNow(5), description: 'RFI' },
  },
  recordReview: {
    path: (id) => `/api/projects/${id}/reviews`,
    body: { momentId: 'kick-off', performance: 'fine' },
  },
  amendContract: {
    path: (id) => `/api/projects/${id}/amendments`,
    body: { contractEnd: daysFromNow(900), reason: 'extension' },
  },
  startEndOfUse: { path: (id) => `/api/projects/${id}/end-of-use`, body: { reason: 'worn out' } },
  confirmUse: {
    path: (id) => `/api/projects/${id}/use-confirmations`,
    body: { continues: false, reason: 'worn out' },
  },
  cancelProject: { path: (id) => `/api/projects/${id}/cancel`, body: { reason: 'not needed anymore' } },
  uploadDocument: {
    path: (id) => `/api/projects/${id}/documents?kind=rfi&name=rfi.pdf`,
    file: Buffer.from('%PDF-1.4\n%%EOF\n'),
  },
  listDocuments: { path: (id) => `/api/projects/${id}/documents` },
  downloadDocument: {
    path: (id) =>
      `/api/projects/${id}/documents/${createHash('sha256').update('%PDF-1.4\n%%EOF\n').digest('hex')}`,
  },
  exportPdf: { path: (id) => `/api/projects/${id}/export.pdf` },
  exportCsv: { path: (id) => `/api/projects/${id}/export.csv?lang=en` },
};

function send(api: ReturnType<typeof request>, r: Route, id: string, key: string, idempotencyKey?: string) {
  const sample = SAMPLES[r.operationId];
  if (!sample) throw new Error(`no sample request for ${r.operationId}`);
  let call = api[r.method](sample.path(id));
  if (key) call = call.set('Authorization', `Bearer ${key}`);
  if (idempotencyKey !== undefined) call = call.set('Idempotency-Key', idempotencyKey);
  // A new project id per creation, so that only the scenario decides the answer.
  const body = r.operationId === 'createProject' ? sampleProject(uniqueId('sample')) : sample.body;
  if (sample.file) return call.set('Content-Type', 'application/pdf').send(sample.file);
  return body ? call.send(body) : call;
}

/** Runs every route in one situation; each answer must be documented, and a success must parse. */
async function answersOf(api: ReturnType<typeof request>, id: string, key: string, idempotencyKey?: string) {
  const answers: Record<string, number> = {};
  for (const r of routes) {
    const response = await send(api, r, id, key, idempotencyKey);
    answers[r.operationId] = response.status;
    expect(`${r.operationId} answered ${response.status}`).toBe(
      documented(r).includes(response.status)
        ? `${r.operationId} answered ${response.status}`
        : 'a documented status',
    );
    const schema = r.responses[response.status]?.schema;
    if (schema && response.status < 300) expect(() => schema.parse(response.body)).not.toThrow();
  }
  return answers;
}

describe('every answer a route gives is documented', () => {
  test('every route has a sample request', () => {
    expect(routes.map((r) => r.operationId).filter((name) => !SAMPLES[name])).toEqual([]);
  });

  test('on a project waiting for its first deliverable', async () => {
    const id = uniqueId('statuses');
    await createProject(h, id);
    const answers = await answersOf(request(h.baseUrl), id, OFFICER_KEY);
    expect(answers).toMatchObject({
      getProject: 200,
      submitDeliverable: 200,
      recordReview: 409,
      cancelProject: 202,
    });
  });

  test('without a key, with a viewer key and with a bad Idempotency-Key', async () => {
    const id = uniqueId('statuses-auth');
    await createProject(h, id);
    const api = request(h.baseUrl);
    const anonymous = await answersOf(api, id, '');
    for (const r of routes)
      expect([r.operationId, anonymous[r.operationId]]).toEqual([
        r.operationId,
        r.access === 'public' ? anonymous[r.operationId] : 401,
      ]);
    const viewer = await answersOf(api, id, VIEWER_KEY);
    for (const r of routes.filter((route) => Array.isArray(route.access)))
      expect([r.operationId, viewer[r.operationId]]).toEqual([r.operationId, 403]);
    const badKey = await answersOf(api, id, OFFICER_KEY, 'tab\there');
    for (const r of routes.filter(changesSomething))
      expect([r.operationId, badKey[r.operationId]]).toEqual([r.operationId, 400]);
  });

  test('on an unknown project, and on a finished one', async () => {
    const api = request(h.baseUrl);
    const unknown = await answersOf(api, 'no-such-project-here', OFFICER_KEY);
    for (const r of routes.filter((route) => route.path.includes(':id')))
      expect([r.operationId, unknown[r.operationId]]).toEqual([r.operationId, 404]);
    const id = uniqueId('statuses-closed');
    await createProject(h, id);
    await h.api().post(`/api/projects/${id}/cancel`).send({ reason: 'no budget this year' });
    await h.client.workflow.getHandle(`procurement-${id}`).result();
    const closed = await answersOf(api, id, OFFICER_KEY);
    for (const r of routes.filter((route) => route.path.includes(':id') && changesSomething(route)))
      expect([r.operationId, closed[r.operationId]]).toEqual([r.operationId, 409]);
  });

  test('with Temporal unreachable', async () => {
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const client = new Client({ connection });
    const calls: TemporalCalls = createTemporalCalls(client, 300);
    const logger = createLogger('error', { service: 'test' });
    try {
      const api = request(createApp({ client, config: h.config, logger, calls }));
      const down = await answersOf(api, 'any-project', OFFICER_KEY, randomUUID());
      for (const r of routes) {
        const expected = r.temporal === 'none' && r.operationId !== 'getReadiness' ? 200 : 503;
        expect([r.operationId, down[r.operationId]]).toEqual([r.operationId, expected]);
      }
    } finally {
      await calls.settled();
      await connection.close();
    }
  });

  test('in the contract: reviews, amendments and the end of use answer their documented bodies', async () => {
    const id = uniqueId('statuses-contract');
    await createProject(h, id);
    await advanceTo(h, id, 'award');
    // Kick-off tomorrow: announced at once (a week's notice), so that it can be reviewed now.
    const cadence = { ...DEFAULT_FOLLOW_UP_CADENCE, kickOffWithinDays: 1 };
    await submit(h, id, 'award', sampleAward(daysFromNow(0), daysFromNow(730), { followUpCadence: cadence }));
    await approveRound(h, id);
    const kickOff = await eventually(async () => {
      const project = await getProject(h, id);
      return (project.contract?.moments as { id: string; announcedAt?: string }[] | undefined)?.find(
        (moment) => moment.announcedAt,
      );
    });
    const answers: Record<string, { status: number; body: unknown }> = {};
    for (const [operationId, body] of [
      ['recordReview', { momentId: kickOff.id, performance: 'Delivered on time, chairs as specified.' }],
      ['amendContract', { contractEnd: daysFromNow(900), reason: 'extension by one year' }],
      ['confirmUse', { continues: true, until: daysFromNow(1000), reason: 'the chairs are still as new' }],
      ['startEndOfUse', { reason: 'the building closes early' }],
    ] as const) {
      const r = byId(operationId);
      const response = await h.api()[r.method](SAMPLES[operationId]!.path(id)).send(body);
      answers[operationId] = { status: response.status, body: response.body };
      expect([operationId, response.status]).toEqual([operationId, 200]);
      expect(() => r.responses[200]?.schema?.parse(response.body)).not.toThrow();
    }
    expect(answers.confirmUse?.body).toEqual({ step: 'use-and-execution', useUntil: daysFromNow(1000) });
    expect(answers.startEndOfUse?.body).toEqual({ step: 'end-of-use' });
  });
});
