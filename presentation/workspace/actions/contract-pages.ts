/**
 * The contract's action pages (step 5 and the end): recording a follow-up review, amending the
 * contract, starting end of use, and cancelling the project (with a confirmation step). Each keeps
 * what was typed and shows every problem beside its field, and the project's refusal with its reason.
 */
import { p } from '../../../api/pages';
import { reviewForm } from '../../../api/links/review-pages';
import { inputField, selectField, textareaField } from '../../form-fields';
import { formatDay } from '../../dates';
import { safeHtml } from '../../html';
import { momentLabel } from '../../labels';
import { t } from '../../locale';
import type { ProjectView } from '../../../workflows/messages';
import { type WorkspaceViewer, csrfField } from '../layout';
import {
  type ActionProject,
  actionForm,
  actionPage,
  actionPath,
  type ActionFormValues,
  formNotices,
  refusalNotice,
  submitButton,
} from './action-page';

type Contract = NonNullable<ProjectView['contract']>;

/** The follow-up moments waiting for their review: announced (a review is asked from then), not yet reviewed. */
export const openMoments = (contract: Contract | undefined): Contract['moments'] =>
  (contract?.moments ?? []).filter(
    (moment) => moment.announcedAt && !moment.reviewedAt && !moment.cancelledAt,
  );

export function reviewActionPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const moments = openMoments(state.contract);
  const title = t(locale, 'Opvolgreview registreren', 'Record a follow-up review');
  if (moments.length === 0)
    return actionPage(viewer, project, {
      title,
      body: p(
        t(
          locale,
          'Er is geen opvolgmoment dat op een review wacht: het contract loopt niet, het volgende moment is nog niet aangekondigd, of elke review is geregistreerd.',
          'No follow-up moment is waiting for a review: the contract is not running, the next moment is not announced yet, or every review is recorded.',
        ),
      ),
    });
  const momentChoice = selectField({
    name: 'momentId',
    label: t(locale, 'Opvolgmoment', 'Follow-up moment'),
    value: values.momentId,
    problems: form.problems,
    required: true,
    options: moments.map((moment) => ({
      value: moment.id,
      label: `${momentLabel(moment.kind, locale)} — ${formatDay(moment.dueOn, locale)}`,
    })),
  });
  return actionPage(viewer, project, {
    title,
    body: safeHtml`${formNotices(locale, form)}${p(`${state.contract?.supplier ?? ''}`, 'meta')}
${reviewForm(actionPath(project.id, 'reviews/new'), locale, values, {
  problems: form.problems,
  before: safeHtml`${csrfField(viewer.csrfToken)}${momentChoice}`,
})}`,
  });
}

/** The cadence fields an amendment may change, with their labels. */
export const CADENCE_FIELDS = [
  ['reviewEveryMonths', 'Periodieke review om de (maanden)', 'Periodic review every (months)'],
  ['strategicReviewEveryMonths', 'Strategische review om de (maanden)', 'Strategic review every (months)'],
  ['kickOffWithinDays', 'Kick-off binnen (dagen)', 'Kick-off within (days)'],
  ['noticeDays', 'Uitnodiging vooraf (dagen)', 'Invitation ahead (days)'],
  ['graceDays', 'Herinnering na (dagen)', 'Reminder after (days)'],
  ['endOfUseLeadMonths', 'Herinnering einde gebruik vooraf (maanden)', 'End-of-use reminder ahead (months)'],
] as const;

export function amendmentPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const { problems } = form;
  const contract = state.contract;
  const title = t(locale, 'Contract wijzigen', 'Amend the contract');
  if (!contract)
    return actionPage(viewer, project, {
      title,
      body: p(
        t(
          locale,
          'Dit project heeft (nog) geen lopend contract.',
          'This project has no running contract (yet).',
        ),
      ),
    });
  const options = state.submissions['tender-documents']?.data.scope.extensionOptions ?? [];
  const optionText =
    options.length === 0
      ? t(locale, 'geen', 'none')
      : options.map((option) => t(locale, `${option.months} maanden`, `${option.months} months`)).join(', ');
  const cadence = CADENCE_FIELDS.map(([name, nl, en]) =>
    inputField({
      name,
      label: `${t(locale, nl, en)} (${t(locale, 'nu', 'now')} ${contract.cadence[name]})`,
      type: 'number',
      value: values[name],
      problems,
      attributes: safeHtml` min="0" step="1"`,
    }),
  );
  return actionPage(viewer, project, {
    title,
    body: safeHtml`${formNotices(locale, form)}
${p(t(locale, `Het contract met ${contract.supplier} loopt van ${formatDay(contract.start, locale)} tot ${formatDay(contract.end, locale)}. Verlengingsopties in het bestek: ${optionText}.`, `The contract with ${contract.supplier} runs from ${formatDay(contract.start, locale)} to ${formatDay(contract.end, locale)}. Extension options in the tender: ${optionText}.`))}
${actionForm(
  actionPath(project.id, 'amendments/new'),
  viewer,
  safeHtml`${inputField({ name: 'contractEnd', label: t(locale, 'Nieuwe einddatum (verlenging of vroeger einde)', 'New end date (extension or early end)'), type: 'date', value: values.contractEnd, problems })}
<details${CADENCE_FIELDS.some(([name]) => values[name]) ? safeHtml` open` : ''}><summary>${t(locale, 'Opvolgritme wijzigen', 'Change the follow-up cadence')}</summary>${cadence}</details>
<details${values.managerName || values.managerEmail ? safeHtml` open` : ''}><summary>${t(locale, `Andere contractbeheerder (nu ${contract.manager.name})`, `Another contract manager (now ${contract.manager.name})`)}</summary>
${inputField({ name: 'managerName', label: t(locale, 'Naam', 'Name'), value: values.managerName, problems })}
${inputField({ name: 'managerEmail', label: t(locale, 'E-mailadres', 'Email address'), type: 'email', value: values.managerEmail, problems })}
</details>
${textareaField({ name: 'reason', label: t(locale, 'Reden van de wijziging', 'Reason for the amendment'), value: values.reason, problems, required: true })}`,
  submitButton(t(locale, 'Contract wijzigen', 'Amend the contract')),
)}`,
  });
}

export function endOfUsePage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const end = state.contract?.end;
  return actionPage(viewer, project, {
    title: t(locale, 'Einde gebruik starten', 'Start end of use'),
    body: safeHtml`${formNotices(locale, form)}
${p(
  end
    ? t(
        locale,
        `Het contract loopt tot ${formatDay(end, locale)}. Start het einde gebruik (stap 6) nu als het product eerder aan het einde van zijn gebruik is.`,
        `The contract runs until ${formatDay(end, locale)}. Start end of use (step 6) now if the product reaches the end of its use earlier.`,
      )
    : t(locale, 'Start het einde gebruik (stap 6).', 'Start end of use (step 6).'),
)}
${actionForm(
  actionPath(project.id, 'end-of-use'),
  viewer,
  textareaField({
    name: 'reason',
    label: t(locale, 'Reden', 'Reason'),
    value: values.reason,
    problems: form.problems,
    required: true,
  }),
  submitButton(t(locale, 'Einde gebruik starten', 'Start end of use')),
)}`,
  });
}

/** Cancelling asks twice: the reason first, then a confirmation that repeats it. */
export function cancelPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  form: ActionFormValues & { confirming?: boolean } = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const action = actionPath(project.id, 'cancel');
  if (form.confirming)
    return actionPage(viewer, project, {
      title: t(locale, 'Project echt annuleren?', 'Really cancel the project?'),
      tone: 'warning',
      body: safeHtml`${refusalNotice(locale, form.refusal)}
${p(t(locale, 'Een geannuleerd project kan niet worden hervat. Lopende goedkeuringsrondes en herinneringen stoppen. De reden:', 'A cancelled project cannot be resumed. Open approval rounds and reminders stop. The reason:'))}
<blockquote>${values.reason ?? ''}</blockquote>
${actionForm(
  action,
  viewer,
  safeHtml`<input type="hidden" name="reason" value="${values.reason ?? ''}"><input type="hidden" name="confirmed" value="yes">`,
  safeHtml`${submitButton(t(locale, 'Ja, project annuleren', 'Yes, cancel the project'), 'reject')}`,
)}
<p><a href="${action}">${t(locale, 'Nee, terug', 'No, go back')}</a></p>`,
    });
  return actionPage(viewer, project, {
    title: t(locale, 'Project annuleren', 'Cancel the project'),
    body: safeHtml`${formNotices(locale, form)}
${actionForm(
  action,
  viewer,
  textareaField({
    name: 'reason',
    label: t(locale, 'Reden van de annulering', 'Reason for cancelling'),
    value: values.reason,
    problems: form.problems,
    required: true,
  }),
  submitButton(t(locale, 'Verder', 'Continue'), 'reject'),
)}`,
  });
}
