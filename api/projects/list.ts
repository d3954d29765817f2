/**
 * GET /api/projects: one page of projects from Temporal visibility, filtered by the search
 * attributes. One visibility call per request, whatever the number of matches; the next page is
 * asked for with the opaque `cursor` of the page before. The workspace's list and its CSV export
 * (api/workspace/projects-router.ts) use the same filters, query and page reader.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { decodeOptionalSingle } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { requiredTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { STEP_IDS } from '../../domain/catalogue';
import { projectIdFromWorkflowId } from '../../domain/project';
import { email, slug } from '../../domain/schemas';
import { isoDate, text } from '../../domain/schemas/common';
import {
  ContractEndDate,
  NextReviewDue,
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
} from '../../domain/search-attributes';
import { HttpError } from '../errors';
import { type ScopedCaller, quote, scopeClause } from '../project-scope';
import { route } from '../routes';
import type { TemporalCalls } from '../temporal-calls';
import { projectPage, projectStatus, type projectSummary } from './responses';
import type { ProjectRouteDependencies } from './shared';

const RUNNING = temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
const CURSOR_PROBLEM = 'query.cursor: is not a cursor of this list (it was altered, or the filters changed)';

/** The filters of the list, shared by its counts (api/projects/counts.ts). */
export const listFilters = z.object({
  step: z.enum(STEP_IDS).optional(),
  status: projectStatus.optional(),
  productGroup: slug.optional(),
  // Control characters are refused here too: they would reach the visibility query.
  organisation: text(200).optional(),
  pendingApprover: email.optional(),
  contractEndFrom: isoDate.optional().meta({ description: 'Contracts ending on or after this day.' }),
  contractEndTo: isoDate.optional().meta({ description: 'Contracts ending on or before this day.' }),
});
export type ListFilters = z.output<typeof listFilters>;

export const listQuery = listFilters.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size.' }),
  cursor: z
    .string()
    .max(4000)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor of this list (it was altered, or the filters changed)')
    .optional()
    .meta({ description: 'The `nextCursor` of the page before, with the same filters.' }),
});
export type ListQuery = z.output<typeof listQuery>;
export type ProjectSummary = z.output<typeof projectSummary>;

/** The query of one list: the caller's scope (api/project-scope.ts) and the filters. */
export function listQueryText(filters: ListFilters, caller: ScopedCaller): string {
  const clauses = [`WorkflowType = 'procurementWorkflow'`, `ExecutionStatus != 'ContinuedAsNew'`];
  const scope = scopeClause(caller);
  if (scope) clauses.push(scope);
  if (filters.step) clauses.push(`${ProcurementStep.name} = ${quote(filters.step)}`);
  if (filters.status) clauses.push(`${ProcurementStatus.name} = ${quote(filters.status)}`);
  if (filters.productGroup) clauses.push(`${ProductGroup.name} = ${quote(filters.productGroup)}`);
  if (filters.organisation) clauses.push(`${Organisation.name} = ${quote(filters.organisation)}`);
  if (filters.pendingApprover) clauses.push(`${PendingApprovers.name} = ${quote(filters.pendingApprover)}`);
  if (filters.contractEndFrom)
    clauses.push(`${ContractEndDate.name} >= ${quote(`${filters.contractEndFrom}T00:00:00Z`)}`);
  if (filters.contractEndTo)
    clauses.push(`${ContractEndDate.name} <= ${quote(`${filters.contractEndTo}T00:00:00Z`)}`);
  return clauses.join(' AND ');
}

/**
 * A cursor is Temporal's page token behind a version byte and a checksum of the query it belongs
 * to: a token of other filters, a truncated or an invented one is a 400 here instead of a server
 * error (Temporal answers a garbled token with an internal error that the client retries).
 */
const CURSOR_VERSION = 1;
const CHECK_BYTES = 8;
const checksum = (query: string, token: Uint8Array) =>
  createHash('sha256').update(query).update('\n').update(token).digest().subarray(0, CHECK_BYTES);

export function encodeCursor(query: string, token: Uint8Array): string {
  return Buffer.concat([Buffer.from([CURSOR_VERSION]), checksum(query, token), token]).toString('base64url');
}

export function decodeCursor(query: string, cursor: string): Uint8Array {
  const bytes = Buffer.from(cursor, 'base64url');
  const token = bytes.subarray(1 + CHECK_BYTES);
  const valid =
    bytes.length > 1 + CHECK_BYTES &&
    bytes[0] === CURSOR_VERSION &&
    bytes.subarray(1, 1 + CHECK_BYTES).equals(checksum(query, token));
  if (!valid) throw new HttpError(400, 'the request has 1 problem', [CURSOR_PROBLEM]);
  return token;
}

type RawExecution = Awaited<
  ReturnType<Client['workflowService']['listWorkflowExecutions']>
>['executions'][number];

/**
 * The memo's titles of a page. The API's client has no payload codec (config/temporal.ts), so a
 * title is the payload converter's JSON, read without an await; with a codec the page's titles are
 * decoded together, one await a page, never one an item.
 */
async function titlesOf(client: Client, executions: RawExecution[]): Promise<(string | undefined)[]> {
  const { payloadConverter, payloadCodecs } = client.options.loadedDataConverter;
  const payloads = executions.map((raw) => raw.memo?.fields?.title);
  const decoded =
    payloadCodecs.length === 0
      ? payloads
      : await Promise.all(payloads.map((payload) => decodeOptionalSingle(payloadCodecs, payload)));
  return decoded.map((payload) => (payload ? payloadConverter.fromPayload<string>(payload) : undefined));
}

const day = (value: Date | undefined) => value?.toISOString().slice(0, 10);

/**
 * One page of the list: its projects and Temporal's token of the next page (none on the last).
 * A summary reads only what it shows: the search attributes and the memo's title, decoded without
 * an await per item (the SDK's `executionInfoFromRaw` decodes the whole memo and every attribute
 * twice, one item at a time).
 */
export async function readProjectPage(
  client: Client,
  calls: TemporalCalls,
  query: string,
  pageSize: number,
  nextPageToken?: Uint8Array,
): Promise<{ items: ProjectSummary[]; nextPageToken?: Uint8Array }> {
  const page = await calls.within(
    () =>
      client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query,
        pageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      }),
    'list',
  );
  const titles = await titlesOf(client, page.executions);
  const items: ProjectSummary[] = [];
  page.executions.forEach((raw, index) => {
    const workflowId = raw.execution?.workflowId ?? '';
    const id = projectIdFromWorkflowId(workflowId);
    if (!id) return;
    const attributes = decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields);
    items.push({
      id,
      workflowId,
      title: titles[index] ?? id,
      step: attributes.get(ProcurementStep) as ProjectSummary['step'],
      status: attributes.get(ProcurementStatus) as ProjectSummary['status'],
      productGroup: attributes.get(ProductGroup),
      organisation: attributes.get(Organisation),
      pendingApprovers: attributes.get(PendingApprovers) ?? [],
      contractEndDate: day(attributes.get(ContractEndDate)),
      nextReviewDue: day(attributes.get(NextReviewDue)),
      startedAt: requiredTsToDate(raw.startTime, 'startTime').toISOString(),
      running: raw.status === RUNNING,
    });
  });
  const token = page.nextPageToken;
  return { items, ...(token && token.length > 0 ? { nextPageToken: token } : {}) };
}

export function listProjectsRoute({ client, calls }: ProjectRouteDependencies) {
  return route({
    operationId: 'listProjects',
    method: 'get',
    path: '/api/projects',
    tag: 'projects',
    summary: 'List projects, a page at a time (Temporal visibility)',
    description:
      "Only projects of the key's organisations and projects its person has a part in. Filters by step, status, product group, organisation, pending approver and contract end range through the search attributes. Running projects come first, then finished ones, newest first (the order of Temporal visibility; it has no other sort outside Elasticsearch). Visibility is eventually consistent: a project started a moment ago may not be listed yet.",
    access: 'any',
    temporal: 'list',
    input: { query: listQuery },
    responses: {
      200: { description: 'One page of matching projects and the cursor of the next.', schema: projectPage },
      400: {
        description: 'A filter or the cursor is invalid (a cursor only works with the filters it came with).',
      },
    },
    async handle({ input, principal, res }) {
      const query = listQueryText(input.query, principal);
      const nextPageToken = input.query.cursor ? decodeCursor(query, input.query.cursor) : undefined;
      const page = await readProjectPage(client, calls, query, input.query.limit, nextPageToken);
      res.json({
        items: page.items,
        nextCursor: page.nextPageToken ? encodeCursor(query, page.nextPageToken) : null,
        query,
      } satisfies z.output<typeof projectPage>);
    },
  });
}
