/**
 * The project list fetches one page of the size asked for, and the next page through the cursor
 * it returns, against real Temporal visibility (eventually consistent: new projects are waited for).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { sampleProject } from '../../dev/sample-project';
import { createProject, uniqueId } from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
/** Five projects of a product group no other test uses. */
let productGroup: string;
let created: string[];

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env });
  productGroup = uniqueId('paging');
  created = [];
  for (let i = 0; i < 5; i++) {
    const id = uniqueId(`page-${i}`);
    await createProject(h, id, { productGroup });
    created.push(id);
  }
  await eventually(async () => {
    const all = await h.api().get(`/api/projects?productGroup=${productGroup}&limit=200`);
    return all.body.items?.length === 5;
  });
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const page = (query: string) => h.api().get(`/api/projects?productGroup=${productGroup}&${query}`);

test('five projects come in three pages of at most two, each once, with no cursor after the last', async () => {
  const first = await page('limit=2');
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(2);
  expect(first.body.nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));

  const second = await page(`limit=2&cursor=${first.body.nextCursor}`);
  expect(second.body.items).toHaveLength(2);
  expect(second.body.nextCursor).toEqual(expect.any(String));

  const third = await page(`limit=2&cursor=${second.body.nextCursor}`);
  expect(third.body.items).toHaveLength(1);
  expect(third.body.nextCursor).toBeNull();

  const ids = [first, second, third].flatMap((response) =>
    (response.body.items as { id: string }[]).map((item) => item.id),
  );
  expect([...ids].sort()).toEqual([...created].sort());
});

test('running projects come newest first', async () => {
  const all = await page('limit=5');
  const started = (all.body.items as { startedAt: string }[]).map((item) => item.startedAt);
  expect(started).toEqual([...started].sort().reverse());
  expect((all.body.items as { id: string }[]).map((item) => item.id)).toEqual([...created].reverse());
});

test('a cursor only works with the filters it came with (400 otherwise)', async () => {
  const first = await page('limit=2');
  const otherFilters = await h
    .api()
    .get(
      `/api/projects?productGroup=${productGroup}&step=circular-need&limit=2&cursor=${first.body.nextCursor}`,
    );
  expect(otherFilters.status).toBe(400);
  expect(otherFilters.body.problems).toEqual([
    'query.cursor: is not a cursor of this list (it was altered, or the filters changed)',
  ]);
});

test.each([
  ['a made-up cursor', 'bm90LWEtY3Vyc29y'],
  ['a cursor that is not base64url', 'abc%2Bdef'],
  ['a cursor with a control character', 'abc%00'],
  ['an empty cursor', ''],
])('%s answers 400 naming the cursor', async (_what, cursor) => {
  const response = await page(`cursor=${cursor}`);
  expect(response.status).toBe(400);
  expect(response.body.problems).toEqual([expect.stringMatching(/^query\.cursor: /)]);
});

test('a page item says what the list shows of a project', async () => {
  const [item] = (await page('limit=1')).body.items;
  expect(item).toEqual({
    id: created.at(-1),
    workflowId: `procurement-${created.at(-1)}`,
    // The memo's title, read without the SDK's decoding of every memo field.
    title: sampleProject('any').title,
    step: 'circular-need',
    status: 'awaiting-submission',
    productGroup,
    organisation: 'Stad Gent',
    pendingApprovers: [],
    startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    running: true,
  });
});
