/**
 * What every action page of the workspace shares: the frame (back to the project, the project's
 * title), the POST form with the session's CSRF token, the notice of a change the project refused
 * (with the project's reason), and the page that says why someone may not do this.
 */
import { p } from '../../../api/pages';
import type { Locale } from '../../../domain/catalogue';
import type { FieldProblems } from '../../form-fields';
import { type SafeHtml, safeHtml } from '../../html';
import { t } from '../../locale';
import { type WorkspaceViewer, csrfField, workspacePage } from '../layout';

/** The project an action is about, as its page names it. */
export interface ActionProject {
  id: string;
  title: string;
  organisation: string;
}

/** Where each action's page lives and posts to. */
export const actionPath = (projectId: string, action: string): string =>
  `/work/projects/${projectId}/${action}`;

export function actionPage(
  viewer: WorkspaceViewer,
  project: ActionProject,
  parts: {
    title: string;
    body: SafeHtml;
    tone?: 'neutral' | 'warning' | 'error';
    /** False where the body names the project itself (the decision page's round header). */
    namesProject?: boolean;
  },
): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: parts.title,
    current: 'project',
    ...(parts.tone ? { tone: parts.tone } : {}),
    body: safeHtml`<p><a href="/work/projects/${project.id}">${t(locale, `Terug naar ${project.title}`, `Back to ${project.title}`)}</a></p>
${parts.namesProject === false ? '' : p(`${project.title} · ${project.organisation}`, 'meta')}
${parts.body}`,
  });
}

/** A POST form of the session: the CSRF field first, then the fields and the buttons. */
export function actionForm(
  action: string,
  viewer: WorkspaceViewer,
  fields: SafeHtml,
  buttons: SafeHtml,
): SafeHtml {
  return safeHtml`<form method="post" action="${action}">${csrfField(viewer.csrfToken)}
${fields}
<div class="buttons">${buttons}</div>
</form>`;
}

export const submitButton = (label: string, className = 'approve'): SafeHtml =>
  safeHtml`<button class="${className}" type="submit">${label}</button>`;

/** The project refused the change (its validator's reason, as the API's 409/422 gives it). */
export function refusalNotice(locale: Locale, reason: string | undefined): SafeHtml {
  if (!reason) return safeHtml``;
  return safeHtml`<div class="notice" role="alert">${p(
    t(
      locale,
      'Het project weigerde deze wijziging. De reden:',
      'The project refused this change. The reason:',
    ),
  )}${p(reason, 'error')}</div>`;
}

/** The form has problems: said once above it, each problem beside its field. */
export function problemsNotice(locale: Locale, count: number): SafeHtml {
  if (count === 0) return safeHtml``;
  return safeHtml`<div class="notice" role="alert">${p(
    t(
      locale,
      count === 1 ? 'Eén veld moet nog worden verbeterd.' : `${count} velden moeten nog worden verbeterd.`,
      count === 1 ? 'One field needs correcting.' : `${count} fields need correcting.`,
    ),
    'error',
  )}</div>`;
}

/** What a refused or invalid form shows again. */
export interface ActionFormValues {
  values?: Record<string, string>;
  problems?: FieldProblems;
  refusal?: string;
}

/** The refusal, or else how many fields need correcting (a refusal may also stand beside its field). */
export const formNotices = (locale: Locale, form: ActionFormValues): SafeHtml =>
  form.refusal
    ? refusalNotice(locale, form.refusal)
    : problemsNotice(locale, Object.keys(form.problems ?? {}).length);

/** Signed in, the project visible, but this is not theirs to do: 403 with the reason. */
export function forbiddenActionPage(viewer: WorkspaceViewer, project: ActionProject, reason: string): string {
  const { locale } = viewer;
  return actionPage(viewer, project, {
    title: t(locale, 'Dit kunt u hier niet doen', 'You cannot do this here'),
    tone: 'warning',
    body: p(reason),
  });
}

/** Why a person without the officer role may not change a project. */
export const officersOnly = (locale: Locale): string =>
  t(
    locale,
    'Alleen aankopers (rol ‘officer’) of beheerders (rol ‘operator’) kunnen een project wijzigen. U kunt het project bekijken.',
    'Only procurement officers (role ‘officer’) or operators (role ‘operator’) can change a project. You can view the project.',
  );
