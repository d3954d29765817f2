/**
 * Which projects a caller sees: those of the organisations they belong to, and those they have a
 * part in (requester, team member, approver, contract manager). The same rule serves API keys and
 * people signed in to the workspace.
 *
 * Outside that scope a project does not exist for the caller: by id it answers the same 404 as a
 * missing project, and lists and counts never include it (the visibility query carries the scope,
 * so nothing is filtered after the fact and page sizes and counts stay right).
 */
import { type Client, WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import type { OrganisationScope } from '../config/config';
import { workflowIdFor } from '../domain/project';
import { Organisation, Participants } from '../domain/search-attributes';
import { HttpError } from './errors';
import type { TemporalCalls } from './temporal-calls';

export interface ScopedCaller {
  email: string;
  organisations: OrganisationScope;
}

/** The one answer for a project that is missing or outside the caller's scope (errors.ts says the same). */
export const noSuchProject = (): HttpError => new HttpError(404, 'no such project');

/** Temporal visibility query text with every value quoted, so input cannot change the query. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The visibility clause of the caller's scope, or undefined when they see every organisation. */
export function scopeClause(caller: ScopedCaller): string | undefined {
  if (caller.organisations === '*') return undefined;
  const organisations = caller.organisations.map(quote).join(', ');
  return `(${Organisation.name} IN (${organisations}) OR ${Participants.name} = ${quote(caller.email)})`;
}

/** True when the project with these search attributes is in the caller's scope. */
export function inScope(
  caller: ScopedCaller,
  project: { organisation?: string | undefined; participants?: string[] | undefined },
): boolean {
  if (caller.organisations === '*') return true;
  if (project.organisation !== undefined && caller.organisations.includes(project.organisation)) return true;
  return project.participants?.includes(caller.email.toLowerCase()) ?? false;
}

export interface ProjectScope {
  /**
   * Resolves when the caller may see the project; throws the 404 of a missing project otherwise.
   * One describe (no worker needed): the organisation and participants are search attributes.
   */
  ensureVisible(caller: ScopedCaller, projectId: string): Promise<void>;
  /** The project's description (search attributes, memo) when the caller may see it; else the 404. */
  describe(caller: ScopedCaller, projectId: string): Promise<WorkflowExecutionDescription>;
}

export function createProjectScope(client: Client, calls: TemporalCalls): ProjectScope {
  async function describe(caller: ScopedCaller, projectId: string) {
    let description: WorkflowExecutionDescription;
    try {
      description = await calls.within(() => client.workflow.getHandle(workflowIdFor(projectId)).describe());
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw noSuchProject();
      throw error;
    }
    const attributes = description.typedSearchAttributes;
    const visible = inScope(caller, {
      organisation: attributes.get(Organisation),
      participants: attributes.get(Participants),
    });
    if (!visible) throw noSuchProject();
    return description;
  }
  return {
    describe,
    async ensureVisible(caller, projectId) {
      // Seeing every organisation needs no look-up: the route itself answers 404 for a missing project.
      if (caller.organisations !== '*') await describe(caller, projectId);
    },
  };
}
