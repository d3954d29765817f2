/** The management API of procurement projects: every route is a Temporal start, update, signal or query. */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { AppConfig } from '../config/config';
import { GATE_IDS, STEP_IDS, catalogue } from '../domain/catalogue';
import {
  PROJECT_STATUSES,
  lessonsWorkflowIdFor,
  projectIdFromWorkflowId,
  workflowIdFor,
} from '../domain/project';
import {
  approvalSettingsChange,
  cancelInput,
  contractAmendment,
  contractReview,
  createProject,
  decisionInput,
  delegationInput,
  deliverableSchemas,
  email,
  gateId,
  rfiSchedule,
  slug,
  startEndOfUse,
} from '../domain/schemas';
import {
  ContractEndDate,
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
} from '../domain/search-attributes';
import { lessonsQuery } from '../workflows/lessons';
import {
  amendContractUpdate,
  auditTrailQuery,
  cancelSignal,
  changeApprovalSettingsUpdate,
  decideUpdate,
  decisionSignal,
  delegateUpdate,
  projectQuery,
  recordReviewUpdate,
  scheduleRfiUpdate,
  startEndOfUseUpdate,
  submitDeliverableUpdate,
} from '../workflows/messages';
import { procurementWorkflow } from '../workflows/procurement';
import { text } from '../domain/schemas/common';
import { HttpError } from './errors';
import { type Route, route } from './routes';
import { formatIssues } from './validation';

export interface ProjectRoutesDependencies {
  client: Client;
  config: AppConfig;
}

const projectParams = z.object({ id: slug });
const gateParams = z.object({ id: slug, gate: gateId });

const listQuery = z.object({
  step: z.enum(STEP_IDS).optional(),
  status: z.enum(PROJECT_STATUSES as [string, ...string[]]).optional(),
  productGroup: slug.optional(),
  // Control characters are refused here too: they would reach the visibility query.
  organisation: text(200).optional(),
  pendingApprover: email.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const decisionBody = z.intersection(
  decisionInput,
  z.object({
    approver: email
      .optional()
      .meta({ description: 'Must be your own address when given: nobody decides for someone else.' }),
    mode: z.enum(['sync', 'async']).default('sync').meta({
      description:
        '`async` sends the decision as a signal (202): for integrations that must not wait on a worker.',
    }),
  }),
);

const projectCreated = z.object({
  id: z.string(),
  workflowId: z.string(),
  runId: z.string(),
  links: z.record(z.string(), z.string()),
});
const looseObject = z.object({}).catchall(z.unknown());

/** For the OpenAPI document only: the handler checks the body against the schema of the path's gate. */
const anyDeliverable = z.union([
  deliverableSchemas['circular-need'].meta({ title: 'circular-need deliverable' }),
  deliverableSchemas['circular-ambitions'].meta({ title: 'circular-ambitions deliverable' }),
  deliverableSchemas['market-dialogue'].meta({ title: 'market-dialogue deliverable' }),
  deliverableSchemas['tender-documents'].meta({ title: 'tender-documents deliverable' }),
  deliverableSchemas.award.meta({ title: 'award deliverable' }),
  deliverableSchemas['end-of-use'].meta({ title: 'end-of-use deliverable' }),
  deliverableSchemas.evaluate.meta({ title: 'evaluate deliverable' }),
]);

/** Temporal visibility query text with every value quoted, so input cannot change the query. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function listQueryText(filters: z.output<typeof listQuery>): string {
  const clauses = [`WorkflowType = 'procurementWorkflow'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filters.step) clauses.push(`${ProcurementStep.name} = ${quote(filters.step)}`);
  if (filters.status) clauses.push(`${ProcurementStatus.name} = ${quote(filters.status)}`);
  if (filters.productGroup) clauses.push(`${ProductGroup.name} = ${quote(filters.productGroup)}`);
  if (filters.organisation) clauses.push(`${Organisation.name} = ${quote(filters.organisation)}`);
  if (filters.pendingApprover) clauses.push(`${PendingApprovers.name} = ${quote(filters.pendingApprover)}`);
  return clauses.join(' AND ');
}

export function createProjectRoutes({ client, config }: ProjectRoutesDependencies): Route[] {
  const handle = (id: string) => client.workflow.getHandle(workflowIdFor(id));

  /** Updates and signals to a finished project fail with "not found"; say "finished" instead. */
  async function explainClosed(id: string, error: unknown): Promise<never> {
    if (error instanceof WorkflowNotFoundError) {
      const description = await handle(id)
        .describe()
        .catch(() => undefined);
      if (description && description.status.name !== 'RUNNING') {
        throw new HttpError(409, `the project is closed (${description.status.name.toLowerCase()})`);
      }
    }
    throw error;
  }

  /** An update to the project; a finished project answers 409 "closed" instead of "not found". */
  const update = <Ret, Arg>(id: string, definition: UpdateDefinition<Ret, [Arg]>, arg: Arg) =>
    handle(id)
      .executeUpdate(definition, { args: [arg] })
      .catch((error: unknown) => explainClosed(id, error));
  const signal = <Arg>(id: string, definition: SignalDefinition<[Arg]>, arg: Arg) =>
    handle(id)
      .signal(definition, arg)
      .catch((error: unknown) => explainClosed(id, error));

  const projectLinks = (id: string) => ({
    self: `/api/projects/${id}`,
    audit: `/api/projects/${id}/audit`,
    temporalUi: `/namespaces/${config.temporal.namespace}/workflows/${workflowIdFor(id)}`,
  });

  return [
    route({
      operationId: 'createProject',
      method: 'post',
      path: '/api/projects',
      tag: 'projects',
      summary: 'Start a procurement project',
      description:
        'Starts the project workflow in step 1 (circular need). Answers 202 with a Location header.',
      access: ['officer', 'operator'],
      input: { body: createProject },
      responses: {
        202: { description: 'The project workflow started.', schema: projectCreated },
        409: { description: 'A project with this id exists.' },
      },
      async handle({ input, res }) {
        const project = input.body;
        const started = await client.workflow.start(procurementWorkflow, {
          workflowId: workflowIdFor(project.id),
          taskQueue: config.temporal.taskQueue,
          args: [{ kind: 'new', project }],
          // A project id is a business key: never reuse it, even after the project ended.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: ProcurementStep, value: 'circular-need' },
            { key: ProcurementStatus, value: 'awaiting-submission' },
            { key: ProductGroup, value: project.productGroup },
            { key: Organisation, value: project.organisation },
            { key: PendingApprovers, value: [] },
          ],
          memo: { title: project.title },
          staticSummary: `${project.title} — ${project.organisation}`,
          staticDetails: `Circular procurement project **${project.id}** (${project.productGroup}), requested by ${project.requester.name}.`,
        });
        res
          .status(202)
          .location(`/api/projects/${project.id}`)
          .json({
            id: project.id,
            workflowId: started.workflowId,
            runId: started.firstExecutionRunId,
            links: projectLinks(project.id),
          });
      },
    }),

    route({
      operationId: 'listProjects',
      method: 'get',
      path: '/api/projects',
      tag: 'projects',
      summary: 'List projects (Temporal visibility)',
      description:
        'Filters by step, status, product group, organisation and pending approver through the search attributes.',
      access: 'any',
      input: { query: listQuery },
      responses: { 200: { description: 'Matching projects, newest first.', schema: looseObject } },
      async handle({ input, res }) {
        const query = listQueryText(input.query);
        const items: unknown[] = [];
        for await (const execution of client.workflow.list({ query })) {
          const attributes = execution.typedSearchAttributes;
          const id = projectIdFromWorkflowId(execution.workflowId);
          if (!id) continue;
          items.push({
            id,
            workflowId: execution.workflowId,
            title: (execution.memo?.title as string | undefined) ?? id,
            step: attributes.get(ProcurementStep),
            status: attributes.get(ProcurementStatus),
            productGroup: attributes.get(ProductGroup),
            organisation: attributes.get(Organisation),
            pendingApprovers: attributes.get(PendingApprovers) ?? [],
            contractEndDate: attributes.get(ContractEndDate)?.toISOString().slice(0, 10),
            startedAt: execution.startTime.toISOString(),
            running: execution.status.name === 'RUNNING',
          });
          if (items.length >= input.query.limit) break;
        }
        res.json({ query, items });
      },
    }),

    route({
      operationId: 'getProject',
      method: 'get',
      path: '/api/projects/:id',
      tag: 'projects',
      summary: 'The state of a project (query)',
      access: 'any',
      input: { params: projectParams },
      responses: { 200: { description: 'The project state.', schema: looseObject } },
      async handle({ input, res }) {
        const state = await handle(input.params.id).query(projectQuery);
        res.json({ ...state, links: projectLinks(input.params.id) });
      },
    }),

    route({
      operationId: 'getAuditTrail',
      method: 'get',
      path: '/api/projects/:id/audit',
      tag: 'projects',
      summary: 'The audit trail: every submission, decision, delegation, reminder and escalation',
      access: 'any',
      input: { params: projectParams },
      responses: { 200: { description: 'Audit entries, oldest first.', schema: looseObject } },
      async handle({ input, res }) {
        res.json({ entries: await handle(input.params.id).query(auditTrailQuery) });
      },
    }),

    route({
      operationId: 'submitDeliverable',
      method: 'post',
      path: '/api/projects/:id/submissions/:gate',
      tag: 'steps',
      summary: 'Submit the deliverable of the current gate (opens an approval round)',
      description: `Gates: ${GATE_IDS.join(', ')}. The body is the gate's deliverable (see the gate's schema in the catalogue docs). A resubmission while a round is open replaces that round.`,
      access: ['officer', 'operator'],
      input: { params: gateParams, body: looseObject },
      documentedBody: anyDeliverable,
      responses: { 200: { description: 'Submitted; the approval round opened.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const { id, gate } = input.params;
        const parsed = deliverableSchemas[gate].safeParse(input.body);
        if (!parsed.success) {
          throw new HttpError(
            400,
            `the ${gate} deliverable has ${parsed.error.issues.length} problem(s)`,
            formatIssues('body', parsed.error),
          );
        }
        const result = await update(id, submitDeliverableUpdate, {
          gate,
          deliverable: parsed.data,
          submittedBy: principal.email,
          channel: 'api',
        });
        res.json(result);
      },
    }),

    route({
      operationId: 'decide',
      method: 'post',
      path: '/api/projects/:id/decisions',
      tag: 'approvals',
      summary: 'Approve, reject or request changes — for yourself only',
      description:
        'The caller is the approver (or their delegate). Round and gate default to the open round. `mode: async` sends a signal instead of an update.',
      access: 'any',
      input: { params: projectParams, body: decisionBody },
      responses: {
        200: { description: 'The decision is recorded.', schema: looseObject },
        202: { description: 'The decision was sent as a signal (async mode).' },
      },
      async handle({ input, principal, res }) {
        const { approver, mode, ...decision } = input.body;
        if (approver && approver !== principal.email) {
          throw new HttpError(
            403,
            `you may only decide for yourself (${principal.email}), not for ${approver}`,
          );
        }
        const args = { ...decision, approver: principal.email, channel: 'api' as const };
        const id = input.params.id;
        if (mode === 'async') {
          await signal(id, decisionSignal, { ...args, channel: 'signal' });
          res
            .status(202)
            .json({ accepted: true, note: 'invalid decisions are ignored and noted in the audit trail' });
          return;
        }
        const result = await update(id, decideUpdate, args);
        res.json(result);
      },
    }),

    route({
      operationId: 'delegate',
      method: 'post',
      path: '/api/projects/:id/delegations',
      tag: 'approvals',
      summary: 'Hand your decision in a round to someone else',
      access: 'any',
      input: { params: projectParams, body: delegationInput },
      responses: { 200: { description: 'Delegated; the delegate is asked.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, delegateUpdate, {
          ...input.body,
          from: principal.email,
          channel: 'api',
        });
        res.json(result);
      },
    }),

    route({
      operationId: 'changeApprovalSettings',
      method: 'patch',
      path: '/api/projects/:id/approval-settings',
      tag: 'approvals',
      summary: 'Change approvers, policy, reminders, escalation or deadline (for rounds opened from now on)',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: approvalSettingsChange },
      responses: { 200: { description: 'The settings now in force.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, changeApprovalSettingsUpdate, {
          change: input.body,
          by: principal.email,
        });
        res.json(result);
      },
    }),

    route({
      operationId: 'scheduleRfi',
      method: 'post',
      path: '/api/projects/:id/rfi',
      tag: 'steps',
      summary: 'Record an RFI and its closing date (step 3); a timer reminds you to record the findings',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: rfiSchedule },
      responses: { 200: { description: 'Scheduled.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, scheduleRfiUpdate, { ...input.body, by: principal.email });
        res.json(result);
      },
    }),

    route({
      operationId: 'recordReview',
      method: 'post',
      path: '/api/projects/:id/reviews',
      tag: 'contract',
      summary: 'Record a contract review for a follow-up moment (step 5)',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: contractReview },
      responses: { 200: { description: 'Recorded.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, recordReviewUpdate, {
          review: input.body,
          by: principal.email,
          channel: 'api',
        });
        res.json(result);
      },
    }),

    route({
      operationId: 'amendContract',
      method: 'post',
      path: '/api/projects/:id/amendments',
      tag: 'contract',
      summary: 'Amend the contract: new end date, cadence or contract manager (timers move at once)',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: contractAmendment },
      responses: { 200: { description: 'The contract after the amendment.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, amendContractUpdate, { ...input.body, by: principal.email });
        res.json(result);
      },
    }),

    route({
      operationId: 'startEndOfUse',
      method: 'post',
      path: '/api/projects/:id/end-of-use',
      tag: 'contract',
      summary: 'Move to end of use (step 6) before the contract end',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: startEndOfUse },
      responses: { 200: { description: 'The project is in step 6.', schema: looseObject } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        const result = await update(id, startEndOfUseUpdate, { ...input.body, by: principal.email });
        res.json(result);
      },
    }),

    route({
      operationId: 'cancelProject',
      method: 'post',
      path: '/api/projects/:id/cancel',
      tag: 'projects',
      summary: 'Cancel a project (signal, with a reason that is recorded)',
      access: ['officer', 'operator'],
      input: { params: projectParams, body: cancelInput },
      responses: { 202: { description: 'Cancellation sent.' } },
      async handle({ input, principal, res }) {
        const id = input.params.id;
        await signal(id, cancelSignal, { reason: input.body.reason, by: principal.email });
        res.status(202).json({ accepted: true });
      },
    }),

    route({
      operationId: 'getLessons',
      method: 'get',
      path: '/api/product-groups/:productGroup/lessons',
      tag: 'lessons',
      summary: 'Lessons kept from earlier projects of a product group',
      access: 'any',
      input: { params: z.object({ productGroup: slug }) },
      responses: {
        200: { description: 'Lessons, oldest first (empty when none yet).', schema: looseObject },
      },
      async handle({ input, res }) {
        const productGroup = input.params.productGroup;
        try {
          const lessons = await client.workflow
            .getHandle(lessonsWorkflowIdFor(productGroup))
            .query(lessonsQuery);
          res.json({ productGroup, lessons });
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) {
            res.json({ productGroup, lessons: [] });
            return;
          }
          throw error;
        }
      },
    }),

    route({
      operationId: 'getCatalogue',
      method: 'get',
      path: '/api/catalogue',
      tag: 'catalogue',
      summary:
        'The circular procurement catalogue: ids and nl/en labels of steps, roles, ambitions, procedures, routes, …',
      access: 'public',
      input: {},
      responses: { 200: { description: 'The catalogue.', schema: looseObject } },
      async handle({ res }) {
        await Promise.resolve();
        res.json(catalogue);
      },
    }),
  ] as Route[];
}
