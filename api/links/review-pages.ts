/** The pages behind a contract review link (/r/<token>): the review form, or why it is closed. */
import { type Locale, catalogue, kpiUnit } from '../../domain/catalogue';
import type { TrackedCommitment } from '../../domain/growth-commitments';
import { formatDay, formatInstant } from '../../presentation/dates';
import { type SafeHtml, joinHtml, safeHtml } from '../../presentation/html';
import {
  type FieldProblems,
  filled,
  inputField,
  selectField,
  textareaField,
} from '../../presentation/form-fields';
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
  const choice = (name: string, labelNl: string, labelEn: string, options: [string, string, string][]) =>
    selectField({
      name,
      label: t(locale, labelNl, labelEn),
      value: values[name],
      problems,
      options: [
        { value: '', label: '—' },
        ...options.map(([value, nl, en]) => ({ value, label: t(locale, nl, en) })),
      ],
    });
  // Each KPI as realised and as its circular potential (5.2: what is reached, what is still open).
  const kpiInput = (
    kpi: (typeof catalogue.contract_kpis)[number],
    part: '' | '-potential',
    nl: string,
    en: string,
  ) =>
    inputField({
      name: `kpi-${kpi.id}${part}`,
      label: `${kpi[locale]} (${kpiUnit(kpi.id, locale)}) — ${t(locale, nl, en)}`,
      type: 'number',
      value: values[`kpi-${kpi.id}${part}`],
      problems,
      attributes: safeHtml` step="any"`,
    });
  const kpis = joinHtml(
    catalogue.contract_kpis.map(
      (kpi) =>
        safeHtml`${kpiInput(kpi, '', 'gerealiseerd', 'realised')}${kpiInput(kpi, '-potential', 'potentieel', 'potential')}`,
    ),
    '\n',
  );
  return safeHtml`<form method="post" action="${action}">${before}
${error ? p(error, 'error') : ''}
${field('performance', 'Prestaties en opvolging', 'Performance and follow-up', true)}
${field('circularityRealised', 'Gerealiseerde circulariteit (gemeten)', 'Circularity realised (measured)')}
${field('circularityPotential', 'Circulair potentieel dat nog openligt', 'Circular potential still open')}
${field('availability', 'Beschikbaarheid', 'Availability')}
${field('repair', 'Herstellingen', 'Repairs')}
${field('maintenance', 'Onderhoud', 'Maintenance')}
${field('lifetime', 'Levensduur', 'Lifetime')}
${field('userTraining', 'Opleiding gebruikers', 'User training')}
${choice(
  'internalUseCorrect',
  'Correct gebruik door de interne medewerkers',
  'Correct use by internal staff',
  [
    ['yes', 'ja', 'yes'],
    ['partly', 'gedeeltelijk', 'partly'],
    ['no', 'nee', 'no'],
  ],
)}
${field('internalUseFindings', 'Vaststellingen over het gebruik en acties', 'Findings on use, and actions')}
${choice('supplierAttended', 'Leverancier nam deel aan de review', 'The supplier took part in the review', [
  ['yes', 'ja', 'yes'],
  ['no', 'nee', 'no'],
])}
${field('supplierAttendees', 'Aanwezigen van de leverancier', "The supplier's attendees")}
${field('supplierReport', 'Eigen rapport van de leverancier', "The supplier's own report")}
${field('growthPath', 'Groeitraject', 'Growth path')}
${field('issues', 'Knelpunten', 'Issues')}
<details open><summary>${t(locale, 'KPI’s (optioneel)', 'KPIs (optional)')}</summary>${kpis}</details>
<div class="buttons"><button class="approve" type="submit">${t(locale, 'Review registreren', 'Record the review')}</button></div>
</form>`;
}

/** The posted form's fields as the contract review the workflow expects (blank fields left out). */
export function reviewFromForm(momentId: string, body: Record<string, string>) {
  const text = (key: string) => filled(body[key]);
  const number = (key: string) => {
    const raw = text(key);
    return raw === undefined ? undefined : Number(raw);
  };
  const realised = text('circularityRealised');
  const potential = text('circularityPotential');
  const internalUse = text('internalUseCorrect');
  const attended = text('supplierAttended');
  return {
    momentId,
    kpis: catalogue.contract_kpis.flatMap((kpi) => {
      const value = number(`kpi-${kpi.id}`);
      const kpiPotential = number(`kpi-${kpi.id}-potential`);
      return value === undefined
        ? []
        : [{ kpiId: kpi.id, value, ...(kpiPotential === undefined ? {} : { potential: kpiPotential }) }];
    }),
    performance: text('performance'),
    // Both halves or neither: the schema names the half that is missing.
    circularity: realised || potential ? { realised, potential } : undefined,
    availability: text('availability'),
    repair: text('repair'),
    maintenance: text('maintenance'),
    lifetime: text('lifetime'),
    userTraining: text('userTraining'),
    internalUse: internalUse ? { correct: internalUse, findings: text('internalUseFindings') } : undefined,
    supplier: attended
      ? {
          attended: attended === 'yes',
          attendees: text('supplierAttendees'),
          ownReport: text('supplierReport'),
        }
      : undefined,
    growthPath: text('growthPath'),
    issues: text('issues'),
  };
}

/** Review fields the form names otherwise (circularity.realised is the field circularityRealised). */
const FORM_FIELD_OF: Record<string, string> = {
  'circularity.realised': 'circularityRealised',
  'circularity.potential': 'circularityPotential',
  'internalUse.correct': 'internalUseCorrect',
  'internalUse.findings': 'internalUseFindings',
  'supplier.attended': 'supplierAttended',
  'supplier.attendees': 'supplierAttendees',
  'supplier.ownReport': 'supplierReport',
};

/** The form field that shows a problem of the review made from this form (reviewFromForm) at a path. */
export function reviewFieldOf(body: Record<string, string>): (path: PropertyKey[]) => string {
  const filledKpis = catalogue.contract_kpis.filter((kpi) => filled(body[`kpi-${kpi.id}`]) !== undefined);
  return ([first, index]) => {
    if (first === 'kpis') {
      const kpi = typeof index === 'number' ? filledKpis[index] : undefined;
      return kpi ? `kpi-${kpi.id}` : 'performance';
    }
    const field = typeof first === 'string' ? FORM_FIELD_OF[`${first}.${String(index)}`] : undefined;
    if (field) return field;
    return typeof first === 'string' && first !== 'momentId' ? first : 'performance';
  };
}

const ASKED_BY: Record<TrackedCommitment['askedBy'], [string, string]> = {
  organisation: ['gevraagd door de organisatie', 'asked by the organisation'],
  supplier: ['gevraagd door de leverancier', 'asked by the supplier'],
};

/** Growth steps asked during the term that earlier reviews left open: this review follows them up. */
export function openCommitments(commitments: TrackedCommitment[], locale: Locale): SafeHtml {
  if (commitments.length === 0) return safeHtml``;
  const items = joinHtml(
    commitments.map((c) => {
      const [nl, en] = ASKED_BY[c.askedBy];
      const due = c.dueOn ? `, ${t(locale, 'tegen', 'due')} ${formatDay(c.dueOn, locale)}` : '';
      return safeHtml`<li>${`${c.id}: ${c.description} (${t(locale, nl, en)}; ${c.status}${due})`}</li>`;
    }),
    '',
  );
  return safeHtml`<h3>${t(locale, 'Open groeiafspraken uit eerdere reviews', 'Open growth commitments from earlier reviews')}</h3><ul class="growth-commitments">${items}</ul>`;
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
  // The contract manager's link, or a purchaser's who got the request beside them (5.3).
  if (contract && contract.manager.email !== claims.a && !moment.copiedTo?.includes(claims.a)) {
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
      body: safeHtml`${heading}${openCommitments(state.openGrowthCommitments ?? [], locale)}${reviewForm(action, locale, form.values ?? {}, { error: form.error })}`,
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
