/**
 * "Does use go on past the contract end?" answered in the workspace (step 5 → 6): the owner says
 * whether the goods stay in use, until when and why, or that use ends now and step 6 starts. The
 * same question the contract-end mail asks; the same update as POST /api/projects/:id/use-confirmations.
 */
import { p } from '../../../api/pages';
import { formatDay } from '../../dates';
import { inputField, selectField, textareaField } from '../../form-fields';
import { safeHtml } from '../../html';
import { t } from '../../locale';
import type { ProjectView } from '../../../workflows/messages';
import type { WorkspaceViewer } from '../layout';
import {
  type ActionFormValues,
  type ActionProject,
  actionForm,
  actionPage,
  actionPath,
  formNotices,
  submitButton,
} from './action-page';

export function usePage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const contract = state.contract;
  const asked = contract?.useQuestionAskedAt;
  return actionPage(viewer, project, {
    title: t(locale, 'Loopt het gebruik door?', 'Does use go on?'),
    body: safeHtml`${formNotices(locale, form)}
${p(
  contract
    ? t(
        locale,
        `Het contract met ${contract.supplier} eindigt of eindigde op ${formatDay(contract.end, locale)}. Het einde van het contract is niet het einde van het gebruik: blijven de goederen in gebruik, tot wanneer en waarom? Eindigt het gebruik, dan start stap 6 (einde gebruik).`,
        `The contract with ${contract.supplier} ends or ended on ${formatDay(contract.end, locale)}. A contract end is not an end of use: do the goods stay in use, until when and why? If use ends, step 6 (end of use) starts.`,
      )
    : t(locale, 'Dit project heeft geen lopend contract.', 'This project has no contract running.'),
)}
${asked ? p(t(locale, `Gevraagd op ${formatDay(asked.slice(0, 10), locale)}.`, `Asked on ${formatDay(asked.slice(0, 10), locale)}.`), 'meta') : ''}
${actionForm(
  actionPath(project.id, 'use'),
  viewer,
  safeHtml`${selectField({
    name: 'continues',
    label: t(locale, 'Het gebruik', 'Use'),
    value: values.continues,
    problems: form.problems,
    required: true,
    options: [
      { value: '', label: t(locale, '— kies —', '— choose —') },
      { value: 'yes', label: t(locale, 'loopt door', 'goes on') },
      { value: 'no', label: t(locale, 'eindigt nu (stap 6 start)', 'ends now (step 6 starts)') },
    ],
  })}
${inputField({ name: 'until', label: t(locale, 'Tot (als het gebruik doorloopt)', 'Until (when use goes on)'), type: 'date', value: values.until, problems: form.problems })}
${textareaField({ name: 'reason', label: t(locale, 'Reden (staat, behoefte; afschrijving is geen reden)', 'Reason (condition, need; depreciation is no reason)'), value: values.reason, problems: form.problems, required: true })}`,
  submitButton(t(locale, 'Antwoord vastleggen', 'Record the answer')),
)}`,
  });
}
