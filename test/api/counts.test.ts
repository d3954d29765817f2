/**
 * GET /api/projects/counts against the real dev server's visibility: per step and per status the
 * counts are what the list pages through for the same filters, within the caller's scope. Projects
 * of an organisation of this file only, so other test files' projects never count.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { projectCounts } from '../../api/projects/responses';
import type { ApiKeyEntry } from '../../config/config';
import { STEP_IDS } from '../../domain/catalogue';
import { PROJECT_STATUSES } from '../../domain/project';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { advanceTo, createProject, submit, uniqueId } from '../helpers/project-api';

const organisation = `Stad Telling ${uniqueId('counts')}`;
const ORGANISATION_KEY = 'counts-key-of-the-organisation-001';
const OTHER_KEY = 'counts-key-of-another-organisation-2';
const keys: ApiKeyEntry[] = [
  {
    key: ORGANISATION_KEY,
    name: 'Tine Telling',
    email: 'tine@telling.example',
    roles: ['viewer'],
    organisations: [organisation],
  },
  {
    key: OTHER_KEY,
    name: 'Olaf Elders',
    email: 'olaf@elders.example',
    roles: ['viewer'],
    organisations: [`Elders ${uniqueId('counts')}`],
  },
];
/** What each project is put in: its step and status once visibility has caught up. */
const projects = {
  waiting: { id: uniqueId('count-waiting'), step: 'circular-need', status: 'awaiting-submission' },
  submitted: { id: uniqueId('count-submitted'), step: 'circular-need', status: 'awaiting-approval' },
  cancelled: { id: uniqueId('count-cancelled'), step: 'circular-need', status: 'cancelled' },
  ambitions: {
    id: uniqueId('count-ambitions'),
    step: 'circular-ambitions',
    status: 'awaiting-submission',
  },
} as const;

let env: TestWorkflowEnvironment;
let h: Harness;

interface Summary {
  id: string;
  step: string;
  status: string;
  running: boolean;
}

const list = async (query: string): Promise<Summary[]> => {
  const response = await h.api(ORGANISATION_KEY).get(`/api/projects?limit=200${query}`);
  expect(response.status).toBe(200);
  return response.body.items as Summary[];
};
const counts = async (query = '', key = ORGANISATION_KEY) => {
  const response = await h.api(key).get(`/api/projects/counts?${query}`);
  expect(response.status).toBe(200);
  return projectCounts.parse(response.body);
};

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, extraKeys: keys });
  for (const project of Object.values(projects)) await createProject(h, project.id, { organisation });
  await submit(h, projects.submitted.id, 'circular-need');
  await advanceTo(h, projects.ambitions.id, 'circular-ambitions');
  const cancelled = await h
    .api()
    .post(`/api/projects/${projects.cancelled.id}/cancel`)
    .send({ reason: 'no budget this year' });
  expect(cancelled.status).toBe(202);
  // Visibility is eventually consistent: wait until the list shows every project in its state.
  await eventually(async () => {
    const items = await list('');
    return Object.values(projects).every((project) =>
      items.some(
        (item) =>
          item.id === project.id &&
          item.step === project.step &&
          item.status === project.status &&
          // The status is upserted before the workflow closes: wait for the close too.
          item.running === (project.status !== 'cancelled'),
      ),
    );
  }, 30_000);
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** The counts the list implies: every item of every page of it, per step and per status. */
function tallyOf(items: Summary[]) {
  const of = (keep: (item: Summary) => boolean) => items.filter(keep).length;
  return {
    total: items.length,
    byStep: STEP_IDS.map((step) => ({ step, count: of((item) => item.step === step) })),
    byStatus: PROJECT_STATUSES.map((status) => ({ status, count: of((item) => item.status === status) })),
  };
}

test.each([
  ['no filter', ''],
  ['a step', '&step=circular-need'],
  ['a status', '&status=awaiting-submission'],
  ['a step and a status that no project has together', '&step=market-dialogue&status=cancelled'],
  ['a product group', '&productGroup=office-furniture'],
])('with %s, the counts per step and per status are what the list reports', async (_name, query) => {
  // A count and a list are two visibility reads: compared once both saw the same projects.
  const [listed, counted] = await eventually(async () => {
    const both = [await list(query), await counts(query.slice(1))] as const;
    return both[1].total === both[0].length ? both : undefined;
  });
  expect({ total: counted.total, byStep: counted.byStep, byStatus: counted.byStatus }).toEqual(
    tallyOf(listed),
  );
  expect(counted.query).toContain(organisation);
});

test('the counts say how many projects are in each step and status, finished ones too', async () => {
  const counted = await counts();
  const put = Object.values(projects);
  expect(counted.byStep).toEqual(
    STEP_IDS.map((step) => ({ step, count: put.filter((p) => p.step === step).length })),
  );
  expect(counted.byStatus).toEqual(
    PROJECT_STATUSES.map((status) => ({ status, count: put.filter((p) => p.status === status).length })),
  );
  expect(counted.total).toBe(put.length);
  expect(counted.byStep.map((row) => row.step)).toEqual([...STEP_IDS]);
  expect(counted.byStatus.map((row) => row.status)).toEqual([...PROJECT_STATUSES]);
});

test('the list says which of them run: only the cancelled project does not', async () => {
  const items = await list('');
  expect(Object.fromEntries(items.map((item) => [item.id, item.running]))).toEqual({
    [projects.waiting.id]: true,
    [projects.submitted.id]: true,
    [projects.cancelled.id]: false,
    [projects.ambitions.id]: true,
  });
});

test("another organisation's key counts none of them", async () => {
  const counted = await counts('', OTHER_KEY);
  expect(counted.total).toBe(0);
  expect(counted.byStep.every((row) => row.count === 0)).toBe(true);
  expect(counted.query).not.toContain(organisation);
  // The all-seeing key counts them, so the scope is what keeps them out.
  const all = await h.api().get(`/api/projects/counts?organisation=${encodeURIComponent(organisation)}`);
  expect(all.body.total).toBe(Object.keys(projects).length);
});

test('bad filters answer 400 listing each problem', async () => {
  const response = await h
    .api(ORGANISATION_KEY)
    .get('/api/projects/counts?step=step-9&pendingApprover=nobody&contractEndTo=2026-02-30');
  expect(response.status).toBe(400);
  expect(response.body.problems).toEqual([
    expect.stringMatching(/^query\.step: /),
    expect.stringMatching(/^query\.pendingApprover: /),
    expect.stringMatching(/^query\.contractEndTo: /),
  ]);
});

test('without a key it answers 401', async () => {
  const response = await h.api('').get('/api/projects/counts');
  expect(response.status).toBe(401);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
});
