/**
 * The project list and counts at scale: `GET /api/projects?…&limit=50` against the visibility
 * call underneath it (one ListWorkflowExecutions page of 50 with the same filters: the floor),
 * alternating. Whatever the route does when the bench runs is measured (it is being changed to
 * cursor paging); a counts route is found in the API's own OpenAPI document, and measured against
 * CountWorkflowExecutions, when there is one.
 */
import type { Client } from '@temporalio/client';
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
  loadavg: string;
}

const FILTERS: { name: string; params: Record<string, string>; clauses: string[] }[] = [
  { name: 'all', params: {}, clauses: [] },
  {
    name: 'awaiting submission',
    params: { status: 'awaiting-submission' },
    clauses: [`ProcurementStatus = 'awaiting-submission'`],
  },
  {
    name: 'in step 5',
    params: { step: 'use-and-execution' },
    clauses: [`ProcurementStep = 'use-and-execution'`],
  },
];

/** The visibility query the route runs for these filters (kept here: the route is being changed). */
function visibilityQuery(clauses: string[]): string {
  return [`WorkflowType = 'procurementWorkflow'`, `ExecutionStatus != 'ContinuedAsNew'`, ...clauses].join(
    ' AND ',
  );
}

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

export async function measureLists(
  stack: BenchStack,
  client: Client,
  namespace: string,
  iterations: number,
): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  for (const filter of FILTERS) {
    const query = visibilityQuery(filter.clauses);
    const matching = await client.workflow.count(query);
    const path = `/api/projects?${new URLSearchParams({ ...filter.params, limit: '50' }).toString()}`;
    const route: number[] = [];
    const floor: number[] = [];
    let items = 0;
    for (let i = 0; i < iterations; i++) {
      await timed(async () => {
        const response = await apiCall(stack, OFFICER_KEY, 'GET', path);
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
        items = Array.isArray(response.body.items) ? response.body.items.length : 0;
      }, route);
      await timed(
        () => client.workflowService.listWorkflowExecutions({ namespace, pageSize: 50, query }),
        floor,
      );
    }
    rows.push({
      request: `GET ${path} (${filter.name})`,
      matching: matching.count,
      items,
      route: summarize(route),
      floor: summarize(floor),
      floorCall: 'ListWorkflowExecutions, page of 50',
      loadavg: loadAverage(),
    });
  }
  // Without a counts route the floor alone is measured: what a count would cost underneath.
  const countPaths = await countRoutes(stack);
  for (const countPath of countPaths.length > 0 ? countPaths : [undefined]) {
    const route: number[] = [];
    const floor: number[] = [];
    const query = visibilityQuery([]);
    for (let i = 0; i < iterations; i++) {
      if (countPath) {
        await timed(async () => {
          const response = await apiCall(stack, OFFICER_KEY, 'GET', countPath);
          if (response.status !== 200) throw new Error(`GET ${countPath}: ${response.status}`);
        }, route);
      }
      await timed(() => client.workflow.count(query), floor);
    }
    rows.push({
      request: countPath ? `GET ${countPath}` : 'counts (no counts route in the API when the bench ran)',
      matching: (await client.workflow.count(query)).count,
      items: 0,
      route: summarize(route),
      floor: summarize(floor),
      floorCall: 'CountWorkflowExecutions',
      loadavg: loadAverage(),
    });
  }
  return rows;
}
