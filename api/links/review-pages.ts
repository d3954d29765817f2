/** The pages behind a contract review link (/r/<token>): the review form, or why it is closed. */
import { type Locale, catalogue } from '../../domain/catalogue';
import type { TrackedCommitment } from '../../domain/growth-commitments';
import { formatDay, formatInstant } from '../../presentation/dates';
import { type SafeHtml, joinHtml, safeHtml } from '../../presentation/html';
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

function reviewForm(
  action: string,
  locale: Locale,
  values: Record<string, string>,
  error?: string,
): SafeHtml {
  const field = (name: string, labelNl: string, labelEn: string, required = false) =>
    safeHtml`<label for="${name}">${t(locale, labelNl, labelEn)}${required ? ' *' : ''}</label><textarea id="${name}" name="${name}"${required ? ' required' : ''}>${values[name] ?? ''}</textarea>`;
  const choice = (name: string, labelNl: string, labelEn: string, options: [string, string, string][]) =>
    safeHtml`<label for="${name}">${t(locale, labelNl, labelEn)}</label><select id="${name}" name="${name}"><option value="">—</option>${joinHtml(
      options.map(
        ([value, nl, en]) =>
          safeHtml`<option value="${value}"${values[name] === value ? ' selected' : ''}>${t(locale, nl, en)}</option>`,
      ),
      '',
    )}</select>`;
  const kpis = joinHtml(
    catalogue.contract_kpis.map(
      (kpi) =>
        safeHtml`<label for="kpi-${kpi.id}">${`${kpi[locale]} (${kpi.unit}) — ${t(locale, 'gerealiseerd', 'realised')}`}</label><input id="kpi-${kpi.id}" name="kpi-${kpi.id}" type="number" step="any" value="${values[`kpi-${kpi.id}`] ?? ''}">
<label for="kpi-${kpi.id}-potential">${`${kpi[locale]} (${kpi.unit}) — ${t(locale, 'potentieel', 'potential')}`}</label><input id="kpi-${kpi.id}-potential" name="kpi-${kpi.id}-potential" type="number" step="any" value="${values[`kpi-${kpi.id}-potential`] ?? ''}">`,
    ),
    '\n',
  );
  return safeHtml`<form method="post" action="${action}">
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
${field('growthPath', 'Groeipad', 'Growth path')}
${field('issues', 'Knelpunten', 'Issues')}
<details open><summary>${t(locale, 'KPI’s (optioneel)', 'KPIs (optional)')}</summary>${kpis}</details>
<div class="buttons"><button class="approve" type="submit">${t(locale, 'Review registreren', 'Record the review')}</button></div>
</form>`;
}

const ASKED_BY: Record<TrackedCommitment['askedBy'], [string, string]> = {
  organisation: ['gevraagd door de organisatie', 'asked by the organisation'],
  supplier: ['gevraagd door de leverancier', 'asked by the supplier'],
};

/** Growth steps asked during the term that earlier reviews left open: this review follows them up. */
function openCommitments(commitments: TrackedCommitment[], locale: Locale): SafeHtml {
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
      body: safeHtml`${heading}${openCommitments(state.openGrowthCommitments ?? [], locale)}${reviewForm(action, locale, form.values ?? {}, form.error)}`,
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
