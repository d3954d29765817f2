/**
 * The project list and its counts at scale, each request against the visibility call underneath
 * it with the same query (the floor), alternating which goes first so that neither always meets a
 * warm cache:
 * - `GET /api/projects?…&limit=50` against one ListWorkflowExecutions page of 50;
 * - `GET /api/projects/counts?…` (found in the API's own OpenAPI document) against one
 *   CountWorkflowExecutions. The route serves counts cached up to COUNTS_CACHE_SECONDS
 *   (api/projects/counts-cache.ts), so after the warm-up its samples are mostly cache hits. A miss
 *   makes one count per step and per status (SQL visibility groups by nothing but ExecutionStatus,
 *   see api/projects/counts.ts): the row also says what those calls cost made at once in this
 *   process, without HTTP and without the cache (`countsInProcess`, the cold fan-out each miss pays).
 * - My work's data (loadMyWork: its sections fresh, its counts through a cache like the app's) in
 *   this process, against one CountWorkflowExecutions of the running projects.
 * The filters are the list's own; the query is built by the route's code (listQueryText).
 */
import type { Client } from '@temporalio/client';
import { countProjects } from '../api/projects/counts';
import { createCountsCache } from '../api/projects/counts-cache';
import { type ListFilters, listQueryText } from '../api/projects/list';
import { type TemporalCalls, createTemporalCalls } from '../api/temporal-calls';
import { loadMyWork, myWorkQueries } from '../api/workspace/my-work';
import { OFFICER_KEY } from '../test/helpers/harness';
import { type BenchStack, apiCall } from './stack';
import { type Summary, loadAverage, summarize } from './support';

export interface ListRow {
  request: string;
  matching: number;
  items: number;
  route: Summary;
  floor: Summary;
  floorCall: string;
  /** Counts only: the route's visibility calls, made at once in this process, uncached (a cache miss). */
  countsInProcess?: Summary;
  loadavg: string;
}

const FILTERS: { name: string; filters: ListFilters }[] = [
  { name: 'all', filters: {} },
  { name: 'awaiting submission', filters: { status: 'awaiting-submission' } },
  { name: 'in step 5', filters: { step: 'use-and-execution' } },
];
/** The bench's key sees every organisation: no scope clause, as the floor has none. */
const EVERY_ORGANISATION = { email: 'bench@bench.example', organisations: '*' as const };
/** Requests before the measured ones (connections, caches, JIT). */
const WARM_UP = 3;

/** GET paths of the API that count projects, from its OpenAPI document. */
async function countRoutes(stack: BenchStack): Promise<string[]> {
  const document = await apiCall(stack, OFFICER_KEY, 'GET', '/api/openapi.json');
  const paths = (document.body.paths ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .filter(([p, methods]) => /count/i.test(p) && !p.includes('{') && methods.get)
    .map(([p]) => p);
}

async function timed(call: () => Promise<unknown>, samples: number[]): Promise<void> {
  const started = performance.now();
  await call();
  samples.push(performance.now() - started);
}

/** Runs each call `iterations` times after a warm-up, in turns, the first going first every other time. */
async function alternating(calls: (() => Promise<unknown>)[], iterations: number): Promise<Summary[]> {
  const samples = calls.map((): number[] => []);
  for (let i = 0; i < WARM_UP + iterations; i++) {
    const order = calls.map((_, index) => index);
    if (i % 2 === 1) order.reverse();
    for (const index of order) {
      const kept = i >= WARM_UP ? (samples[index] as number[]) : [];
      await timed(calls[index] as () => Promise<unknown>, kept);
    }
  }
  return samples.map(summarize);
}

async function getOk(stack: BenchStack, path: string) {
  const response = await apiCall(stack, OFFICER_KEY, 'GET', path);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return response.body;
}

export async function measureLists(
  stack: BenchStack,
  client: Client,
  namespace: string,
  iterations: number,
): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  const params = (filters: ListFilters, extra: Record<string, string> = {}) =>
    new URLSearchParams({ ...(filters as Record<string, string>), ...extra }).toString();
  for (const { name, filters } of FILTERS) {
    const query = listQueryText(filters, EVERY_ORGANISATION);
    const matching = (await client.workflow.count(query)).count;
    const path = `/api/projects?${params(filters, { limit: '50' })}`;
    let items = 0;
    const [route, floor] = await alternating(
      [
        async () => {
          const body = await getOk(stack, path);
          items = Array.isArray(body.items) ? body.items.length : 0;
        },
        () => client.workflowService.listWorkflowExecutions({ namespace, pageSize: 50, query }),
      ],
      iterations,
    );
    rows.push({
      request: `GET ${path} (${name})`,
      matching,
      items,
      route: route as Summary,
      floor: floor as Summary,
      floorCall: 'ListWorkflowExecutions, page of 50',
      loadavg: loadAverage(),
    });
  }
  const countPaths = await countRoutes(stack);
  if (countPaths.length === 0) {
    // Without a counts route the floor alone is measured: what a count would cost underneath.
    const query = listQueryText({}, EVERY_ORGANISATION);
    const [floor] = await alternating([() => client.workflow.count(query)], iterations);
    rows.push({
      request: 'counts (no counts route in the API when the bench ran)',
      matching: (await client.workflow.count(query)).count,
      items: 0,
      route: summarize([]),
      floor: floor as Summary,
      floorCall: 'CountWorkflowExecutions',
      loadavg: loadAverage(),
    });
  }
  const calls = createTemporalCalls(client, 30_000);
  for (const countPath of countPaths) {
    for (const { name, filters } of FILTERS) {
      const query = listQueryText(filters, EVERY_ORGANISATION);
      const path = [countPath, params(filters)].filter(Boolean).join('?');
      const fixed = { step: filters.step, status: filters.status };
      const [route, floor, inProcess] = await alternating(
        [
          () => getOk(stack, path),
          () => client.workflow.count(query),
          () => countProjects(client, calls, query, { fixed }),
        ],
        iterations,
      );
      rows.push({
        request: `GET ${path} (${name}; counts cached up to ${stack.config.api.countsCacheSeconds} s)`,
        matching: (await client.workflow.count(query)).count,
        items: 0,
        route: route as Summary,
        floor: floor as Summary,
        floorCall: 'CountWorkflowExecutions',
        countsInProcess: inProcess,
        loadavg: loadAverage(),
      });
    }
  }
  rows.push(await measureMyWork(stack, client, calls, iterations));
  return rows;
}

/**
 * My work's data for someone who sees every organisation, read in this process (no sign-in, no
 * page): six sections and the portfolio's counts, against one CountWorkflowExecutions of the
 * running projects. The counts go through a cache of the app's TTL (COUNTS_CACHE_SECONDS), as in
 * the app; the sections are read afresh every time.
 */
async function measureMyWork(
  stack: BenchStack,
  client: Client,
  calls: TemporalCalls,
  iterations: number,
): Promise<ListRow> {
  const caller = { email: 'bench-reader@bench.example', organisations: '*' as const };
  const horizons = stack.config.workspace.myWork;
  const queries = myWorkQueries(caller, horizons, Date.now());
  const cacheSeconds = stack.config.api.countsCacheSeconds;
  const countsCache = createCountsCache({ ttlSeconds: cacheSeconds });
  const [route, floor] = await alternating(
    [
      () => loadMyWork(client, calls, caller, horizons, Date.now(), countsCache),
      () => client.workflow.count(queries.portfolio),
    ],
    iterations,
  );
  return {
    request: `My work's sections and counts, in process (loadMyWork; counts cached up to ${cacheSeconds} s)`,
    matching: (await client.workflow.count(queries.portfolio)).count,
    items: 0,
    route: route as Summary,
    floor: floor as Summary,
    floorCall: 'CountWorkflowExecutions',
    loadavg: loadAverage(),
  };
}
