/**
 * What the "My work" page shows, from Temporal visibility only (search attributes), never by
 * querying the workflows: the decisions waiting on the person (PendingApprovers), and how many
 * running projects in their scope are in each step and each status (CountWorkflowExecutions, one
 * count per value, all at once).
 */
import type { Client } from '@temporalio/client';
import { STEP_IDS, type StepId } from '../../domain/catalogue';
import { projectIdFromWorkflowId, type ProjectStatus } from '../../domain/project';
import {
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
} from '../../domain/search-attributes';
import { type ScopedCaller, quote, scopeClause } from '../project-scope';
import type { TemporalCalls } from '../temporal-calls';

/** The statuses a running project can have. */
export const RUNNING_STATUSES: ProjectStatus[] = [
  'awaiting-submission',
  'awaiting-approval',
  'changes-requested',
  'in-contract',
];
/** At most this many waiting decisions are listed (the count says how many there are). */
const WAITING_SHOWN = 50;

export interface WaitingDecision {
  projectId: string;
  title: string;
  organisation?: string;
  step?: StepId;
}

export interface MyWork {
  waiting: WaitingDecision[];
  waitingCount: number;
  byStep: { step: StepId; count: number }[];
  byStatus: { status: ProjectStatus; count: number }[];
}

const RUNNING_PROJECTS = `WorkflowType = 'procurementWorkflow' AND ExecutionStatus = 'Running'`;

export async function loadMyWork(
  client: Client,
  calls: TemporalCalls,
  caller: ScopedCaller,
): Promise<MyWork> {
  const scope = scopeClause(caller);
  const inScope = scope ? `${RUNNING_PROJECTS} AND ${scope}` : RUNNING_PROJECTS;
  // Being asked to decide is a part in the project: no organisation clause.
  const waitingQuery = `${RUNNING_PROJECTS} AND ${PendingApprovers.name} = ${quote(caller.email)}`;
  const count = (query: string) =>
    calls.within(() => client.workflow.count(query), 'count').then((result) => result.count);

  const [waiting, waitingCount, byStep, byStatus] = await Promise.all([
    calls.within(async () => {
      const found: WaitingDecision[] = [];
      for await (const execution of client.workflow.list({ query: waitingQuery, pageSize: WAITING_SHOWN })) {
        const projectId = projectIdFromWorkflowId(execution.workflowId);
        if (!projectId) continue;
        const organisation = execution.typedSearchAttributes.get(Organisation);
        const step = execution.typedSearchAttributes.get(ProcurementStep) as StepId | undefined;
        found.push({
          projectId,
          title: (execution.memo?.title as string | undefined) ?? projectId,
          ...(organisation ? { organisation } : {}),
          ...(step ? { step } : {}),
        });
        if (found.length >= WAITING_SHOWN) break;
      }
      return found;
    }, 'list'),
    count(waitingQuery),
    Promise.all(
      STEP_IDS.map(async (step) => ({
        step,
        count: await count(`${inScope} AND ${ProcurementStep.name} = ${quote(step)}`),
      })),
    ),
    Promise.all(
      RUNNING_STATUSES.map(async (status) => ({
        status,
        count: await count(`${inScope} AND ${ProcurementStatus.name} = ${quote(status)}`),
      })),
    ),
  ]);
  return { waiting, waitingCount, byStep, byStatus };
}
