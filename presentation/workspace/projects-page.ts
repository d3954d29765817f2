/**
 * The Projects page: a GET form of the list's filters and sort (works without script, keyboard
 * only), the matching projects of the person's scope a page at a time, and the same list as CSV.
 */
import { list, p } from '../../api/pages';
import type { ProjectSummary } from '../../api/projects/list';
import {
  LIST_CAP,
  type ListSort,
  type ProjectListForm,
  type ProjectListPage,
  SORTS,
  filterQueryString,
} from '../../api/workspace/project-list';
import { capNote } from '../../api/workspace/projects-csv';
import { type Locale, STEP_IDS, stepLabel } from '../../domain/catalogue';
import { PROJECT_STATUSES } from '../../domain/project';
import { formatDay, formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { statusLabel } from '../labels';
import { t } from '../locale';
import { type WorkspaceViewer, workspacePage } from './layout';

const SORT_LABELS: Record<ListSort, [string, string]> = {
  recent: ['Lopend eerst, nieuwste eerst', 'Running first, newest first'],
  title: ['Titel', 'Title'],
  step: ['Stap', 'Step'],
  'contract-end': ['Einde contract, vroegste eerst', 'Contract end, soonest first'],
};

const FORM_STYLE = safeHtml`<style>
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:0 16px}
.filters select,.filters input{width:100%;padding:8px;font:inherit;border:1px solid #999;border-radius:6px}
.filters .buttons{grid-column:1/-1}.pager{display:flex;gap:16px;flex-wrap:wrap}
</style>`;

function select(
  name: string,
  labelText: string,
  options: { value: string; label: string }[],
  chosen: string | undefined,
  locale: Locale,
  anyOption = true,
): SafeHtml {
  return safeHtml`<div><label for="f-${name}">${labelText}</label><select id="f-${name}" name="${name}">
${anyOption ? safeHtml`<option value="">${t(locale, '(alle)', '(any)')}</option>` : ''}
${options.map(
  (option) =>
    safeHtml`<option value="${option.value}"${option.value === chosen ? safeHtml` selected` : ''}>${option.label}</option>`,
)}</select></div>`;
}

function input(name: string, labelText: string, type: string, value: string | undefined): SafeHtml {
  return safeHtml`<div><label for="f-${name}">${labelText}</label><input id="f-${name}" name="${name}" type="${type}" value="${value ?? ''}"></div>`;
}

function filterForm(form: ProjectListForm, locale: Locale): SafeHtml {
  return safeHtml`<form method="get" action="/work/projects" class="filters" aria-label="${t(locale, 'Filters', 'Filters')}">
${select(
  'step',
  t(locale, 'Stap', 'Step'),
  STEP_IDS.map((step) => ({ value: step, label: stepLabel(step, locale) })),
  form.step,
  locale,
)}
${select(
  'status',
  t(locale, 'Status', 'Status'),
  PROJECT_STATUSES.map((status) => ({ value: status, label: statusLabel(status, locale) })),
  form.status,
  locale,
)}
${input('productGroup', t(locale, 'Productgroep', 'Product group'), 'text', form.productGroup)}
${input('organisation', t(locale, 'Organisatie', 'Organisation'), 'text', form.organisation)}
${input('pendingApprover', t(locale, 'Wacht op (e-mailadres)', 'Waiting on (email address)'), 'email', form.pendingApprover)}
${input('contractEndFrom', t(locale, 'Contract eindigt vanaf', 'Contract ends from'), 'date', form.contractEndFrom)}
${input('contractEndTo', t(locale, 'Contract eindigt tot en met', 'Contract ends up to'), 'date', form.contractEndTo)}
${select(
  'sort',
  t(locale, 'Sorteren', 'Sort'),
  SORTS.map((sort) => ({ value: sort, label: t(locale, ...SORT_LABELS[sort]) })),
  form.sort,
  locale,
  false,
)}
<div class="buttons"><button type="submit">${t(locale, 'Toon projecten', 'Show projects')}</button></div>
</form>
<p><a href="/work/projects">${t(locale, 'Alle filters wissen', 'Clear all filters')}</a></p>`;
}

function projectRow(project: ProjectSummary, viewer: WorkspaceViewer): SafeHtml {
  const { locale } = viewer;
  return safeHtml`<tr><th scope="row"><a href="/work/projects/${project.id}">${project.title}</a></th>
<td>${project.organisation ?? '—'}</td><td>${project.productGroup ?? '—'}</td>
<td>${project.step ? stepLabel(project.step, locale) : '—'}</td>
<td>${project.status ? statusLabel(project.status, locale) : '—'}</td>
<td>${project.pendingApprovers.join(', ') || '—'}</td>
<td>${project.contractEndDate ? formatDay(project.contractEndDate, locale) : '—'}</td>
<td>${formatInstant(project.startedAt, locale, viewer.timeZone)}</td></tr>`;
}

function projectTable(page: ProjectListPage, viewer: WorkspaceViewer): SafeHtml {
  const { locale } = viewer;
  if (page.items.length === 0) return p(t(locale, 'Geen projecten gevonden.', 'No projects found.'));
  const columns = [
    t(locale, 'Project', 'Project'),
    t(locale, 'Organisatie', 'Organisation'),
    t(locale, 'Productgroep', 'Product group'),
    t(locale, 'Stap', 'Step'),
    t(locale, 'Status', 'Status'),
    t(locale, 'Wacht op', 'Waiting on'),
    t(locale, 'Einde contract', 'Contract end'),
    t(locale, 'Gestart', 'Started'),
  ];
  return safeHtml`<table><caption>${t(locale, 'Projecten', 'Projects')}</caption>
<thead><tr>${columns.map((column) => safeHtml`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${page.items.map((project) => projectRow(project, viewer))}</tbody></table>`;
}

function pager(form: ProjectListForm, page: ProjectListPage, locale: Locale): SafeHtml {
  const links: SafeHtml[] = [];
  const firstPage = form.sort === 'recent' ? Boolean(form.cursor) : form.page > 1;
  if (firstPage)
    links.push(
      safeHtml`<a href="/work/projects?${filterQueryString(form)}">${t(locale, 'Eerste pagina', 'First page')}</a>`,
    );
  if (form.sort !== 'recent' && form.page > 1)
    links.push(
      safeHtml`<a href="/work/projects?${filterQueryString(form, { page: form.page - 1 })}" rel="prev">${t(locale, 'Vorige pagina', 'Previous page')}</a>`,
    );
  const next =
    form.sort === 'recent'
      ? page.nextCursor && filterQueryString(form, { cursor: page.nextCursor })
      : (page.total ?? 0) > form.page * form.limit && filterQueryString(form, { page: form.page + 1 });
  if (next)
    links.push(
      safeHtml`<a href="/work/projects?${next}" rel="next">${t(locale, 'Volgende pagina', 'Next page')}</a>`,
    );
  const position =
    page.total === undefined
      ? ''
      : t(
          locale,
          `Pagina ${form.page}, ${page.total} projecten in totaal.`,
          `Page ${form.page}, ${page.total} projects in all.`,
        );
  return safeHtml`<nav class="pager" aria-label="${t(locale, 'Pagina’s', 'Pages')}">${position}${links}</nav>`;
}

export function projectsPage(viewer: WorkspaceViewer, form: ProjectListForm, page: ProjectListPage): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: t(locale, 'Projecten', 'Projects'),
    current: 'projects',
    body: safeHtml`${FORM_STYLE}${filterForm(form, locale)}
${page.capped ? p(capNote(locale), 'notice') : ''}
${projectTable(page, viewer)}
${pager(form, page, locale)}
<p><a href="/work/projects.csv?${filterQueryString(form)}" download>${t(locale, 'Deze lijst als CSV', 'This list as CSV')}</a>
${t(locale, `(alle pagina’s, hoogstens ${LIST_CAP} projecten)`, `(all pages, at most ${LIST_CAP} projects)`)}</p>`,
  });
}

/** The filters could not be read: each problem, and the way back. */
export function badFiltersPage(viewer: WorkspaceViewer, problems: string[]): string {
  const { locale } = viewer;
  return workspacePage(viewer, {
    title: t(locale, 'Filters niet geldig', 'Filters not valid'),
    current: 'projects',
    tone: 'error',
    body: safeHtml`${p(t(locale, 'Deze filters kunnen niet gebruikt worden:', 'These filters cannot be used:'))}${list(problems)}
<p><a href="/work/projects">${t(locale, 'Alle filters wissen', 'Clear all filters')}</a></p>`,
  });
}
