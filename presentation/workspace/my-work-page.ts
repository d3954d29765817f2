/**
 * The "My work" page: decisions waiting on the person, and the running projects of their scope per
 * step and per status, in the workspace's frame (layout.ts).
 */
import { p } from '../../api/pages';
import type { MyWork } from '../../api/workspace/my-work';
import { type Locale, stepLabel } from '../../domain/catalogue';
import { formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { statusLabel } from '../labels';
import { t } from '../locale';
import { type WorkspaceViewer, workspacePage } from './layout';

function waitingSection(work: MyWork, locale: Locale): SafeHtml {
  const items = work.waiting.map(
    (decision) =>
      safeHtml`<li><a href="/work/projects/${decision.projectId}">${decision.title}</a>${decision.organisation ? ` — ${decision.organisation}` : ''}${
        decision.step ? ` — ${stepLabel(decision.step, locale)}` : ''
      }</li>`,
  );
  const more = work.waitingCount - work.waiting.length;
  return safeHtml`<section aria-labelledby="waiting"><h2 id="waiting">${t(locale, 'Beslissingen die op mij wachten', 'Decisions waiting on me')} (${work.waitingCount})</h2>
${items.length === 0 ? p(t(locale, 'Geen beslissingen die op u wachten.', 'No decisions are waiting on you.')) : safeHtml`<ul>${items}</ul>`}
${more > 0 ? p(t(locale, `En nog ${more}.`, `And ${more} more.`)) : safeHtml``}</section>`;
}

function countTable(
  caption: string,
  heading: string,
  rows: { label: string; count: number }[],
  locale: Locale,
): SafeHtml {
  return safeHtml`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${heading}</th><th scope="col">${t(locale, 'Lopende projecten', 'Running projects')}</th></tr></thead>
<tbody>${rows.map((row) => safeHtml`<tr><th scope="row">${row.label}</th><td>${row.count}</td></tr>`)}</tbody></table>`;
}

export function myWorkPage(viewer: WorkspaceViewer, work: MyWork, nowMs: number): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: t(locale, 'Mijn werk', 'My work'),
    current: 'my-work',
    body: safeHtml`${waitingSection(work, locale)}
<section aria-labelledby="projects"><h2 id="projects">${t(locale, 'Projecten van mijn organisaties', 'Projects of my organisations')}</h2>
${countTable(
  t(locale, 'Per stap', 'By step'),
  t(locale, 'Stap', 'Step'),
  work.byStep.map((row) => ({ label: stepLabel(row.step, locale), count: row.count })),
  locale,
)}
${countTable(
  t(locale, 'Per status', 'By status'),
  t(locale, 'Status', 'Status'),
  work.byStatus.map((row) => ({ label: statusLabel(row.status, locale), count: row.count })),
  locale,
)}</section>
${p(t(locale, `Stand van ${formatInstant(new Date(nowMs).toISOString(), locale, viewer.timeZone)}.`, `As of ${formatInstant(new Date(nowMs).toISOString(), locale, viewer.timeZone)}.`), 'meta')}`,
  });
}
