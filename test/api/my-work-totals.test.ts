/**
 * My work's section totals ("10 of N") against the dev server's visibility: a section that has
 * more projects than it lists asks for a count, and that count goes through the counts cache like
 * the portfolio's, while the list itself is read afresh on every load. The rows are projects as
 * visibility sees them: `procurementWorkflow` runs started with the search attributes a project in
 * step 1 has, on a task queue no worker polls (a list or a count reads the same rows either way,
 * and twenty real projects would only make the file slower).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { createTemporalCalls } from '../../api/temporal-calls';
import { SHOWN, loadMyWork, myWorkQueries } from '../../api/workspace/my-work';
import { type CountsCache, createCountsCache } from '../../api/projects/counts-cache';
import { formatDate, parseDate } from '../../domain/follow-up';
import { workflowIdFor } from '../../domain/project';
import {
  LastChangedOn,
  Organisation,
  Participants,
  ProcurementStatus,
  ProcurementStep,
} from '../../domain/search-attributes';
import { devServerEnvironment, eventually } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';

const organisation = `Stad Totaal ${uniqueId('totals')}`;
const caller = { email: `${uniqueId('tom')}@totaal.example`.toLowerCase(), organisations: [organisation] };
const horizons = { contractEndLeadDays: 180, reviewDueDays: 14, recentDays: 7 };
const idleQueue = `my-work-totals-idle-${uniqueId('queue')}`;
// One moment for every query of the file: the sections' day horizons never move under a test.
const nowMs = Date.now();
const today = parseDate(formatDate(new Date(nowMs)));

let env: TestWorkflowEnvironment;
const started: WorkflowHandle[] = [];

/** Starts `n` step-1 projects of the organisation, changed today; resolves with their ids. */
async function seed(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => uniqueId('totals-project'));
  for (const id of ids) {
    started.push(
      await env.client.workflow.start('procurementWorkflow', {
        taskQueue: idleQueue,
        workflowId: workflowIdFor(id),
        args: [],
        typedSearchAttributes: [
          { key: ProcurementStep, value: 'circular-need' },
          { key: ProcurementStatus, value: 'awaiting-submission' },
          { key: Organisation, value: organisation },
          { key: Participants, value: [caller.email] },
          { key: LastChangedOn, value: today },
        ],
        memo: { title: `Totals ${id}` },
      }),
    );
  }
  return ids;
}

const recentQuery = myWorkQueries(caller, horizons, nowMs).sections.recent;

/** Waits until visibility counts `n` recently changed projects of the organisation. */
async function visible(n: number): Promise<void> {
  await eventually(async () => (await env.client.workflow.count(recentQuery)).count === n, 30_000);
}

function load(cache: CountsCache) {
  return loadMyWork(env.client, createTemporalCalls(env.client, 10_000), caller, horizons, nowMs, cache);
}

beforeAll(async () => {
  env = await devServerEnvironment();
  await seed(SHOWN + 2);
  await visible(SHOWN + 2);
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((handle) => handle.terminate('test over').catch(() => undefined)));
  await env?.teardown();
});

test("a section's total beyond the projects it lists is a cached count; its list is read afresh", async () => {
  const cache = createCountsCache({ ttlSeconds: 300 });
  const first = await load(cache);
  expect(first.sections.recent.projects).toHaveLength(SHOWN);
  expect(first.sections.recent.count).toBe(SHOWN + 2);

  const added = await seed(3);
  await visible(SHOWN + 5);

  const second = await load(cache);
  // The list follows visibility at once: the newest projects come first...
  const listed = second.sections.recent.projects.map((project) => project.id);
  expect(listed).toEqual(expect.arrayContaining(added));
  // ...while its total is the count made for the first load.
  expect(second.sections.recent.count).toBe(SHOWN + 2);
  // Without the cache the same load counts afresh.
  expect((await load(createCountsCache({ ttlSeconds: 0 }))).sections.recent.count).toBe(SHOWN + 5);
});

test('a cached total never says fewer projects than the section lists', async () => {
  const cache = createCountsCache({ ttlSeconds: 300 });
  // An entry made when the section held three projects, as a load a moment earlier would have left it.
  await cache.counted({ query: recentQuery, counting: 'matching' }, () => Promise.resolve(3));
  const work = await load(cache);
  expect(work.sections.recent.projects).toHaveLength(SHOWN);
  expect(work.sections.recent.count).toBe(SHOWN);
});
