/**
 * Counting projects per step and per status from Temporal visibility: GET /api/projects/counts
 * (the list's filters and scope) and the portfolio of My work (api/workspace/my-work.ts) share it.
 *
 * One count per step and one per status, all at once; a step or a status that the filters fix
 * needs no call of its own (that one is the total, the others are 0), and the total is the sum
 * of the steps. One call grouped by step or by status
 * would answer them all, but SQL visibility (the dev server's SQLite; PostgreSQL and MySQL alike)
 * refuses it: "'GROUP BY' clause is not supported for search attribute ProcurementStep" (Temporal
 * CLI 1.9.1, server 1.32). It does group by ExecutionStatus, which would say how many of each
 * count still run, but a grouped count cost 4 to 10 times a plain one on the dev server at 5,000
 * projects (p50 19 vs 7 ms for all, 41 vs 4 ms for one step): cheaper to count running projects
 * with a query of their own where they are wanted (My work).
 *
 * Fifteen counts at once is a burst for Temporal's visibility rate limit per namespace
 * (`frontend.namespaceRPS.visibility`; the dev server answers about 100 calls a second): past it a
 * call is refused with RESOURCE_EXHAUSTED and the SDK retries it after about 2 s (README, production).
 * The route and My work therefore keep counts for COUNTS_CACHE_SECONDS and share a counting under
 * way (counts-cache.ts); `countProjects` itself never caches (the bench measures it cold).
 */
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import { STEP_IDS, type StepId } from '../../domain/catalogue';
import { PROJECT_STATUSES, type ProjectStatus } from '../../domain/project';
import { ProcurementStatus, ProcurementStep } from '../../domain/search-attributes';
import { quote } from '../project-scope';
import { route } from '../routes';
import type { TemporalCalls } from '../temporal-calls';
import { listFilters, listQueryText } from './list';
import { projectCounts } from './responses';
import type { ProjectRouteDependencies } from './shared';

export type ProjectCounts = Omit<z.output<typeof projectCounts>, 'query' | 'countedAt'>;

/** How many projects match `query`: one CountWorkflowExecutions. */
export async function countMatching(client: Client, calls: TemporalCalls, query: string): Promise<number> {
  return (await calls.within(() => client.workflow.count(query), 'count')).count;
}

export interface CountOptions {
  /** The steps and statuses to count (every one by default). */
  steps?: readonly StepId[];
  statuses?: readonly ProjectStatus[];
  /** A step or status that the query already fixes: its count is the total, the others' 0. */
  fixed?: { step?: StepId | undefined; status?: ProjectStatus | undefined };
}

/**
 * The projects of `query` per step and per status, all counted at once. A step or status the
 * query fixes is counted once, with `query` itself, however many lists need it.
 */
export async function countByStepAndStatus(
  client: Client,
  calls: TemporalCalls,
  query: string,
  { steps = STEP_IDS, statuses = PROJECT_STATUSES, fixed = {} }: CountOptions = {},
): Promise<Pick<ProjectCounts, 'byStep' | 'byStatus'>> {
  let matching: Promise<number> | undefined;
  const total = () => (matching ??= countMatching(client, calls, query));
  const per = async (attribute: string, value: string, fixedValue: string | undefined) =>
    fixedValue === undefined
      ? countMatching(client, calls, `${query} AND ${attribute} = ${quote(value)}`)
      : value === fixedValue
        ? total()
        : 0;
  const [byStep, byStatus] = await Promise.all([
    Promise.all(
      steps.map(async (step) => ({ step, count: await per(ProcurementStep.name, step, fixed.step) })),
    ),
    Promise.all(
      statuses.map(async (status) => ({
        status,
        count: await per(ProcurementStatus.name, status, fixed.status),
      })),
    ),
  ]);
  return { byStep, byStatus };
}

/**
 * The projects of `query` in total, per step and per status: the counts route's answer. Every
 * project is in exactly one step, so the total is the sum of the steps, not a count of its own
 * (the count of every match was the costliest of the route's calls).
 */
export async function countProjects(
  client: Client,
  calls: TemporalCalls,
  query: string,
  options: Pick<CountOptions, 'fixed'> = {},
): Promise<ProjectCounts> {
  const counts = await countByStepAndStatus(client, calls, query, options);
  return { total: counts.byStep.reduce((sum, { count }) => sum + count, 0), ...counts };
}

export function countProjectsRoute({ client, calls, countsCache }: ProjectRouteDependencies) {
  const { ttlSeconds } = countsCache;
  const freshness =
    ttlSeconds > 0
      ? `Counts may be up to ${ttlSeconds} s old (\`countedAt\` says when they were made): one answer is about fifteen visibility counts, one per step and per status (SQL visibility cannot group by a search attribute), so requests for the same counts within ${ttlSeconds} s share one counting, and requests while it runs wait for it instead of counting again. The cache is per scope and filters, never shared between callers who see different projects.`
      : 'Every request counts afresh (`COUNTS_CACHE_SECONDS` is 0).';
  return route({
    operationId: 'countProjects',
    method: 'get',
    path: '/api/projects/counts',
    tag: 'projects',
    summary: 'How many projects there are per step and per status (Temporal visibility)',
    description: `The filters and the scope of \`GET /api/projects\`: the counts of what that list pages through. Visibility is eventually consistent: a project started or changed a moment ago may not be counted yet. ${freshness}`,
    access: 'any',
    temporal: 'list',
    input: { query: listFilters },
    responses: {
      200: { description: 'The totals, per step and per status.', schema: projectCounts },
      400: { description: 'A filter is invalid.' },
    },
    async handle({ input, principal, res }) {
      const query = listQueryText(input.query, principal);
      const fixed = { step: input.query.step, status: input.query.status };
      const { counts, countedAt } = await countsCache.counted({ query, counting: { fixed } }, () =>
        countProjects(client, calls, query, { fixed }),
      );
      const answer: z.output<typeof projectCounts> = { ...counts, query, countedAt: countedAt.toISOString() };
      res.set(cacheHeaders(ttlSeconds, countedAt, Date.now()));
      res.json(answer);
    },
  });
}

/**
 * A browser may keep the answer as long as the server would (private: it depends on the caller's
 * scope); `Age` tells it how much of that has passed already, so its copy is never older than the TTL.
 */
function cacheHeaders(ttlSeconds: number, countedAt: Date, nowMs: number): Record<string, string> {
  if (ttlSeconds === 0) return { 'Cache-Control': 'no-store' };
  const ageSeconds = Math.max(0, Math.floor((nowMs - countedAt.getTime()) / 1_000));
  return { 'Cache-Control': `private, max-age=${ttlSeconds}`, Age: String(ageSeconds) };
}
