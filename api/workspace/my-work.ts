/**
 * What the "My work" page shows, from Temporal visibility only (search attributes), never by
 * querying the workflows. One call per section and per count, all at once: a section reads its
 * first SHOWN projects and asks for a count only when there are more. The portfolio's running
 * projects per step and per status are counted by the module of GET /api/projects/counts
 * (api/projects/counts.ts, which says why a count cannot answer several at once). The portfolio's
 * counts share that route's cache (api/projects/counts-cache.ts): they may be a few seconds old.
 * So may a section's total when it has more projects than it lists (a count of thousands costs more
 * than the list on SQL visibility), never below what it lists. The sections' lists are never
 * cached: a person who just acted expects their list to follow.
 *
 * Sections: decisions waiting on me (PendingApprovers), deliverables I must submit (Submitters:
 * the requester and the purchasing team), follow-up reviews due (NextReviewDue), rounds past their
 * deadline (RoundPastDeadline), contracts ending within the configured lead (ContractEndDate),
 * recently changed projects (LastChangedOn). The portfolio of the person's scope: running projects
 * per step and per status, purchases avoided, overdue reviews.
 */
import type { Client } from '@temporalio/client';
import type { WorkspaceConfig } from '../../config/workspace-config';
import type { StepId } from '../../domain/catalogue';
import { addDays, formatDate } from '../../domain/follow-up';
import type { ProjectStatus } from '../../domain/project';
import {
  ContractEndDate,
  LastChangedOn,
  NextReviewDue,
  PendingApprovers,
  ProcurementStatus,
  RoundPastDeadline,
  Submitters,
} from '../../domain/search-attributes';
import { type ScopedCaller, quote, scopeClause } from '../project-scope';
import { countByStepAndStatus, countMatching } from '../projects/counts';
import type { CountsCache } from '../projects/counts-cache';
import { type ProjectSummary, readProjectPage } from '../projects/list';
import type { TemporalCalls } from '../temporal-calls';

/** The statuses a running project can have. */
export const RUNNING_STATUSES: ProjectStatus[] = [
  'awaiting-submission',
  'awaiting-approval',
  'changes-requested',
  'in-standstill',
  'in-contract',
];
/** At most this many projects are listed per section (its count says how many there are). */
export const SHOWN = 10;

export const SECTION_IDS = [
  'waiting',
  'submit',
  'reviews',
  'overdue-rounds',
  'contracts-ending',
  'recent',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface WorkSection {
  projects: ProjectSummary[];
  count: number;
}

export interface MyWork {
  sections: Record<SectionId, WorkSection>;
  byStep: { step: StepId; count: number }[];
  byStatus: { status: ProjectStatus; count: number }[];
  purchasesAvoided: number;
  overdueReviews: number;
  /** The horizons the sections used (config), for the page to say. */
  horizons: WorkspaceConfig['myWork'];
}

const PROJECTS = `WorkflowType = 'procurementWorkflow'`;
/**
 * Running is "not closed": the same projects as `ExecutionStatus = 'Running'`, but SQL visibility
 * then reads them through the status index and a count with a search attribute beside it cost 6
 * times as much on the dev server at 5,000 projects (p50 15 vs 2.5 ms per count).
 */
const RUNNING_PROJECTS = `${PROJECTS} AND CloseTime IS NULL`;
/** Finished projects too, each once (a run that continued as new is not the project's end). */
const EVERY_PROJECT = `${PROJECTS} AND ExecutionStatus != 'ContinuedAsNew'`;

/** The visibility query of each section and count; exported so a test can read what is asked. */
export function myWorkQueries(caller: ScopedCaller, horizons: WorkspaceConfig['myWork'], nowMs: number) {
  const scope = scopeClause(caller);
  const scoped = (base: string) => (scope ? `${base} AND ${scope}` : base);
  const today = formatDate(new Date(nowMs));
  const day = (offset: number) => quote(`${addDays(today, offset)}T00:00:00Z`);
  const me = quote(caller.email.toLowerCase());
  const running = scoped(RUNNING_PROJECTS);
  const sections: Record<SectionId, string> = {
    // Being asked to decide or to submit is a part in the project: no organisation clause.
    waiting: `${RUNNING_PROJECTS} AND ${PendingApprovers.name} = ${me}`,
    submit: `${RUNNING_PROJECTS} AND ${Submitters.name} = ${me} AND ${ProcurementStatus.name} IN ('awaiting-submission', 'changes-requested')`,
    reviews: `${running} AND ${NextReviewDue.name} <= ${day(horizons.reviewDueDays)}`,
    'overdue-rounds': `${running} AND ${RoundPastDeadline.name} = true`,
    'contracts-ending': `${running} AND ${ContractEndDate.name} >= ${day(0)} AND ${ContractEndDate.name} <= ${day(horizons.contractEndLeadDays)}`,
    recent: `${scoped(EVERY_PROJECT)} AND ${LastChangedOn.name} >= ${day(-horizons.recentDays)}`,
  };
  return {
    sections,
    /** Counted per step and per running status. */
    portfolio: running,
    purchasesAvoided: `${scoped(EVERY_PROJECT)} AND ${ProcurementStatus.name} = 'purchase-avoided'`,
    overdueReviews: `${running} AND ${NextReviewDue.name} < ${day(0)}`,
  };
}

export async function loadMyWork(
  client: Client,
  calls: TemporalCalls,
  caller: ScopedCaller,
  horizons: WorkspaceConfig['myWork'],
  nowMs: number,
  countsCache: CountsCache,
): Promise<MyWork> {
  const queries = myWorkQueries(caller, horizons, nowMs);
  const count = (query: string) => countMatching(client, calls, query);
  // The query holds the person's scope clause: people who see different projects never share.
  const cached = async <T>(query: string, counting: unknown, counted: () => Promise<T>) =>
    (await countsCache.counted({ query, counting }, counted)).counts;
  const section = async (query: string): Promise<WorkSection> => {
    const page = await readProjectPage(client, calls, query, SHOWN);
    if (!page.nextPageToken) return { projects: page.items, count: page.items.length };
    // The total behind "10 of N" is a count like the portfolio's and may be as old; the list is not.
    const total = await cached(query, 'matching', () => count(query));
    return { projects: page.items, count: Math.max(total, page.items.length) };
  };

  const [sections, portfolio, purchasesAvoided, overdueReviews] = await Promise.all([
    Promise.all(SECTION_IDS.map(async (id) => [id, await section(queries.sections[id])] as const)).then(
      (entries) => Object.fromEntries(entries) as Record<SectionId, WorkSection>,
    ),
    cached(queries.portfolio, { statuses: RUNNING_STATUSES }, () =>
      countByStepAndStatus(client, calls, queries.portfolio, { statuses: RUNNING_STATUSES }),
    ),
    cached(queries.purchasesAvoided, 'matching', () => count(queries.purchasesAvoided)),
    cached(queries.overdueReviews, 'matching', () => count(queries.overdueReviews)),
  ]);
  return { sections, ...portfolio, purchasesAvoided, overdueReviews, horizons };
}
