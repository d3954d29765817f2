/**
 * The counts cache over real HTTP on the dev server: two apps on one server, one with
 * COUNTS_CACHE_SECONDS long enough to outlast the file (300) and one with it off (0, the harness's
 * default). A project created between two requests for the same counts is not counted by the
 * cached app (the same `countedAt`, the same totals) but is by a fresh key (other filters, another
 * scope) and by the app without the cache. My work's portfolio goes through the same cache; its
 * sections' lists never do (their totals: test/api/my-work-totals.test.ts). Expiry is tested
 * without sleeping in test/api/counts-cache.test.ts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { projectCounts } from '../../api/projects/responses';
import type { ApiKeyEntry } from '../../config/config';
import { stepLabel } from '../../domain/catalogue';
import {
  type Harness,
  devServerEnvironment,
  eventually,
  startHarness,
  stopFileHarness,
} from '../helpers/harness';
import { createProject, uniqueId } from '../helpers/project-api';
import { type WorkspaceSession, signInOverHttp } from '../helpers/workspace-http';

const CACHE_SECONDS = 300;
const cachedOrganisation = `Stad Bewaard ${uniqueId('cached')}`;
const freshOrganisation = `Stad Vers ${uniqueId('fresh')}`;
const ORGANISATION_KEY = 'counts-cached-key-of-one-organisation';
const keys: ApiKeyEntry[] = [
  {
    key: ORGANISATION_KEY,
    name: 'Bart Bewaard',
    email: 'bart@bewaard.example',
    roles: ['viewer'],
    organisations: [cachedOrganisation],
  },
];
const reader = {
  email: `${uniqueId('rita')}@bewaard.example`.toLowerCase(),
  name: 'Rita Reader',
  organisations: [cachedOrganisation],
  roles: ['viewer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};

let env: TestWorkflowEnvironment;
let cached: Harness;
let fresh: Harness;
let readerSession: WorkspaceSession;

async function counts(h: Harness, filters: Record<string, string>, key?: string) {
  const response = await h.api(key).get(`/api/projects/counts?${new URLSearchParams(filters).toString()}`);
  expect(response.status).toBe(200);
  return { body: projectCounts.parse(response.body), headers: response.headers };
}

/** Waits until the (never cached) list shows `ids` for these filters: visibility has them. */
async function listed(h: Harness, filters: Record<string, string>, ids: string[]): Promise<void> {
  await eventually(async () => {
    const query = new URLSearchParams({ ...filters, limit: '200' }).toString();
    const response = await h.api().get(`/api/projects?${query}`);
    const shown = (response.body.items as { id: string }[]).map((item) => item.id);
    return ids.every((id) => shown.includes(id));
  }, 30_000);
}

/** The number in a portfolio table's row of My work. */
const rowCount = (html: string, label: string): number =>
  Number(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`).exec(html)?.[1]);

beforeAll(async () => {
  env = await devServerEnvironment();
  cached = await startHarness({
    env,
    extraKeys: keys,
    configEnv: { COUNTS_CACHE_SECONDS: String(CACHE_SECONDS), PEOPLE: JSON.stringify([reader]) },
  });
  fresh = await startHarness({ env });
  const first = uniqueId('cached-first');
  await createProject(cached, first, { organisation: cachedOrganisation });
  await listed(cached, { organisation: cachedOrganisation }, [first]);
  readerSession = await signInOverHttp(cached, reader.email);
}, 180_000);
afterAll(async () => {
  await fresh?.close();
  await stopFileHarness(cached, env);
});

test('with the cache on, a project created between two requests is not counted until a fresh key', async () => {
  const filters = { organisation: cachedOrganisation };
  const before = await counts(cached, filters);
  expect(before.body.total).toBe(1);
  expect(before.headers['cache-control']).toBe(`private, max-age=${CACHE_SECONDS}`);
  expect(Number(before.headers.age)).toBeGreaterThanOrEqual(0);
  expect(Number(before.headers.age)).toBeLessThanOrEqual(CACHE_SECONDS);
  expect(Date.parse(before.body.countedAt)).toBeLessThanOrEqual(Date.now());

  const second = uniqueId('cached-second');
  await createProject(cached, second, { organisation: cachedOrganisation });
  await listed(cached, { ...filters, step: 'circular-need' }, [second]);

  // Within the TTL the same counts answer: made once, at the same time.
  const after = await counts(cached, filters);
  expect(after.body).toEqual(before.body);
  // Other filters are other counts, made now: they see the new project.
  const inStepOne = await counts(cached, { ...filters, step: 'circular-need' });
  expect(inStepOne.body.total).toBe(2);
  expect(Date.parse(inStepOne.body.countedAt)).toBeGreaterThanOrEqual(Date.parse(before.body.countedAt));
  // Another scope is another key, even with the same filters: never the all-seeing key's entry.
  const scoped = await counts(cached, filters, ORGANISATION_KEY);
  expect(scoped.body.total).toBe(2);
  expect(scoped.body.query).not.toBe(before.body.query);
});

test('with the cache off, a project created between two requests is counted, never kept', async () => {
  const filters = { organisation: freshOrganisation };
  const before = await counts(fresh, filters);
  expect(before.body.total).toBe(0);
  expect(before.headers['cache-control']).toBe('no-store');
  expect(before.headers.age).toBeUndefined();

  await createProject(fresh, uniqueId('fresh'), { organisation: freshOrganisation });
  const after = await eventually(async () => {
    const answer = await counts(fresh, filters);
    return answer.body.total === 1 ? answer : undefined;
  });
  expect(Date.parse(after.body.countedAt)).toBeGreaterThan(Date.parse(before.body.countedAt));
});

test('the OpenAPI document says how old the counts may be, and why', async () => {
  const description = async (h: Harness) => {
    const document = await h.api().get('/api/openapi.json');
    return document.body.paths['/api/projects/counts'].get.description as string;
  };
  expect(await description(cached)).toContain(`up to ${CACHE_SECONDS} s old`);
  expect(await description(cached)).toMatch(/share one counting/);
  expect(await description(fresh)).toContain('Every request counts afresh');
});

test("My work's portfolio counts come from the cache; its sections are read afresh", async () => {
  const inStepOne = stepLabel('circular-need', 'en');
  const first = await (await readerSession.get('/work')).text();
  const portfolioBefore = rowCount(first, inStepOne);
  expect(portfolioBefore).toBeGreaterThanOrEqual(1);

  const added = uniqueId('cached-my-work');
  await createProject(cached, added, { organisation: cachedOrganisation });
  // The sections follow visibility: the new project shows in the recently changed ones...
  const page = await eventually(async () => {
    const html = await (await readerSession.get('/work')).text();
    return html.includes(added) ? html : undefined;
  }, 30_000);
  // ...while the portfolio's counts are those made for an earlier page.
  expect(rowCount(page, inStepOne)).toBe(portfolioBefore);
  // Counted now (a key no request used yet), step 1 of the same scope holds more running projects
  // than the portfolio says: the portfolio did not count afresh.
  const counted = await counts(
    cached,
    { step: 'circular-need', status: 'awaiting-submission' },
    ORGANISATION_KEY,
  );
  expect(counted.body.total).toBeGreaterThan(portfolioBefore);
});
