/** The pages behind a contract review link (/r/<token>): the review form, or why it is closed. */
import { type Locale, catalogue } from '../../domain/catalogue';
import { formatDay, formatInstant } from '../../presentation/dates';
import { type SafeHtml, joinHtml, safeHtml } from '../../presentation/html';
import { type FieldProblems, filled, inputField, textareaField } from '../../presentation/form-fields';
import { t } from '../../presentation/locale';
import type { ProjectView } from '../../workflows/messages';
import { type RenderedPage, expiredLinkPage, p, page, renewForm } from '../pages';
import type { OpenedLink } from './link-tools';

type FollowUpMoment = NonNullable<ProjectView['contract']>['moments'][number];

/** A review link with the follow-up moment it is for. */
export type ReviewLink = OpenedLink<'review'> & { moment: FollowUpMoment };

/** What the form shows again after a refused post: the fields as typed, and the problem. */
export interface ReviewFormValues {
  values?: Record<string, string>;
  error?: string;
  httpStatus?: number;
}

/**
 * The review form, posting to `action`. `before` opens the form (the workspace's CSRF field and its
 * choice of follow-up moment; a mailed link's moment and token are in its address).
 */
export function reviewForm(
  action: string,
  locale: Locale,
  values: Record<string, string>,
  { error, problems, before = safeHtml`` }: { error?: string; problems?: FieldProblems; before?: SafeHtml } = {},
): SafeHtml {
  const field = (name: string, labelNl: string, labelEn: string, required = false) =>
    textareaField({ name, label: t(locale, labelNl, labelEn), value: values[name], problems, required });
  const kpis = joinHtml(
    catalogue.contract_kpis.map((kpi) =>
      inputField({
        name: `kpi-${kpi.id}`,
        label: `${kpi[locale]} (${kpi.unit})`,
        type: 'number',
        value: values[`kpi-${kpi.id}`],
        problems,
        attributes: safeHtml` step="any"`,
      }),
    ),
    '\n',
  );
  return safeHtml`<form method="post" action="${action}">${before}
${error ? p(error, 'error') : ''}
${field('performance', 'Prestaties en opvolging', 'Performance and follow-up', true)}
${field('availability', 'Beschikbaarheid', 'Availability')}
${field('repair', 'Herstellingen', 'Repairs')}
${field('maintenance', 'Onderhoud', 'Maintenance')}
${field('lifetime', 'Levensduur', 'Lifetime')}
${field('userTraining', 'Opleiding gebruikers', 'User training')}
${field('growthPath', 'Groeipad', 'Growth path')}
${field('issues', 'Knelpunten', 'Issues')}
<details open><summary>${t(locale, 'KPI’s (optioneel)', 'KPIs (optional)')}</summary>${kpis}</details>
<div class="buttons"><button class="approve" type="submit">${t(locale, 'Review registreren', 'Record the review')}</button></div>
</form>`;
}

/** The posted form's text fields as the contract review the workflow expects (blank fields left out). */
export function reviewFromForm(momentId: string, body: Record<string, string>) {
  const text = (key: string) => filled(body[key]);
  return {
    momentId,
    kpis: catalogue.contract_kpis.flatMap((kpi) => {
      const raw = text(`kpi-${kpi.id}`);
      return raw === undefined ? [] : [{ kpiId: kpi.id, value: Number(raw) }];
    }),
    performance: text('performance'),
    availability: text('availability'),
    repair: text('repair'),
    maintenance: text('maintenance'),
    lifetime: text('lifetime'),
    userTraining: text('userTraining'),
    growthPath: text('growthPath'),
    issues: text('issues'),
  };
}

/** The form field that shows a problem of the review made from this form (reviewFromForm) at a path. */
export function reviewFieldOf(body: Record<string, string>): (path: PropertyKey[]) => string {
  const filledKpis = catalogue.contract_kpis.filter((kpi) => filled(body[`kpi-${kpi.id}`]) !== undefined);
  return ([first, index]) => {
    if (first === 'kpis') {
      const kpi = typeof index === 'number' ? filledKpis[index] : undefined;
      return kpi ? `kpi-${kpi.id}` : 'performance';
    }
    return typeof first === 'string' && first !== 'momentId' ? first : 'performance';
  };
}
