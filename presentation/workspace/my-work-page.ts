/**
 * The "My work" page: what waits on the person (decisions, deliverables, reviews, rounds past
 * their deadline, contracts ending, recent changes), then the portfolio of their organisations at
 * a glance, in the workspace's frame (layout.ts).
 */
import { p } from '../../api/pages';
import type { ProjectSummary } from '../../api/projects/list';
import { type MyWork, SECTION_IDS, type SectionId } from '../../api/workspace/my-work';
import { type Locale, stepLabel } from '../../domain/catalogue';
import { formatDay, formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { statusLabel } from '../labels';
import { t } from '../locale';
import { type WorkspaceViewer, workspacePage } from './layout';

interface SectionText {
  heading: [string, string];
  empty: [string, string];
  /** What the line of a project adds after its title. */
  detail: (project: ProjectSummary, locale: Locale) => string;
}

const stepOf = (project: ProjectSummary, locale: Locale): string =>
  project.step ? stepLabel(project.step, locale) : '';
const statusOf = (project: ProjectSummary, locale: Locale): string =>
  [stepOf(project, locale), project.status ? statusLabel(project.status, locale) : '']
    .filter(Boolean)
    .join(', ');

function sectionTexts(work: MyWork): Record<SectionId, SectionText> {
  const { contractEndLeadDays, reviewDueDays, recentDays } = work.horizons;
  return {
    waiting: {
      heading: ['Beslissingen die op mij wachten', 'Decisions waiting on me'],
      empty: ['Geen beslissingen die op u wachten.', 'No decisions are waiting on you.'],
      detail: stepOf,
    },
    submit: {
      heading: ['Op te leveren door mij', 'Deliverables I must submit'],
      empty: ['U hoeft niets op te leveren.', 'You have nothing to submit.'],
      detail: statusOf,
    },
    reviews: {
      heading: [
        `Opvolgingsmomenten binnen ${reviewDueDays} dagen`,
        `Reviews due within ${reviewDueDays} days`,
      ],
      empty: ['Geen opvolgingsmomenten te doen.', 'No reviews are due.'],
      detail: (project, locale) =>
        project.nextReviewDue
          ? t(locale, 'gepland op ', 'due on ') + formatDay(project.nextReviewDue, locale)
          : '',
    },
    'overdue-rounds': {
      heading: ['Goedkeuringsrondes over hun termijn', 'Rounds past their deadline'],
      empty: ['Geen rondes over hun termijn.', 'No rounds are past their deadline.'],
      detail: (project, locale) =>
        [
          stepOf(project, locale),
          project.pendingApprovers.length > 0
            ? t(locale, 'wacht op ', 'waiting on ') + project.pendingApprovers.join(', ')
            : '',
        ]
          .filter(Boolean)
          .join(', '),
    },
    'contracts-ending': {
      heading: [
        `Contracten die binnen ${contractEndLeadDays} dagen aflopen`,
        `Contracts ending within ${contractEndLeadDays} days`,
      ],
      empty: ['Geen contracten die binnenkort aflopen.', 'No contracts end soon.'],
      detail: (project, locale) =>
        project.contractEndDate
          ? t(locale, 'loopt af op ', 'ends on ') + formatDay(project.contractEndDate, locale)
          : '',
    },
    recent: {
      heading: [`Gewijzigd in de laatste ${recentDays} dagen`, `Changed in the last ${recentDays} days`],
      empty: ['Geen recente wijzigingen.', 'No recent changes.'],
      detail: statusOf,
    },
  };
}

function section(id: SectionId, work: MyWork, text: SectionText, locale: Locale): SafeHtml {
  const { projects, count } = work.sections[id];
  const items = projects.map((project) => {
    const organisation = project.organisation ? ` — ${project.organisation}` : '';
    const detail = text.detail(project, locale);
    return safeHtml`<li><a href="/work/projects/${project.id}">${project.title}</a>${organisation}${detail ? ` — ${detail}` : ''}</li>`;
  });
  const more = count - projects.length;
  return safeHtml`<section aria-labelledby="${id}"><h2 id="${id}">${t(locale, ...text.heading)} (${count})</h2>
${items.length === 0 ? p(t(locale, ...text.empty)) : safeHtml`<ul>${items}</ul>`}
${more > 0 ? p(t(locale, `En nog ${more}.`, `And ${more} more.`)) : ''}</section>`;
}

function countTable(
  caption: string,
  heading: string,
  countHeading: string,
  rows: { label: string; count: number }[],
): SafeHtml {
  return safeHtml`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${heading}</th><th scope="col">${countHeading}</th></tr></thead>
<tbody>${rows.map((row) => safeHtml`<tr><th scope="row">${row.label}</th><td>${row.count}</td></tr>`)}</tbody></table>`;
}

function portfolio(work: MyWork, locale: Locale): SafeHtml {
  const running = t(locale, 'Lopende projecten', 'Running projects');
  return safeHtml`<section aria-labelledby="projects"><h2 id="projects">${t(locale, 'Projecten van mijn organisaties', 'Projects of my organisations')}</h2>
${countTable(
  t(locale, 'In één oogopslag', 'At a glance'),
  t(locale, 'Wat', 'What'),
  t(locale, 'Aantal', 'Number'),
  [
    { label: t(locale, 'Vermeden aankopen', 'Purchases avoided'), count: work.purchasesAvoided },
    { label: t(locale, 'Opvolgingsmomenten over tijd', 'Overdue reviews'), count: work.overdueReviews },
  ],
)}
${countTable(
  t(locale, 'Per stap', 'By step'),
  t(locale, 'Stap', 'Step'),
  running,
  work.byStep.map((row) => ({ label: stepLabel(row.step, locale), count: row.count })),
)}
${countTable(
  t(locale, 'Per status', 'By status'),
  t(locale, 'Status', 'Status'),
  running,
  work.byStatus.map((row) => ({ label: statusLabel(row.status, locale), count: row.count })),
)}</section>`;
}

export function myWorkPage(viewer: WorkspaceViewer, work: MyWork, nowMs: number): string {
  const { locale } = viewer;
  const texts = sectionTexts(work);
  const asOf = formatInstant(new Date(nowMs).toISOString(), locale, viewer.timeZone);
  return workspacePage(viewer, {
    title: t(locale, 'Mijn werk', 'My work'),
    current: 'my-work',
    body: safeHtml`${SECTION_IDS.map((id) => section(id, work, texts[id], locale))}
${portfolio(work, locale)}
${p(t(locale, `Stand van ${asOf}.`, `As of ${asOf}.`), 'meta')}`,
  });
}
