/**
 * The workspace's project list and its CSV export: the JSON API's filters, query and page reader
 * (api/projects/list.ts), plus sorting. Temporal visibility outside Elasticsearch has one order
 * (running projects first, then newest): that order pages with Temporal's next-page token, as the
 * API does; any other order needs every match, so it reads them all (up to LIST_CAP, in pages of
 * VISIBILITY_PAGE) and pages by number.
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { stepNumber } from '../../domain/catalogue';
import { HttpError } from '../errors';
import {
  type ProjectSummary,
  decodeCursor,
  encodeCursor,
  listQuery,
  listQueryText,
  readProjectPage,
} from '../projects/list';
import type { ScopedCaller } from '../project-scope';
import type { TemporalCalls } from '../temporal-calls';
import { formatIssues } from '../validation';

export const SORTS = ['recent', 'title', 'step', 'contract-end'] as const;
export type ListSort = (typeof SORTS)[number];

/** The most projects a sorted list or an export reads; past it the page and the file say so. */
export const LIST_CAP = 5000;
/** Temporal's largest page of visibility. */
const VISIBILITY_PAGE = 1000;

export const projectListForm = listQuery.extend({
  sort: z.enum(SORTS).default('recent'),
  page: z.coerce.number().int().min(1).max(LIST_CAP).default(1),
  limit: listQuery.shape.limit.default(25),
});
export type ProjectListForm = z.output<typeof projectListForm>;

/**
 * The filters of a GET form: a field left empty is no filter (the form sends `step=`), a
 * repeated field is a problem of its own. Bad input is a 400 listing each problem.
 */
export function parseListForm(query: Record<string, unknown>): ProjectListForm {
  const asked = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  const parsed = projectListForm.safeParse(asked);
  if (!parsed.success)
    throw new HttpError(
      400,
      `the request has ${parsed.error.issues.length} problem(s)`,
      formatIssues('query', parsed.error),
    );
  return parsed.data;
}

export interface ProjectListPage {
  items: ProjectSummary[];
  /** Of the token-paged order: the cursor of the next page. */
  nextCursor?: string;
  /** Of a sorted list: how many matched (at most LIST_CAP) and whether there were more. */
  total?: number;
  capped: boolean;
}

const byTitle = (a: ProjectSummary, b: ProjectSummary) =>
  a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

const COMPARATORS: Record<Exclude<ListSort, 'recent'>, (a: ProjectSummary, b: ProjectSummary) => number> = {
  title: byTitle,
  step: (a, b) => (a.step ? stepNumber(a.step) : 99) - (b.step ? stepNumber(b.step) : 99) || byTitle(a, b),
  // Contracts ending first come first; projects without a contract after them.
  'contract-end': (a, b) =>
    (a.contractEndDate ?? '9999').localeCompare(b.contractEndDate ?? '9999') || byTitle(a, b),
};

/** Every match in the sort asked (up to LIST_CAP): for a sorted list and the export. */
export async function readAllProjects(
  client: Client,
  calls: TemporalCalls,
  form: ProjectListForm,
  caller: ScopedCaller,
): Promise<{ items: ProjectSummary[]; capped: boolean }> {
  const query = listQueryText(form, caller);
  const items: ProjectSummary[] = [];
  let token: Uint8Array | undefined;
  do {
    const page = await readProjectPage(client, calls, query, VISIBILITY_PAGE, token);
    items.push(...page.items);
    token = page.nextPageToken;
  } while (token && items.length < LIST_CAP);
  const capped = items.length > LIST_CAP || token !== undefined;
  const sorted = form.sort === 'recent' ? items : [...items].sort(COMPARATORS[form.sort]);
  return { items: sorted.slice(0, LIST_CAP), capped };
}

/** The page of the list the form asks for. */
export async function readListPage(
  client: Client,
  calls: TemporalCalls,
  form: ProjectListForm,
  caller: ScopedCaller,
): Promise<ProjectListPage> {
  if (form.sort === 'recent') {
    const query = listQueryText(form, caller);
    const token = form.cursor ? decodeCursor(query, form.cursor) : undefined;
    const page = await readProjectPage(client, calls, query, form.limit, token);
    return {
      items: page.items,
      ...(page.nextPageToken ? { nextCursor: encodeCursor(query, page.nextPageToken) } : {}),
      capped: false,
    };
  }
  const all = await readAllProjects(client, calls, form, caller);
  const start = (form.page - 1) * form.limit;
  return { items: all.items.slice(start, start + form.limit), total: all.items.length, capped: all.capped };
}

/** The form's filters as a query string (without page or cursor), for links to pages, sorts and the export. */
export function filterQueryString(
  form: ProjectListForm,
  extra: Record<string, string | number> = {},
): string {
  const { cursor: _cursor, page: _page, ...kept } = form;
  const entries = Object.entries({ ...kept, ...extra })
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]): [string, string] => [key, String(value)]);
  return new URLSearchParams(entries).toString();
}
