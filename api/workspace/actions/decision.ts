/**
 * Deciding and delegating from the workspace: GET/POST /work/projects/:id/decision and POST
 * …/decision/delegate, for a person the open round waits on. The decision is the very update the
 * mailed link sends (decision-update.ts), under the same update id, so the link afterwards finds it
 * already recorded and a second attempt either way is answered from the first.
 */
import type { Response, Router } from 'express';
import { decisionStatus } from '../../links/decision-status';
import { decisionUpdate } from '../../links/decision-update';
import type { ApprovalRound } from '../../../domain/approval-policy';
import { decisionInput, delegationInput } from '../../../domain/schemas';
import { formatInstant } from '../../../presentation/dates';
import { type FieldProblems, filled, formStrings, problemsOf } from '../../../presentation/form-fields';
import { outcomeLabel } from '../../../presentation/labels';
import { t } from '../../../presentation/locale';
import {
  type DecisionPageValues,
  workspaceDecisionPage,
} from '../../../presentation/workspace/actions/decision-page';
import { decideUpdate, delegateUpdate } from '../../../workflows/messages';
import type { WorkspaceDependencies } from '../context';
import { type ActionRequest, actionRoute, done, refusalReason, sendForbidden } from './action-context';

/** The open round when it waits on this person now; otherwise the page says why not (403). */
function openSeat(action: ActionRequest, res: Response): ApprovalRound | undefined {
  const { state, email, locale, viewer } = action;
  const round = state.currentRound;
  const status = round ? decisionStatus(state, { g: round.gate, r: round.number, a: email }) : undefined;
  if (round && status?.kind === 'open') return round;
  let reason = t(
    locale,
    'Dit project wacht niet op uw beslissing: er loopt geen goedkeuringsronde waarin u gevraagd bent.',
    'This project is not waiting on your decision: no approval round asks you.',
  );
  if (status?.kind === 'recorded') {
    const decision = status.slot.decision;
    reason = t(
      locale,
      `U hebt al beslist in deze ronde: ${outcomeLabel(decision?.kind ?? '', locale)} op ${formatInstant(decision?.at ?? '', locale, viewer.timeZone)}.`,
      `You already decided in this round: ${outcomeLabel(decision?.kind ?? '', locale)} on ${formatInstant(decision?.at ?? '', locale, viewer.timeZone)}.`,
    );
  } else if (status?.kind === 'waiting') {
    reason = t(
      locale,
      `Deze ronde verloopt in volgorde: eerst beslist ${status.waitingFor.name}.`,
      `This round runs in order: ${status.waitingFor.name} decides first.`,
    );
  } else if (status?.kind === 'delegated') {
    reason = t(
      locale,
      `U hebt deze beslissing gedelegeerd aan ${status.slot.holder.name}.`,
      `You delegated this decision to ${status.slot.holder.name}.`,
    );
  }
  sendForbidden(res, action, reason);
  return undefined;
}

/** The decision's one field is its comment (the buttons carry the decision itself). */
const decisionFieldOf = (): string => 'comment';
const delegationFieldOf = (path: PropertyKey[]): string =>
  path[0] === 'to' ? (path[1] === 'email' ? 'email' : 'name') : 'delegation-comment';

export function mountDecisionActions(router: Router, dependencies: WorkspaceDependencies): void {
  const { messages } = dependencies;
  const path = '/work/projects/:id/decision';
  const render = (
    res: Response,
    action: ActionRequest,
    round: ApprovalRound,
    values: DecisionPageValues = {},
    status = 200,
  ) =>
    void res
      .status(status)
      .send(workspaceDecisionPage(action.viewer, action.project, action.state, round, values));

  router.get(
    path,
    actionRoute(dependencies, 'anyone', (action, _req, res) => {
      const round = openSeat(action, res);
      if (round) render(res, action, round);
    }),
  );

  router.post(
    path,
    dependencies.sessions.csrf,
    actionRoute(dependencies, 'anyone', async (action, req, res) => {
      const round = openSeat(action, res);
      if (!round) return;
      const form = formStrings(req.body);
      const parsed = decisionInput.safeParse({ decision: form.decision, comment: filled(form.comment) });
      if (!parsed.success) {
        const problems: FieldProblems = problemsOf(parsed.error, action.locale, decisionFieldOf);
        return render(res, action, round, { comment: form.comment, problems }, 400);
      }
      const seat = {
        project: action.project.id,
        gate: round.gate,
        round: round.number,
        approver: action.email,
      };
      const { updateId, args } = decisionUpdate(seat, parsed.data.decision, parsed.data.comment);
      try {
        const result = await messages.update(action.project.id, decideUpdate, args[0], updateId);
        // The same update id answers with the first decision: a different one was recorded before.
        if (result.decision !== parsed.data.decision) {
          const refusal = t(
            action.locale,
            `Uw beslissing was al geregistreerd: ${outcomeLabel(result.decision, action.locale)}.`,
            `Your decision was already recorded: ${outcomeLabel(result.decision, action.locale)}.`,
          );
          return render(res, action, round, { comment: form.comment, refusal }, 409);
        }
      } catch (error) {
        const refusal = refusalReason(error, action.locale);
        if (refusal === undefined) throw error;
        return render(res, action, round, { comment: form.comment, refusal }, 409);
      }
      done(res, action.project.id, 'decided');
    }),
  );

  router.post(
    `${path}/delegate`,
    dependencies.sessions.csrf,
    actionRoute(dependencies, 'anyone', async (action, req, res) => {
      const round = openSeat(action, res);
      if (!round) return;
      const form = formStrings(req.body);
      const delegation = { name: form.name, email: form.email, comment: form.comment };
      const parsed = delegationInput.safeParse({
        gate: round.gate,
        round: round.number,
        to: { name: filled(form.name), email: filled(form.email)?.toLowerCase(), locale: action.locale },
        comment: filled(form.comment),
      });
      if (!parsed.success) {
        const problems = problemsOf(parsed.error, action.locale, delegationFieldOf);
        return render(res, action, round, { delegation, problems }, 400);
      }
      try {
        await messages.update(action.project.id, delegateUpdate, {
          ...parsed.data,
          from: action.email,
          channel: 'api',
        });
      } catch (error) {
        const refusal = refusalReason(error, action.locale);
        if (refusal === undefined) throw error;
        return render(res, action, round, { delegation, refusal }, 409);
      }
      done(res, action.project.id, 'delegated');
    }),
  );
}
