/**
 * Step 5 and the end: contract reviews, amendments, whether use goes on past the contract end and
 * an early end of use (updates), and cancelling a project (a signal, so that it works while no
 * worker runs). Each is idempotent with an Idempotency-Key: the update id, or the signal's request id.
 */
import {
  cancelInput,
  contractAmendment,
  contractReview,
  startEndOfUse,
  useConfirmation,
} from '../../domain/schemas';
import {
  amendContractUpdate,
  cancelSignal,
  confirmUseUpdate,
  recordReviewUpdate,
  startEndOfUseUpdate,
} from '../../workflows/messages';
import { route } from '../routes';
import { accepted, contractState, endOfUseStarted, reviewRecorded, useConfirmed } from './responses';
import { type ProjectRouteDependencies, OFFICERS, messageIdOf, projectParams, updateRoute } from './shared';

export function contractRoutes({ messages }: ProjectRouteDependencies) {
  return [
    updateRoute(messages, {
      operationId: 'recordReview',
      method: 'post',
      path: '/api/projects/:id/reviews',
      tag: 'contract',
      summary: 'Record a contract review for a follow-up moment (step 5)',
      access: OFFICERS,
      body: contractReview,
      responses: { 200: { description: 'Recorded.', schema: reviewRecorded } },
      update: recordReviewUpdate,
      args: (review, by) => ({ review, by: by.email, channel: 'api' as const }),
    }),

    updateRoute(messages, {
      operationId: 'amendContract',
      method: 'post',
      path: '/api/projects/:id/amendments',
      tag: 'contract',
      summary: 'Amend the contract: new end date, cadence or contract manager (timers move at once)',
      access: OFFICERS,
      body: contractAmendment,
      responses: { 200: { description: 'The contract after the amendment.', schema: contractState } },
      update: amendContractUpdate,
      args: (amendment, by) => ({ ...amendment, by: by.email }),
    }),

    updateRoute(messages, {
      operationId: 'startEndOfUse',
      method: 'post',
      path: '/api/projects/:id/end-of-use',
      tag: 'contract',
      summary: 'Move to end of use (step 6) before the contract end',
      access: OFFICERS,
      body: startEndOfUse,
      responses: { 200: { description: 'The project is in step 6.', schema: endOfUseStarted } },
      update: startEndOfUseUpdate,
      args: (request, by) => ({ ...request, by: by.email }),
    }),

    updateRoute(messages, {
      operationId: 'confirmUse',
      method: 'post',
      path: '/api/projects/:id/use-confirmations',
      tag: 'contract',
      summary:
        'Confirm whether use goes on past the contract end (with a reason and until when), or ends now',
      description:
        'At the contract end the contract manager and purchasers are asked whether use goes on; the project stays in step 5 until they answer. `continues: true` with `until` moves the end-of-use reminder and the next question to that day; `continues: false` starts step 6.',
      access: OFFICERS,
      body: useConfirmation,
      responses: { 200: { description: 'Where the project stands after the answer.', schema: useConfirmed } },
      update: confirmUseUpdate,
      args: (answer, by) => ({ ...answer, by: by.email }),
    }),

    route({
      operationId: 'cancelProject',
      method: 'post',
      path: '/api/projects/:id/cancel',
      tag: 'projects',
      summary: 'Cancel a project (signal, with a reason that is recorded)',
      description:
        'Answers 202 once Temporal has the signal; the project ends when a worker handles it. Sent again with the same `Idempotency-Key`, it answers 202 again (also after the project ended) and records nothing more.',
      access: OFFICERS,
      temporal: 'signal',
      input: { params: projectParams, body: cancelInput },
      responses: { 202: { description: 'Cancellation sent.', schema: accepted } },
      async handle(context) {
        const { input, principal, res } = context;
        const args = { reason: input.body.reason, by: principal.email };
        await messages.signal(input.params.id, cancelSignal, args, messageIdOf('cancelProject', context));
        res.status(202).json({ accepted: true });
      },
    }),
  ];
}
