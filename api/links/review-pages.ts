/** The pages behind a contract review link (/r/<token>): the review form, or why it is closed. */
import { type Locale, catalogue, kpiUnit } from '../../domain/catalogue';
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
  {
    error,
    problems,
    before = safeHtml``,
  }: { error?: string; problems?: FieldProblems; before?: SafeHtml } = {},
): SafeHtml {
  const field = (name: string, labelNl: string, labelEn: string, required = false) =>
    textareaField({ name, label: t(locale, labelNl, labelEn), value: values[name], problems, required });
  const kpis = joinHtml(
    catalogue.contract_kpis.map((kpi) =>
      inputField({
        name: `kpi-${kpi.id}`,
        label: `${kpi[locale]} (${kpiUnit(kpi.id, locale)})`,
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
${field('growthPath', 'Groeitraject', 'Growth path')}
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

/** The page for a review link as the contract stands now: the form, or why it is closed. */
export function reviewPage(link: ReviewLink, form: ReviewFormValues = {}): RenderedPage {
  const { state, moment, claims, locale, timeZone, action, expired } = link;
  const contract = state.contract;
  const heading = safeHtml`<p class="meta">${`${state.title} · ${state.organisation} · ${contract?.supplier ?? ''}`}</p><h2>${formatDay(moment.dueOn, locale)}</h2>`;
  const closed = (title: string, text: string): RenderedPage => ({
    status: 200,
    html: page(locale, { title, body: safeHtml`${heading}${p(text)}` }),
  });
  if (moment.reviewedAt) {
    return closed(
      t(locale, 'Review al geregistreerd', 'Review already recorded'),
      t(
        locale,
        `Deze review werd geregistreerd op ${formatInstant(moment.reviewedAt, locale, timeZone)}.`,
        `This review was recorded on ${formatInstant(moment.reviewedAt, locale, timeZone)}.`,
      ),
    );
  }
  if (moment.cancelledAt || state.step !== 'use-and-execution') {
    return closed(
      t(locale, 'Opvolgmoment geannuleerd', 'Follow-up moment cancelled'),
      t(locale, 'Dit opvolgmoment gaat niet meer door.', 'This follow-up moment no longer takes place.'),
    );
  }
  if (contract && contract.manager.email !== claims.a) {
    return closed(
      t(locale, 'Andere contractbeheerder', 'Another contract manager'),
      t(
        locale,
        `${contract.manager.name} beheert dit contract nu.`,
        `${contract.manager.name} manages this contract now.`,
      ),
    );
  }
  if (expired) {
    return expiredLinkPage(
      locale,
      safeHtml`${heading}${p(t(locale, `Vraag een nieuwe link aan; die komt naar ${claims.a}.`, `Ask for a new link; it is sent to ${claims.a}.`))}${renewForm(action, locale)}`,
    );
  }
  return {
    status: form.httpStatus ?? 200,
    html: page(locale, {
      title: t(locale, 'Contractreview', 'Contract review'),
      body: safeHtml`${heading}${reviewForm(action, locale, form.values ?? {}, { error: form.error })}`,
    }),
  };
}

export function reviewRecordedPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Dank u — de review is geregistreerd', 'Thank you — the review is recorded'),
    tone: 'success',
    body: p(
      t(
        locale,
        'De review is toegevoegd aan het contractdossier.',
        'The review was added to the contract file.',
      ),
    ),
  });
}
