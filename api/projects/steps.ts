/**
 * Steps 1-4 through updates: submitting a gate's deliverable, deciding and delegating in an
 * approval round, changing the approval settings and scheduling the RFI. Each is idempotent with
 * an Idempotency-Key (the key becomes the update id).
 */
import { z } from 'zod';
import { GATE_IDS } from '../../domain/catalogue';
import {
  approvalSettings,
  approvalSettingsChange,
  decisionInput,
  delegationInput,
  deliverableSchemas,
  email,
  rfiSchedule,
} from '../../domain/schemas';
import {
  changeApprovalSettingsUpdate,
  decideUpdate,
  decisionSignal,
  delegateUpdate,
  scheduleRfiUpdate,
} from '../../workflows/messages';
import { HttpError } from '../errors';
import { route } from '../routes';
import { formatIssues, issuesWithRules } from '../validation';
import { checkSubmission, submitDeliverable } from './submission';
import { accepted, decided, delegated, rfiScheduled, submitted } from './responses';
import {
  type ProjectRouteDependencies,
  gateParams,
  OFFICERS,
  messageIdOf,
  projectParams,
  updateRoute,
} from './shared';

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
const anyBody = z.object({}).catchall(z.unknown());

export function stepRoutes({ messages, documents }: ProjectRouteDependencies) {
  return [
    route({
      operationId: 'submitDeliverable',
      method: 'post',
      path: '/api/projects/:id/submissions/:gate',
      tag: 'steps',
      summary: 'Submit the deliverable of the current gate (opens an approval round)',
      description: `Gates: ${GATE_IDS.join(', ')}. The body is the gate's deliverable (see the gate's schema in the catalogue docs). A resubmission while a round is open replaces that round.`,
      access: OFFICERS,
      temporal: 'update',
      input: { params: gateParams, body: anyBody },
      documentedBody: anyDeliverable,
      responses: { 200: { description: 'Submitted; the approval round opened.', schema: submitted } },
      async handle(context) {
        const { input, principal, res } = context;
        const { id, gate } = input.params;
        const checked = await checkSubmission(documents, id, gate, input.body);
        if (!checked.ok) {
          const problems = [
            ...checked.documentProblems,
            ...(checked.error ? formatIssues('body', checked.error) : []),
          ];
          const issues = [
            ...checked.documentProblems.map((message) => ({ message })),
            ...(checked.error ? issuesWithRules('body', checked.error) : []),
          ];
          throw new HttpError(
            400,
            `the ${gate} deliverable has ${problems.length} problem(s)`,
            problems,
            undefined,
            issues,
          );
        }
        const submission = {
          gate,
          deliverable: checked.deliverable,
          submittedBy: principal.email,
          channel: 'api' as const,
        };
        res.json(
          await submitDeliverable(messages, id, submission, messageIdOf('submitDeliverable', context)),
        );
      },
    }),

    route({
      operationId: 'decide',
      method: 'post',
      path: '/api/projects/:id/decisions',
      tag: 'approvals',
      summary: 'Approve, reject or request changes — for yourself only',
      description:
        'The caller is the approver (or their delegate). Round and gate default to the open round. `mode: async` sends a signal instead of an update: it answers 202 without waiting for a worker, and an invalid decision is noted in the audit trail instead of refused.',
      access: 'any',
      temporal: 'update',
      input: { params: projectParams, body: decisionBody },
      responses: {
        200: { description: 'The decision is recorded.', schema: decided },
        202: { description: 'The decision was sent as a signal (async mode).', schema: accepted },
        403: { description: 'You may only decide for yourself, and only in a round that asks you.' },
      },
      async handle(context) {
        const { input, principal, res } = context;
        const { approver, mode, ...decision } = input.body;
        if (approver && approver !== principal.email) {
          throw new HttpError(
            403,
            `you may only decide for yourself (${principal.email}), not for ${approver}`,
          );
        }
        const args = { ...decision, approver: principal.email, channel: 'api' as const };
        const id = input.params.id;
        const messageId = messageIdOf('decide', context);
        if (mode === 'async') {
          await messages.signal(id, decisionSignal, { ...args, channel: 'signal' }, messageId);
          res
            .status(202)
            .json({ accepted: true, note: 'invalid decisions are ignored and noted in the audit trail' });
          return;
        }
        res.json(await messages.update(id, decideUpdate, args, messageId));
      },
    }),

    updateRoute(messages, {
      operationId: 'delegate',
      method: 'post',
      path: '/api/projects/:id/delegations',
      tag: 'approvals',
      summary: 'Hand your decision in a round to someone else',
      access: 'any',
      body: delegationInput,
      responses: { 200: { description: 'Delegated; the delegate is asked.', schema: delegated } },
      update: delegateUpdate,
      args: (delegation, from) => ({ ...delegation, from: from.email, channel: 'api' as const }),
    }),

    updateRoute(messages, {
      operationId: 'changeApprovalSettings',
      method: 'patch',
      path: '/api/projects/:id/approval-settings',
      tag: 'approvals',
      summary: 'Change approvers, policy, reminders, escalation or deadline (for rounds opened from now on)',
      access: OFFICERS,
      body: approvalSettingsChange,
      responses: { 200: { description: 'The settings now in force.', schema: approvalSettings } },
      update: changeApprovalSettingsUpdate,
      args: (change, by) => ({ change, by: by.email }),
    }),

    updateRoute(messages, {
      operationId: 'scheduleRfi',
      method: 'post',
      path: '/api/projects/:id/rfi',
      tag: 'steps',
      summary: 'Record an RFI and its closing date (step 3); a timer reminds you to record the findings',
      access: OFFICERS,
      body: rfiSchedule,
      responses: { 200: { description: 'Scheduled.', schema: rfiScheduled } },
      update: scheduleRfiUpdate,
      args: (schedule, by) => ({ ...schedule, by: by.email }),
    }),
  ];
}
