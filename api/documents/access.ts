/**
 * "May this principal see this project?" — one function, so that organisation scoping can replace
 * it in one place. Today it answers as `GET /api/projects/:id` does: every valid API key sees every
 * project that exists (a missing one is 404).
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { workflowIdFor } from '../../domain/project';
import type { Principal } from '../auth';
import { HttpError } from '../errors';
import type { TemporalCalls } from '../temporal-calls';

export interface VisibleProject {
  /** False once the workflow has ended (completed, cancelled, …): its case file is read-only. */
  running: boolean;
}

export type ProjectAccess = (principal: Principal, projectId: string) => Promise<VisibleProject>;

/**
 * Describes the workflow (no worker needed, also for finished projects). The description carries
 * the `Organisation` search attribute, which is what a scoped check compares with the principal.
 */
export function createProjectAccess(client: Client, calls: TemporalCalls): ProjectAccess {
  return async (_principal, projectId) => {
    try {
      const description = await calls.within(
        () => client.workflow.getHandle(workflowIdFor(projectId)).describe(),
        'describe',
      );
      return { running: description.status.name === 'RUNNING' };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new HttpError(404, 'no such project');
      throw error;
    }
  };
}
