/**
 * The project page of the workspace: where the project is in the seven steps, what happens next,
 * the open round, each step's deliverable with its earlier versions, the contract plan, lessons,
 * the case file's documents and the timeline; the actions that apply; for operators the workflow
 * in the Temporal UI. Its content lives in one element that live.js swaps when the project changes
 * elsewhere (a mailed decision, a timer); without script the page works on reload.
 */
import { p } from '../../api/pages';
import type { Role } from '../../api/auth';
import type { Locale } from '../../domain/catalogue';
import type { AuditEntry } from '../../domain/project';
import type { ProjectView } from '../../workflows/messages';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';
import { type WorkspaceViewer, workspacePage } from './layout';
import { actionsSection, doneNotice, projectActions } from './project-actions';
import { contractSection, lessonsSection } from './project-contract';
import { deliverablesSection, documentsSection } from './project-deliverables';
import { openRoundSection, progressLine, whatHappensNext } from './project-progress';
import { timelineSection } from './project-timeline';

export interface ProjectPageModel {
  view: ProjectView;
  /** The whole audit trail, oldest first. */
  audit: AuditEntry[];
  /** The project's change mark when the page was read (api/workspace/project-events.ts). */
  version: string;
  roles: Role[];
  /** The workflow in the Temporal Web UI: operators only. */
  temporalUiUrl?: string | undefined;
  /** The code an action page redirected with (`?done=`). */
  done?: unknown;
}

export const projectEventsPath = (projectId: string, version: string): string =>
  `/work/projects/${projectId}/events?since=${encodeURIComponent(version)}`;

const STYLE = safeHtml`<style>
ol.progress{display:flex;flex-wrap:wrap;gap:6px;padding:0;list-style:none;counter-reset:none}
ol.progress li{flex:1 1 130px;margin:0;padding:8px;border-radius:6px;border:2px solid #c8d2c8;background:#fff;font-size:14px}
ol.progress li.done{background:#eef5ee}ol.progress li[aria-current=step]{border-color:#1b5e20;background:#e3efe3;font-weight:600}
ol.progress .note{display:block;font-weight:400;color:#444}
ul.actions{display:flex;flex-wrap:wrap;gap:8px;padding:0;list-style:none}
a.button{display:inline-block;padding:10px 16px;border-radius:6px;background:#1b5e20;color:#fff;font-weight:600;text-decoration:none}
ol.timeline{padding-left:20px}article{margin:12px 0 20px}h3{font-size:16px;margin:16px 0 4px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style>`;

function temporalLink(url: string | undefined, locale: Locale): SafeHtml {
  if (!url) return safeHtml``;
  return safeHtml`<p><a href="${url}" rel="noopener">${t(locale, 'De workflow in de Temporal UI', 'The workflow in the Temporal UI')}</a></p>`;
}

/** The part of the page that live.js replaces when the project changes. */
export function projectContent(viewer: WorkspaceViewer, model: ProjectPageModel): SafeHtml {
  const { view } = model;
  const { locale, timeZone } = viewer;
  const actions = projectActions(view, { email: viewer.email, roles: model.roles }, locale);
  return safeHtml`<div id="project-content" data-events="${projectEventsPath(view.projectId, model.version)}">
<p class="meta">${t(locale, 'Organisatie', 'Organisation')}: ${view.organisation} — ${t(locale, 'productgroep', 'product group')} ${view.productGroup} — ${t(locale, 'aanvrager', 'requester')} ${view.requester.name}</p>
${progressLine(view, locale)}
${whatHappensNext(view, viewer)}
${actionsSection(actions, locale)}
${openRoundSection(view, viewer)}
${deliverablesSection(view, viewer)}
${contractSection(view, viewer)}
${lessonsSection(view, viewer)}
${documentsSection(view, viewer)}
${timelineSection(model.audit, locale, timeZone)}
${temporalLink(model.temporalUiUrl, locale)}
</div>`;
}

export function projectPage(viewer: WorkspaceViewer, model: ProjectPageModel): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: model.view.title,
    current: 'project',
    scripts: ['/work/assets/live.js'],
    body: safeHtml`${STYLE}<p><a href="/work">${t(locale, 'Terug naar mijn werk', 'Back to my work')}</a></p>
${doneNotice(model.done, locale)}
<p id="live-status" class="visually-hidden" aria-live="polite" data-updated="${t(locale, 'Bijgewerkt', 'Updated')}"></p>
${projectContent(viewer, model)}`,
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
