/**
 * Deciding from the workspace (GET /work/projects/:id/decision): the round's header and digest and
 * the decision and delegation forms of the mailed decision page, with the session's CSRF field.
 */
import { type DecisionFormValues, decisionForm, projectHeader } from '../../../api/links/decision-pages';
import type { ApprovalRound } from '../../../domain/approval-policy';
import { safeHtml } from '../../html';
import { t } from '../../locale';
import { knownPerson } from '../../people';
import type { ProjectView } from '../../../workflows/messages';
import { type WorkspaceViewer, csrfField } from '../layout';
import { type ActionProject, actionPage, actionPath, problemsNotice, refusalNotice } from './action-page';

export interface DecisionPageValues extends DecisionFormValues {
  refusal?: string;
}

export function workspaceDecisionPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  state: ProjectView,
  round: ApprovalRound,
  values: DecisionPageValues = {},
): string {
  const { locale, timeZone } = viewer;
  const name = knownPerson(state, viewer.email)?.name ?? viewer.name;
  return actionPage(viewer, project, {
    title: t(locale, `Uw beslissing, ${name}`, `Your decision, ${name}`),
    namesProject: false,
    body: safeHtml`${refusalNotice(locale, values.refusal)}${problemsNotice(locale, Object.keys(values.problems ?? {}).length)}
${projectHeader(state, round, locale, timeZone)}
${decisionForm(actionPath(project.id, 'decision'), locale, values, csrfField(viewer.csrfToken))}`,
  });
}
