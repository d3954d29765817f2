/**
 * A first project page of the workspace: what visibility says about one project (step, status,
 * who must decide). The lead extends it with the project's state; a project outside the person's
 * scope gets the same "not found" page as a missing one.
 */
import { p } from '../../api/pages';
import { type StepId, stepLabel } from '../../domain/catalogue';
import type { ProjectStatus } from '../../domain/project';
import { type SafeHtml, safeHtml } from '../html';
import { statusLabel } from '../labels';
import { t } from '../locale';
import { type WorkspaceViewer, workspacePage } from './layout';

export interface ProjectSummaryView {
  id: string;
  title: string;
  organisation?: string | undefined;
  step?: StepId | undefined;
  status?: ProjectStatus | undefined;
  pendingApprovers: string[];
}

const row = (name: string, value: string): SafeHtml =>
  safeHtml`<tr><th scope="row">${name}</th><td>${value}</td></tr>`;

export function projectPage(viewer: WorkspaceViewer, project: ProjectSummaryView): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: project.title,
    current: 'project',
    body: safeHtml`<p><a href="/work">${t(locale, 'Terug naar mijn werk', 'Back to my work')}</a></p>
<table><caption>${t(locale, 'Project', 'Project')} ${project.id}</caption><tbody>
${row(t(locale, 'Organisatie', 'Organisation'), project.organisation ?? '—')}
${row(t(locale, 'Stap', 'Step'), project.step ? stepLabel(project.step, locale) : '—')}
${row(t(locale, 'Status', 'Status'), project.status ? statusLabel(project.status, locale) : '—')}
${row(t(locale, 'Wacht op', 'Waiting on'), project.pendingApprovers.join(', ') || '—')}
</tbody></table>`,
  });
}

export function projectNotFoundPage(viewer: WorkspaceViewer): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: t(locale, 'Project niet gevonden', 'Project not found'),
    tone: 'error',
    body: safeHtml`${p(t(locale, 'Dit project bestaat niet of u hebt er geen toegang toe.', 'This project does not exist or you have no access to it.'))}<p><a href="/work">${t(locale, 'Terug naar mijn werk', 'Back to my work')}</a></p>`,
  });
}
