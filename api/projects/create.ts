/**
 * POST /api/projects: starts a project's workflow. The project id is the workflow id, so a project
 * exists once; with an Idempotency-Key, a retry of the same request answers the first 202 again,
 * and the same key with another body answers 422 (draft-ietf-httpapi-idempotency-key-header).
 */
import { WorkflowExecutionAlreadyStartedError, type WorkflowExecutionDescription } from '@temporalio/client';
import { workflowIdFor } from '../../domain/project';
import { type CreateProject, createProjectRequest } from '../../domain/schemas';
import { withinKeywordListLimit } from '../../domain/carried-state';
import { participantEmails } from '../../domain/participants';
import {
  Organisation,
  Participants,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
} from '../../domain/search-attributes';
import { type ProcurementWorkflowInput, procurementWorkflow } from '../../workflows/procurement';
import { HttpError } from '../errors';
import { type CreationMemo, fingerprint } from '../idempotency';
import { inScope } from '../project-scope';
import { route } from '../routes';
import { projectCreated } from './responses';
import { OFFICERS, type ProjectRouteDependencies, messageIdOf, projectLinks } from './shared';

/**
 * Who created the project, from the API key that called. The workflow records it as the actor of
 * `project-created` once it reads the field (older workflow code ignores it; the requester in the
 * body may be someone else).
 */
type NewProjectInput = ProcurementWorkflowInput & { createdBy: { email: string; name: string } };

/**
 * Starts a project's workflow in step 1, with its search attributes and memo (shared by the API and
 * the workspace's new-project page). Throws WorkflowExecutionAlreadyStartedError when the id is taken.
 */
export function startProject(
  { client, config, calls }: Pick<ProjectRouteDependencies, 'client' | 'config' | 'calls'>,
  project: CreateProject,
  creator: { email: string; name: string },
  creation: CreationMemo,
): Promise<{ firstExecutionRunId: string }> {
  const workflowInput: NewProjectInput = {
    kind: 'new',
    project,
    createdBy: { email: creator.email, name: creator.name },
  };
  return calls.within(() =>
    client.workflow.start(procurementWorkflow, {
      workflowId: workflowIdFor(project.id),
      taskQueue: config.temporal.taskQueue,
      args: [workflowInput],
      // A project id is a business key: never reuse it, even after the project ended.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: ProcurementStep, value: 'circular-need' },
        { key: ProcurementStatus, value: 'awaiting-submission' },
        { key: ProductGroup, value: project.productGroup },
        { key: Organisation, value: project.organisation },
        { key: PendingApprovers, value: [] },
        {
          key: Participants,
          value: withinKeywordListLimit(
            participantEmails({ requester: project.requester, team: project.approvers }),
          ),
        },
      ],
      memo: { title: project.title, creation },
      staticSummary: `${project.title} — ${project.organisation}`,
      staticDetails: `Circular procurement project **${project.id}** (${project.productGroup}), requested by ${project.requester.name}, created by ${creator.name}.`,
    }),
  );
}

export function createProjectRoute({ client, config, calls }: ProjectRouteDependencies) {
  const created = (id: string, runId: string) => ({
    id,
    workflowId: workflowIdFor(id),
    runId,
    links: projectLinks(config, id),
  });

  /** The project was there already: the same request again (202 as before), or a conflict. */
  async function alreadyStarted(project: CreateProject, creation: CreationMemo, error: unknown) {
    if (!creation.key) throw error;
    const description: WorkflowExecutionDescription = await calls.within(() =>
      client.workflow.getHandle(workflowIdFor(project.id)).describe(),
    );
    const first = description.memo?.creation as CreationMemo | undefined;
    if (first?.key !== creation.key) throw error;
    if (first.body !== creation.body) {
      throw new HttpError(
        422,
        `this Idempotency-Key created project "${project.id}" with another body: use a new key for a new request`,
      );
    }
    return created(project.id, description.raw.workflowExecutionInfo?.firstRunId || description.runId);
  }

  return route({
    operationId: 'createProject',
    method: 'post',
    path: '/api/projects',
    tag: 'projects',
    summary: 'Start a procurement project',
    description:
      'Starts the project workflow in step 1 (circular need). Answers 202 with a Location header. With an `Idempotency-Key`, sending the same request again answers the same 202; the same key with a different body answers 422. The key is checked against the project it created: a key reused for another project id starts that project.',
    access: OFFICERS,
    temporal: 'start',
    input: { body: createProjectRequest },
    responses: {
      202: {
        description: 'The project workflow started (or had started for this Idempotency-Key).',
        schema: projectCreated,
      },
      403: { description: "The project's organisation is not one of the key's organisations." },
      409: { description: 'A project with this id exists (created by another request).' },
      422: { description: 'The Idempotency-Key was used for a request with another body.' },
    },
    async handle(context) {
      const { input, principal, res } = context;
      const project = input.body;
      if (!inScope(principal, { organisation: project.organisation })) {
        throw new HttpError(
          403,
          `this key may not start projects of "${project.organisation}" (its organisations: ${[principal.organisations].flat().join(', ')})`,
        );
      }
      const key = messageIdOf('createProject', context);
      const creation: CreationMemo = { ...(key ? { key } : {}), body: fingerprint(project) };
      let body: ReturnType<typeof created>;
      try {
        const started = await startProject({ client, config, calls }, project, principal, creation);
        body = created(project.id, started.firstExecutionRunId);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        body = await alreadyStarted(project, creation, error);
      }
      res.status(202).location(body.links.self).json(body);
    },
  });
}
