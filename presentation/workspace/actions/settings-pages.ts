/**
 * Approval settings per gate (who approves, by which rule) and resending a decision link to an
 * approver the open round waits on.
 */
import { p } from '../../../api/pages';
import { GATE_IDS, GATE_LABELS, type GateId } from '../../../domain/catalogue';
import { type SafeHtml, safeHtml } from '../../html';
import { policyText } from '../../labels';
import { t } from '../../locale';
import { inputField, selectField, textareaField } from '../../form-fields';
import type { ProjectView } from '../../../workflows/messages';
import type { WorkspaceViewer } from '../layout';
import {
  type ActionFormValues,
  type ActionProject,
  actionForm,
  actionPage,
  actionPath,
  problemsNotice,
  refusalNotice,
  submitButton,
} from './action-page';

/** The settings in force per gate: the gate's own approvers and rule, or the project's. */
function settingsTable(state: ProjectView, locale: 'nl' | 'en'): SafeHtml {
  const { approvals } = state;
  const rows = GATE_IDS.map((gate: GateId) => {
    const own = approvals.gates[gate] ?? undefined;
    const approvers = own?.approvers
      ? own.approvers.map((person) => person.name).join(', ')
      : t(locale, 'volgens de rollen van het project', 'by the project’s roles');
    const policy = own?.policy ?? approvals.policy;
    return safeHtml`<tr><th scope="row">${GATE_LABELS[gate][locale]}</th><td>${approvers}</td><td>${policyText(policy, own?.approvers?.length ?? 0, locale, 'brief')}</td></tr>`;
  });
  return safeHtml`<table><caption>${t(locale, 'Goedkeuring per poort nu', 'Approval per gate now')}</caption>
<thead><tr><th scope="col">${t(locale, 'Poort', 'Gate')}</th><th scope="col">${t(locale, 'Goedkeurders', 'Approvers')}</th><th scope="col">${t(locale, 'Regel', 'Rule')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function approvalSettingsPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const values = form.values ?? {};
  const { problems } = form;
  const fields = safeHtml`${selectField({
    name: 'gate',
    label: t(locale, 'Poort', 'Gate'),
    value: values.gate ?? state.gate,
    problems,
    required: true,
    options: GATE_IDS.map((gate) => ({ value: gate, label: GATE_LABELS[gate][locale] })),
  })}
${selectField({
  name: 'rule',
  label: t(locale, 'Regel', 'Rule'),
  value: values.rule,
  problems,
  required: true,
  options: [
    { value: 'all', label: t(locale, 'Iedereen moet goedkeuren', 'Everyone must approve') },
    { value: 'any', label: t(locale, 'Eén goedkeuring volstaat', 'One approval is enough') },
    {
      value: 'quorum',
      label: t(locale, 'Een aantal goedkeuringen (quorum)', 'A number of approvals (quorum)'),
    },
  ],
})}
${inputField({ name: 'quorum', label: t(locale, 'Aantal goedkeuringen (alleen bij quorum)', 'Number of approvals (quorum only)'), type: 'number', value: values.quorum, problems, attributes: safeHtml` min="1" step="1"` })}
<label><input type="checkbox" name="sequential" value="yes"${values.sequential === 'yes' ? safeHtml` checked` : ''}> ${t(locale, 'In volgorde beslissen', 'Decide in order')}</label>
${textareaField({ name: 'approvers', label: t(locale, 'Goedkeurders, één per regel: Naam <e-mailadres> (leeg: volgens de rollen)', 'Approvers, one per line: Name <email address> (empty: by the roles)'), value: values.approvers, problems })}`;
  return actionPage(viewer, project, {
    title: t(locale, 'Goedkeuringsinstellingen', 'Approval settings'),
    body: safeHtml`${refusalNotice(locale, form.refusal)}${problemsNotice(locale, Object.keys(problems ?? {}).length)}
${settingsTable(state, locale)}
${p(t(locale, 'Een wijziging geldt voor rondes die vanaf nu openen.', 'A change applies to rounds that open from now on.'), 'meta')}
${actionForm(actionPath(project.id, 'approval-settings'), viewer, fields, submitButton(t(locale, 'Instellingen opslaan', 'Save the settings')))}`,
  });
}

export function resendPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  form: ActionFormValues = {},
): string {
  const { locale } = viewer;
  const round = state.currentRound;
  const title = t(locale, 'Beslissingslink opnieuw sturen', 'Resend a decision link');
  const waiting = round?.slots.filter((slot) => state.pendingApprovers.includes(slot.holder.email)) ?? [];
  if (!round || waiting.length === 0)
    return actionPage(viewer, project, {
      title,
      body: p(
        t(
          locale,
          'Er wacht nu niemand op een link: geen goedkeuringsronde wacht op een beslissing.',
          'Nobody is waiting for a link: no approval round waits for a decision.',
        ),
      ),
    });
  const fields = selectField({
    name: 'approver',
    label: t(locale, 'Goedkeurder', 'Approver'),
    value: form.values?.approver,
    problems: form.problems,
    required: true,
    options: waiting.map((slot) => ({
      value: slot.holder.email,
      label: `${slot.holder.name} (${slot.holder.email})`,
    })),
  });
  return actionPage(viewer, project, {
    title,
    body: safeHtml`${refusalNotice(locale, form.refusal)}${problemsNotice(locale, Object.keys(form.problems ?? {}).length)}
${p(t(locale, `${GATE_LABELS[round.gate].nl} — ronde ${round.number}. De goedkeurder krijgt een nieuwe link per e-mail.`, `${GATE_LABELS[round.gate].en} — round ${round.number}. The approver receives a new link by email.`))}
${actionForm(actionPath(project.id, 'resend'), viewer, fields, submitButton(t(locale, 'Link opnieuw sturen', 'Resend the link')))}`,
  });
}
