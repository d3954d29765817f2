/**
 * The project list as CSV (GET /work/projects.csv): the same filtered, sorted list as the page,
 * every page of it up to LIST_CAP. Fields are escaped by the case file's `csvField` (RFC 4180
 * quoting, formula injection neutralised); labels in the reader's language, ids beside them so a
 * spreadsheet can filter on either.
 */
import { type Locale, stepLabel } from '../../domain/catalogue';
import { statusLabel } from '../../presentation/labels';
import { t } from '../../presentation/locale';
import { csvField } from '../export/csv';
import type { ProjectSummary } from '../projects/list';
import { LIST_CAP } from './project-list';

function headers(locale: Locale): string[] {
  return [
    'id',
    t(locale, 'Titel', 'Title'),
    t(locale, 'Organisatie', 'Organisation'),
    t(locale, 'Productgroep', 'Product group'),
    'step',
    t(locale, 'Stap', 'Step'),
    'status',
    t(locale, 'Status', 'Status'),
    t(locale, 'Wacht op', 'Waiting on'),
    t(locale, 'Einde contract', 'Contract end'),
    t(locale, 'Gestart', 'Started'),
  ];
}

function row(project: ProjectSummary, locale: Locale): string[] {
  return [
    project.id,
    project.title,
    project.organisation ?? '',
    project.productGroup ?? '',
    project.step ?? '',
    project.step ? stepLabel(project.step, locale) : '',
    project.status ?? '',
    project.status ? statusLabel(project.status, locale) : '',
    project.pendingApprovers.join(' '),
    project.contractEndDate ?? '',
    project.startedAt,
  ];
}

/** The note a capped export ends with (its own row, first field), and the page shows beside the link. */
export const capNote = (locale: Locale): string =>
  t(
    locale,
    `Lijst afgebroken na ${LIST_CAP} projecten: verfijn de filters voor de rest.`,
    `List cut off after ${LIST_CAP} projects: narrow the filters for the rest.`,
  );

export function projectsCsv(projects: ProjectSummary[], capped: boolean, locale: Locale): string {
  const lines = [headers(locale), ...projects.map((project) => row(project, locale))].map((fields) =>
    fields.map(csvField).join(','),
  );
  if (capped) lines.push(csvField(capNote(locale)));
  // A byte-order mark, so spreadsheets open it as UTF-8 (é, ë, €), as the case file's CSV does.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
