/**
 * The contract's actions from the workspace, each the API route's update or signal with input the
 * API's schema validated: a follow-up review (POST /api/projects/:id/reviews, under the mailed
 * review link's update id), an amendment (…/amendments), end of use (…/end-of-use) and cancelling
 * (…/cancel, a signal: it works while no worker runs; the project page shows it once handled).
 */
import { createHash } from 'node:crypto';
import type { Router } from 'express';
import { reviewFieldOf, reviewFromForm } from '../../links/review-pages';
import { reviewUpdateId } from '../../links/decision-update';
import { cancelInput, contractAmendment, contractReview, startEndOfUse } from '../../../domain/schemas';
import { filled, formStrings, problemsOf } from '../../../presentation/form-fields';
import {
  CADENCE_FIELDS,
  amendmentPage,
  cancelPage,
  endOfUsePage,
  reviewActionPage,
} from '../../../presentation/workspace/actions/contract-pages';
import {
  amendContractUpdate,
  cancelSignal,
  recordReviewUpdate,
  startEndOfUseUpdate,
} from '../../../workflows/messages';
import type { WorkspaceDependencies } from '../context';
import { actionRoute, done, refusalReason, refusedField } from './action-context';

/** A whole number as typed, or the text itself so that the schema names the problem. */
const numberOrText = (raw: string | undefined): number | string | undefined => {
  const value = filled(raw);
  return value === undefined ? undefined : Number.isFinite(Number(value)) ? Number(value) : value;
};

/** The amendment form as the API's body: only what was filled in. */
function amendmentFromForm(form: Record<string, string>) {
  const cadence = Object.fromEntries(
    CADENCE_FIELDS.flatMap(([name]) => {
      const value = numberOrText(form[name]);
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const managerName = filled(form.managerName);
  const managerEmail = filled(form.managerEmail)?.toLowerCase();
  return {
    contractEnd: filled(form.contractEnd),
    cadence: Object.keys(cadence).length > 0 ? cadence : undefined,
    contractManager: managerName || managerEmail ? { name: managerName, email: managerEmail } : undefined,
    reason: filled(form.reason),
  };
}

function amendmentFieldOf([first, second]: PropertyKey[]): string {
  if (first === 'cadence' && typeof second === 'string') return second;
  if (first === 'contractManager') return second === 'name' ? 'managerName' : 'managerEmail';
  if (first === 'reason') return 'reason';
  // "change at least one of …" is about the whole amendment: shown at its first field.
  return 'contractEnd';
}

export function mountContractActions(router: Router, dependencies: WorkspaceDependencies): void {
  const { messages, sessions } = dependencies;
  const officers = (handler: Parameters<typeof actionRoute>[2]) =>
    actionRoute(dependencies, 'officers', handler);

  router.get(
    '/work/projects/:id/reviews/new',
    officers(
      (action, _req, res) => void res.send(reviewActionPage(action.viewer, action.project, action.state)),
    ),
  );
  router.post(
    '/work/projects/:id/reviews/new',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const parsed = contractReview.safeParse(reviewFromForm(values.momentId ?? '', values));
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, reviewFieldOf(values));
        return void res.status(400).send(reviewActionPage(viewer, project, state, { values, problems }));
      }
      try {
        await messages.update(
          project.id,
          recordReviewUpdate,
          { review: parsed.data, by: action.email, channel: 'api' },
          // The mailed review link's id: whichever way comes second is answered from the first.
          reviewUpdateId(project.id, parsed.data.momentId),
        );
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        return void res.status(409).send(reviewActionPage(viewer, project, state, { values, refusal }));
      }
      done(res, project.id, 'review-recorded');
    }),
  );

  router.get(
    '/work/projects/:id/amendments/new',
    officers(
      (action, _req, res) => void res.send(amendmentPage(action.viewer, action.project, action.state)),
    ),
  );
  router.post(
    '/work/projects/:id/amendments/new',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const parsed = contractAmendment.safeParse(amendmentFromForm(values));
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, amendmentFieldOf);
        return void res.status(400).send(amendmentPage(viewer, project, state, { values, problems }));
      }
      try {
        await messages.update(project.id, amendContractUpdate, { ...parsed.data, by: action.email });
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        const field = refusedField(error, amendmentFieldOf);
        const problems = field ? { [field]: refusal } : undefined;
        return void res
          .status(422)
          .send(amendmentPage(viewer, project, state, { values, refusal, problems }));
      }
      done(res, project.id, 'amended');
    }),
  );

  router.get(
    '/work/projects/:id/end-of-use',
    officers((action, _req, res) => void res.send(endOfUsePage(action.viewer, action.project, action.state))),
  );
  router.post(
    '/work/projects/:id/end-of-use',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, state, locale } = action;
      const values = formStrings(req.body);
      const parsed = startEndOfUse.safeParse({ reason: filled(values.reason) });
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, () => 'reason');
        return void res.status(400).send(endOfUsePage(viewer, project, state, { values, problems }));
      }
      try {
        await messages.update(project.id, startEndOfUseUpdate, { ...parsed.data, by: action.email });
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        return void res.status(409).send(endOfUsePage(viewer, project, state, { values, refusal }));
      }
      done(res, project.id, 'end-of-use-started');
    }),
  );

  router.get(
    '/work/projects/:id/cancel',
    officers((action, _req, res) => void res.send(cancelPage(action.viewer, action.project))),
  );
  router.post(
    '/work/projects/:id/cancel',
    sessions.csrf,
    officers(async (action, req, res) => {
      const { viewer, project, locale } = action;
      const values = formStrings(req.body);
      const parsed = cancelInput.safeParse({ reason: filled(values.reason) });
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, locale, () => 'reason');
        return void res.status(400).send(cancelPage(viewer, project, { values, problems }));
      }
      if (values.confirmed !== 'yes')
        return void res.send(cancelPage(viewer, project, { values, confirming: true }));
      try {
        // One request id per person and reason: a second press of the confirmation sends nothing more.
        await messages.signal(
          project.id,
          cancelSignal,
          { reason: parsed.data.reason, by: action.email },
          `cancel:${project.id}:${action.email}:${createHash('sha256').update(parsed.data.reason).digest('hex').slice(0, 16)}`,
        );
      } catch (error) {
        const refusal = refusalReason(error, locale);
        if (refusal === undefined) throw error;
        return void res.status(409).send(cancelPage(viewer, project, { values, confirming: true, refusal }));
      }
      done(res, project.id, 'cancelled');
    }),
  );
}
