/**
 * "May this principal see this project, and is it still running?" for the case file's routes: the
 * organisation scope's own check (api/project-scope.ts), whose one description of the workflow
 * also says whether it has ended. These routes do not go through the scope's per-route wrapper, so
 * a document request describes the workflow once.
 */
import type { Principal } from '../auth';
import type { ProjectScope } from '../project-scope';

export interface VisibleProject {
  /** False once the workflow has ended (completed, cancelled, …): its case file is read-only. */
  running: boolean;
}

export type ProjectAccess = (principal: Principal, projectId: string) => Promise<VisibleProject>;

export function createProjectAccess(scope: ProjectScope): ProjectAccess {
  return async (principal, projectId) => {
    const description = await scope.describe(principal, projectId);
    return { running: description.status.name === 'RUNNING' };
  };
}
