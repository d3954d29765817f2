/**
 * The management API over HTTP against the real stack: validation (400 with every problem as
 * `path: message`), unknown projects, duplicates, authentication and authorisation, workflow
 * rejections mapped to 409/422, and the OpenAPI document generated from the same route table.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { createProjectRoutes } from '../../api/projects';
import { type Harness, VIEWER_KEY, devServerEnvironment, startHarness } from '../helpers/harness';
import {
  advanceTo,
  createProject,
  decide,
  daysFromNow,
  keyOf,
  people,
  sampleDeliverable,
  submit,
  uniqueId,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
/** One project waiting for step 1's approval, shared by the tests that only read or are refused. */
let shared: string;
beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env });
  shared = uniqueId('api');
  await createProject(h, shared);
  await submit(h, shared, 'circular-need');
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const { internalClient: bram, purchaser: chloe, contractManager: ilse } = people;

type Method = 'get' | 'post' | 'patch';
interface BadInput {
  method: Method;
  path: (id: string) => string;
  body?: unknown;
  /** Exact problems, or `startsWith(path)` where the message is zod's own wording. */
  problems: unknown[];
}

const startsWith = (prefix: string) =>
  expect.stringMatching(new RegExp(`^${prefix.replace(/\./g, '\\.')}: .+`));

/** One request with bad input per route operation, and the problems it must list. */
const BAD_INPUT: Record<string, BadInput> = {
  createProject: {
    method: 'post',
    path: () => '/api/projects',
    body: {
      id: 'Not A Slug',
      title: '',
      requester: { name: 'Ans', email: 'not-an-email' },
      approvers: [],
      approvals: { policy: { rule: 'quorum' } },
    },
    problems: [
      'body.id: use lowercase letters, digits and single hyphens (kebab-case)',
      'body.title: must not be empty',
      startsWith('body.organisation'),
      startsWith('body.productGroup'),
      startsWith('body.requester.email'),
      startsWith('body.approvers'),
      'body.approvals.policy.quorum: a quorum policy needs the number of approvals',
    ],
  },
  listProjects: {
    method: 'get',
    path: () => '/api/projects?step=step-9&status=sleeping&pendingApprover=nobody&limit=0',
    problems: [
      startsWith('query.step'),
      startsWith('query.status'),
      startsWith('query.pendingApprover'),
      startsWith('query.limit'),
    ],
  },
  countProjects: {
    method: 'get',
    path: () => '/api/projects/counts?step=step-9&status=sleeping&contractEndFrom=tomorrow',
    problems: [startsWith('query.step'), startsWith('query.status'), startsWith('query.contractEndFrom')],
  },
  getProject: {
    method: 'get',
    path: () => '/api/projects/Not_A_Slug',
    problems: ['params.id: use lowercase letters, digits and single hyphens (kebab-case)'],
  },
  getAuditTrail: {
    method: 'get',
    path: () => '/api/projects/x/audit',
    problems: [startsWith('params.id')],
  },
  submitDeliverable: {
    method: 'post',
    path: (id) => `/api/projects/${id}/submissions/circular-need`,
    body: { ...sampleNeed, inventory: [], decision: { outcome: 'maybe' } },
    problems: [
      'body.inventory: record at least one inventory check (what, where, result)',
      startsWith('body.decision.outcome'),
    ],
  },
  decide: {
    method: 'post',
    path: (id) => `/api/projects/${id}/decisions`,
    body: { decision: 'reject', round: 0, approver: 'me', mode: 'later' },
    problems: [
      startsWith('body.round'),
      'body.comment: a comment is required to reject',
      startsWith('body.approver'),
      startsWith('body.mode'),
    ],
  },
  delegate: {
    method: 'post',
    path: (id) => `/api/projects/${id}/delegations`,
    body: { gate: 'step-one', to: { name: '', email: 'someone' } },
    problems: [startsWith('body.gate'), 'body.to.name: must not be empty', startsWith('body.to.email')],
  },
  changeApprovalSettings: {
    method: 'patch',
    path: (id) => `/api/projects/${id}/approval-settings`,
    body: { policy: { rule: 'all', quorum: 2 }, reminders: { everyHours: 0 } },
    problems: [
      'body.policy.quorum: quorum only applies to the quorum rule',
      startsWith('body.reminders.everyHours'),
    ],
  },
  scheduleRfi: {
    method: 'post',
    path: (id) => `/api/projects/${id}/rfi`,
    body: { closesOn: '2027-02-30', description: '' },
    problems: ['body.closesOn: is not a calendar date', 'body.description: must not be empty'],
  },
  recordReview: {
    method: 'post',
    path: (id) => `/api/projects/${id}/reviews`,
    body: { momentId: '', kpis: [{ kpiId: 'happiness', value: 'high' }] },
    problems: [
      startsWith('body.momentId'),
      startsWith('body.kpis.0.kpiId'),
      startsWith('body.kpis.0.value'),
      startsWith('body.performance'),
    ],
  },
  amendContract: {
    method: 'post',
    path: (id) => `/api/projects/${id}/amendments`,
    body: { contractEnd: 'next year', reason: 'ok' },
    problems: ['body.contractEnd: use a date as YYYY-MM-DD', 'body.reason: must be at least 5 characters'],
  },
  startEndOfUse: {
    method: 'post',
    path: (id) => `/api/projects/${id}/end-of-use`,
    body: {},
    problems: [startsWith('body.reason')],
  },
  confirmUse: {
    method: 'post',
    path: (id) => `/api/projects/${id}/use-confirmations`,
    body: { continues: 'yes', until: 'later', reason: '' },
    problems: [
      startsWith('body.continues'),
      'body.until: use a date as YYYY-MM-DD',
      'body.reason: must be at least 5 characters',
    ],
  },
  cancelProject: {
    method: 'post',
    path: (id) => `/api/projects/${id}/cancel`,
    body: { reason: '   ' },
    problems: ['body.reason: must be at least 5 characters'],
  },
  getLessons: {
    method: 'get',
    path: () => '/api/product-groups/Office_Furniture/lessons',
    problems: [startsWith('params.productGroup')],
  },
  getOrganisationLessons: {
    method: 'get',
    path: () => '/api/organisations/%20%20/lessons',
    problems: ['params.organisation: must not be empty'],
  },
  uploadDocument: {
    method: 'post',
    path: (id) => `/api/projects/${id}/documents?kind=invoice&name=a%2Fb.pdf`,
    problems: [startsWith('query.kind'), 'query.name: must be a file name without / or \\'],
  },
  listDocuments: {
    method: 'get',
    path: () => '/api/projects/Not_A_Slug/documents',
    problems: [startsWith('params.id')],
  },
  downloadDocument: {
    method: 'get',
    path: (id) => `/api/projects/${id}/documents/ABC`,
    problems: ['params.documentId: is not a SHA-256 digest (64 lowercase hex digits)'],
  },
  exportPdf: {
    method: 'get',
    path: (id) => `/api/projects/${id}/export.pdf?lang=de`,
    problems: [startsWith('query.lang')],
  },
  exportCsv: {
    method: 'get',
    path: () => '/api/projects/Not_A_Slug/export.csv',
    problems: [startsWith('params.id')],
  },
};

function send(key: string, method: Method, path: string, body?: unknown) {
  const request = h.api(key)[method](path);
  return body === undefined ? request : request.send(body as object);
}

describe('bad input', () => {
  test('every route that takes input is covered below', () => {
    const routes = createProjectRoutes({ client: h.client, config: h.config });
    const withInput = routes.filter((r) => Object.keys(r.input).length > 0).map((r) => r.operationId);
    expect(Object.keys(BAD_INPUT).sort()).toEqual(withInput.sort());
  });

  test.each(Object.entries(BAD_INPUT))(
    '%s answers 400 listing each problem as path: message',
    async (_name, bad) => {
      const response = await send(keyOf(people.requester.email), bad.method, bad.path(shared), bad.body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Bad Request');
      expect(response.body.problems).toEqual(bad.problems);
    },
  );

  test('a body that is not JSON answers 400', async () => {
    const response = await h
      .api()
      .post(`/api/projects/${shared}/cancel`)
      .set('Content-Type', 'application/json')
      .send('{"reason": ');
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual(['body: invalid JSON']);
  });

  test('an unknown gate in the path is a 400, before the body is looked at', async () => {
    const response = await h.api().post(`/api/projects/${shared}/submissions/step-one`).send(sampleNeed);
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([startsWith('params.gate')]);
  });

  test('nothing reaches the workflow when the input is bad', async () => {
    const before = await h.api().get(`/api/projects/${shared}/audit`);
    await send(keyOf(bram.email), 'post', `/api/projects/${shared}/decisions`, { decision: 'reject' });
    const after = await h.api().get(`/api/projects/${shared}/audit`);
    expect(after.body.entries).toEqual(before.body.entries);
  });
});

describe('list filters', () => {
  test('a filter value cannot change the visibility query', async () => {
    const sneaky = "Stad Gent' OR WorkflowType = 'procurementWorkflow";
    const response = await h.api().get(`/api/projects?organisation=${encodeURIComponent(sneaky)}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });

  test('a control character in a filter or in a new project is refused with a 400 naming the field', async () => {
    const listed = await h.api(VIEWER_KEY).get('/api/projects?organisation=%00');
    expect(listed.status).toBe(400);
    expect(JSON.stringify(listed.body)).toContain('must not contain control characters');
    const created = await h
      .api()
      .post('/api/projects')
      .send(sampleProject(uniqueId('nul'), { organisation: 'Stad Gent\u0000', title: 'Chairs\u0007' }));
    expect(created.status).toBe(400);
    const problems = JSON.stringify(created.body);
    expect(problems).toContain('organisation');
    expect(problems).toContain('title');
    expect(problems).toContain('must not contain control characters');
  });
});

describe('unknown and duplicate projects', () => {
  const unknown = 'no-such-project-anywhere';

  test.each([
    ['get', `/api/projects/${unknown}`, undefined],
    ['get', `/api/projects/${unknown}/audit`, undefined],
    ['post', `/api/projects/${unknown}/submissions/circular-need`, sampleNeed],
    ['post', `/api/projects/${unknown}/decisions`, { decision: 'approve' }],
    ['post', `/api/projects/${unknown}/cancel`, { reason: 'not needed anymore' }],
    ['post', `/api/projects/${unknown}/delegations`, { to: people.csr }],
    ['patch', `/api/projects/${unknown}/approval-settings`, { policy: { rule: 'any' } }],
    ['post', `/api/projects/${unknown}/rfi`, { closesOn: daysFromNow(5), description: 'RFI' }],
    ['post', `/api/projects/${unknown}/reviews`, { momentId: 'kick-off', performance: 'fine' }],
    ['post', `/api/projects/${unknown}/amendments`, { contractEnd: daysFromNow(900), reason: 'extension' }],
    ['post', `/api/projects/${unknown}/end-of-use`, { reason: 'worn out' }],
  ] as const)('%s %s answers 404', async (method, path, body) => {
    const response = await send(keyOf(people.requester.email), method, path, body);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'Not Found', message: 'no such project' });
  });

  test('a product group without lessons answers an empty list, not 404', async () => {
    const response = await h.api().get('/api/product-groups/never-bought-before/lessons');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ productGroup: 'never-bought-before', lessons: [] });
  });

  test('creating a project with an id that exists answers 409', async () => {
    const response = await h.api().post('/api/projects').send(sampleProject(shared));
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('a project with this id already exists');
  });

  test('creating a project answers 202 with its Location', async () => {
    const id = uniqueId('created');
    const response = await h.api().post('/api/projects').send(sampleProject(id));
    expect(response.status).toBe(202);
    expect(response.headers.location).toBe(`/api/projects/${id}`);
    expect(response.body).toMatchObject({ id, workflowId: `procurement-${id}`, runId: expect.any(String) });
  });
});

describe('authentication and authorisation', () => {
  test('a call without a key answers 401 and says how to authenticate', async () => {
    const response = await h.api('').get(`/api/projects/${shared}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.message).toBe('send an API key as "Authorization: Bearer <key>"');
  });

  test('a call with an unknown key answers 401', async () => {
    const response = await h.api('not-a-key-we-know-of-0000').get(`/api/projects/${shared}`);
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('unknown API key');
  });

  test('the catalogue and the OpenAPI document need no key', async () => {
    expect((await h.api('').get('/api/catalogue')).status).toBe(200);
    expect((await h.api('').get('/api/openapi.json')).status).toBe(200);
  });

  test('a viewer may read but not create a project or submit a deliverable (403)', async () => {
    expect((await h.api(VIEWER_KEY).get(`/api/projects/${shared}`)).status).toBe(200);
    const create = await h
      .api(VIEWER_KEY)
      .post('/api/projects')
      .send(sampleProject(uniqueId('viewer')));
    expect(create.status).toBe(403);
    expect(create.body.message).toBe('this needs one of the roles officer, operator');
    const submitted = await h
      .api(VIEWER_KEY)
      .post(`/api/projects/${shared}/submissions/circular-need`)
      .send(sampleNeed);
    expect(submitted.status).toBe(403);
  });

  test('nobody decides for someone else (403), even when the other is an approver', async () => {
    const response = await decide(h, shared, bram.email, { decision: 'approve', approver: chloe.email });
    expect(response.status).toBe(403);
    expect(response.body.message).toBe(
      `you may only decide for yourself (${bram.email}), not for ${chloe.email}`,
    );
    const project = await h.api().get(`/api/projects/${shared}`);
    expect(project.body.pendingApprovers).toEqual([bram.email, chloe.email]);
  });

  test('someone who is not an approver of the round may neither decide nor delegate (403)', async () => {
    const decided = await decide(h, shared, ilse.email);
    expect(decided.status).toBe(403);
    expect(decided.body.message).toBe(`${ilse.email} is not an approver in round 1`);
    const delegated = await h
      .api(keyOf(ilse.email))
      .post(`/api/projects/${shared}/delegations`)
      .send({ to: chloe });
    expect(delegated.status).toBe(403);
  });
});

describe('updates the workflow rejects', () => {
  test('a deliverable for another gate answers 409 with the reason', async () => {
    const response = await h
      .api()
      .post(`/api/projects/${shared}/submissions/award`)
      .send(sampleDeliverable('award') as object);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe(
      'the project expects the "circular-need" deliverable now, not "award"',
    );
  });

  test('a decision on a closed round answers 409', async () => {
    const id = uniqueId('closed-round');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await decide(h, id, bram.email, { decision: 'reject', comment: 'no inventory of the depot' });
    const response = await decide(h, id, chloe.email, {
      gate: 'circular-need',
      round: 1,
      decision: 'approve',
    });
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('round 1 is closed (rejected)');
  });

  test('steps 5 and 6 are refused during the preparation (409)', async () => {
    const review = await h
      .api()
      .post(`/api/projects/${shared}/reviews`)
      .send({ momentId: 'kick-off', performance: 'fine' });
    expect(review.status).toBe(409);
    expect(review.body.message).toBe('reviews are recorded during use and execution (step 5)');
    const ending = await h.api().post(`/api/projects/${shared}/end-of-use`).send({ reason: 'broken chairs' });
    expect(ending.status).toBe(409);
    const rfi = await h
      .api()
      .post(`/api/projects/${shared}/rfi`)
      .send({ closesOn: daysFromNow(10), description: 'RFI' });
    expect(rfi.status).toBe(409);
    expect(rfi.body.message).toBe('an RFI can be scheduled during the market dialogue only');
  });

  test('input the workflow finds invalid answers 422 with the reason', async () => {
    const id = uniqueId('invalid');
    await createProject(h, id);
    await advanceTo(h, id, 'market-dialogue');
    const response = await h
      .api()
      .post(`/api/projects/${id}/rfi`)
      .send({ closesOn: daysFromNow(-3), description: 'RFI on furniture-as-a-service' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      error: 'Unprocessable Content',
      message: 'closesOn: the closing date is in the past',
    });
  });

  test('a decision on a finished project answers 409', async () => {
    const id = uniqueId('finished');
    await createProject(h, id);
    await h.api().post(`/api/projects/${id}/cancel`).send({ reason: 'no budget this year' });
    await h.client.workflow.getHandle(`procurement-${id}`).result();
    const response = await decide(h, id, bram.email);
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/^the project is closed \(completed\)|the project is cancelled$/);
    const cancelAgain = await h.api().post(`/api/projects/${id}/cancel`).send({ reason: 'still no budget' });
    expect(cancelAgain.status).toBe(409);
    const again = await h.api().post('/api/projects').send(sampleProject(id));
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('a project with this id already exists');
  });
});

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1 and lists every route with its parameters and request schema', async () => {
    const response = await h.api('').get('/api/openapi.json');
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = createProjectRoutes({ client: h.client, config: h.config });
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method];
      expect(operation).toMatchObject({ operationId: route.operationId });
      const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      for (const name of pathParams)
        expect(operation.parameters).toContainEqual(
          expect.objectContaining({ name, in: 'path', required: true }),
        );
      if (route.input.body) {
        const schema = operation.requestBody.content['application/json'].schema;
        const documented = schema.properties ?? schema.anyOf ?? schema.oneOf ?? schema.allOf;
        expect(Object.keys(documented ?? {}).length).toBeGreaterThan(0);
      }
      if (route.access !== 'public') expect(operation.responses['401']).toBeDefined();
    }
  });

  test('documents the request schemas field by field, including each gate deliverable', async () => {
    const document = (await h.api('').get('/api/openapi.json')).body;
    const create = document.paths['/api/projects'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(
      expect.arrayContaining(['id', 'title', 'organisation', 'productGroup', 'requester', 'approvers']),
    );
    const list = document.paths['/api/projects'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(
      expect.arrayContaining(['step', 'status', 'productGroup', 'organisation', 'pendingApprover']),
    );
    const submission =
      document.paths['/api/projects/{id}/submissions/{gate}'].post.requestBody.content['application/json']
        .schema;
    const text = JSON.stringify(submission);
    for (const field of [
      'functionalNeed',
      'objectives',
      'dialogues',
      'awardCriteria',
      'contractEnd',
      'items',
      'lessons',
    ])
      expect(text).toContain(`"${field}"`);
  });
});
