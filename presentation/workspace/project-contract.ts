/**
 * The contract plan of step 5 (follow-up moments with their calendar files, reviews recorded,
 * amendments, an early end) and the lessons of earlier projects of the product group.
 */
import { type Locale, catalogue, label } from '../../domain/catalogue';
import type { FollowUpMoment } from '../../domain/project';
import type { ProjectView } from '../../workflows/messages';
import { formatDay, formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { momentLabel } from '../labels';
import { t } from '../locale';
import type { WorkspaceViewer } from './layout';

/** Where a follow-up moment's calendar file is served (the same invitation the mail carries). */
export const momentCalendarPath = (projectId: string, momentId: string): string =>
  `/work/projects/${projectId}/moments/${encodeURIComponent(momentId)}.ics`;

function momentState(moment: FollowUpMoment, viewer: WorkspaceViewer): string {
  const { locale, timeZone } = viewer;
  const at = (iso: string) => formatInstant(iso, locale, timeZone);
  if (moment.cancelledAt)
    return t(locale, `vervallen (${at(moment.cancelledAt)})`, `dropped (${at(moment.cancelledAt)})`);
  if (moment.reviewedAt)
    return t(locale, `besproken (${at(moment.reviewedAt)})`, `reviewed (${at(moment.reviewedAt)})`);
  if (moment.escalatedAt)
    return t(locale, `geëscaleerd (${at(moment.escalatedAt)})`, `escalated (${at(moment.escalatedAt)})`);
  if (moment.remindedAt)
    return t(locale, `herinnerd (${at(moment.remindedAt)})`, `reminded (${at(moment.remindedAt)})`);
  if (moment.announcedAt)
    return t(locale, `aangekondigd (${at(moment.announcedAt)})`, `announced (${at(moment.announcedAt)})`);
  return t(locale, 'gepland', 'planned');
}

function momentsTable(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale } = viewer;
  const moments = view.contract?.moments ?? [];
  if (moments.length === 0)
    return safeHtml`<p>${t(locale, 'Geen opvolgmomenten.', 'No follow-up moments.')}</p>`;
  const rows = moments.map((moment) => {
    const what = `${momentLabel(moment.kind, locale)}, ${formatDay(moment.dueOn, locale)}`;
    return safeHtml`<tr><th scope="row">${what}</th><td>${momentState(moment, viewer)}</td><td>${
      moment.cancelledAt
        ? '—'
        : safeHtml`<a href="${momentCalendarPath(view.projectId, moment.id)}" download>${t(locale, `Agenda-item (.ics) voor ${what}`, `Calendar entry (.ics) for ${what}`)}</a>`
    }</td></tr>`;
  });
  return safeHtml`<table><caption>${t(locale, 'Opvolgmomenten', 'Follow-up moments')}</caption>
<thead><tr><th scope="col">${t(locale, 'Moment', 'Moment')}</th><th scope="col">${t(locale, 'Stand', 'State')}</th><th scope="col">${t(locale, 'Agenda', 'Calendar')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

const kpiLabel = (id: string, locale: Locale): string => label(catalogue.contract_kpis, id, locale);

function reviewsList(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  if (view.reviews.length === 0)
    return safeHtml`<p>${t(locale, 'Nog geen opvolging vastgelegd.', 'No review recorded yet.')}</p>`;
  return safeHtml`<ul>${view.reviews.map(
    (review) =>
      safeHtml`<li>${t(
        locale,
        `${formatInstant(review.recordedAt, locale, timeZone)}, door ${review.recordedBy}`,
        `${formatInstant(review.recordedAt, locale, timeZone)}, by ${review.recordedBy}`,
      )}: ${review.performance}${
        review.kpis.length > 0
          ? safeHtml`<ul>${review.kpis.map((kpi) => safeHtml`<li>${kpiLabel(kpi.kpiId, locale)}: ${kpi.value}${kpi.comment ? ` — ${kpi.comment}` : ''}</li>`)}</ul>`
          : ''
      }</li>`,
  )}</ul>`;
}

function amendmentsList(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  const amendments = view.contract?.amendments ?? [];
  if (amendments.length === 0) return safeHtml`<p>${t(locale, 'Geen wijzigingen.', 'No amendments.')}</p>`;
  return safeHtml`<ul>${amendments.map(
    (amendment) =>
      safeHtml`<li>${formatInstant(amendment.at, locale, timeZone)}, ${amendment.by}: ${amendment.reason} (${amendment.changes.join('; ')})</li>`,
  )}</ul>`;
}

export function contractSection(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const contract = view.contract;
  if (!contract) return safeHtml``;
  const { locale, timeZone } = viewer;
  const facts = [
    `${t(locale, 'Leverancier', 'Supplier')}: ${contract.supplier}`,
    `${t(locale, 'Looptijd', 'Term')}: ${formatDay(contract.start, locale)} – ${formatDay(contract.end, locale)}${
      contract.end === contract.originalEnd
        ? ''
        : t(
            locale,
            ` (oorspronkelijk ${formatDay(contract.originalEnd, locale)})`,
            ` (originally ${formatDay(contract.originalEnd, locale)})`,
          )
    }`,
    `${t(locale, 'Contractbeheerder', 'Contract manager')}: ${contract.manager.name} (${contract.manager.email})`,
    ...(contract.endOfUseReminderSentAt
      ? [
          `${t(locale, 'Herinnering einde gebruik verstuurd', 'End-of-use reminder sent')}: ${formatInstant(contract.endOfUseReminderSentAt, locale, timeZone)}`,
        ]
      : []),
    ...(contract.endedEarly
      ? [
          `${t(locale, 'Vroegtijdig beëindigd', 'Ended early')}: ${formatInstant(contract.endedEarly.at, locale, timeZone)}, ${contract.endedEarly.by} — ${contract.endedEarly.reason}`,
        ]
      : []),
  ];
  return safeHtml`<section aria-labelledby="contract"><h2 id="contract">${t(locale, 'Contractplan', 'Contract plan')}</h2>
<ul>${facts.map((fact) => safeHtml`<li>${fact}</li>`)}</ul>
${momentsTable(view, viewer)}
<h3>${t(locale, 'Vastgelegde opvolging', 'Reviews recorded')}</h3>
${reviewsList(view, viewer)}
<h3>${t(locale, 'Wijzigingen aan het contract', 'Contract amendments')}</h3>
${amendmentsList(view, viewer)}</section>`;
}

export function lessonsSection(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  const lessons = view.earlierLessons;
  return safeHtml`<section aria-labelledby="lessons"><h2 id="lessons">${t(locale, 'Lessen van de productgroep', 'Lessons of the product group')}</h2>
${
  lessons.length === 0
    ? safeHtml`<p>${t(locale, 'Nog geen lessen van eerdere projecten.', 'No lessons of earlier projects yet.')}</p>`
    : safeHtml`<ul>${lessons.map(
        (lesson) =>
          safeHtml`<li><strong>${lesson.title}</strong> (${lesson.organisation}, ${formatInstant(lesson.completedAt, locale, timeZone)})<ul>${lesson.lessons.map(
            (text) => safeHtml`<li>${text}</li>`,
          )}</ul></li>`,
      )}</ul>`
}</section>`;
}
