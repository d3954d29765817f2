/** The project's timeline from its audit trail: newest first, in the reader's time zone and words. */
import { GATE_LABELS, type Locale, stepLabel } from '../../domain/catalogue';
import type { AuditEntry, AuditKind } from '../../domain/project';
import { formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { outcomeLabel } from '../labels';
import { t } from '../locale';

const KIND_LABELS: Record<AuditKind, [nl: string, en: string]> = {
  'project-created': ['Project aangemaakt', 'Project created'],
  'lessons-shown': ['Lessen van eerdere projecten getoond', 'Lessons of earlier projects shown'],
  'step-entered': ['Nieuwe stap', 'Step entered'],
  submitted: ['Ingediend', 'Submitted'],
  'round-opened': ['Goedkeuringsronde geopend', 'Approval round opened'],
  'approval-requested': ['Goedkeuring gevraagd', 'Approval requested'],
  decided: ['Beslist', 'Decided'],
  delegated: ['Gedelegeerd', 'Delegated'],
  'reminder-sent': ['Herinnering verstuurd', 'Reminder sent'],
  escalated: ['Geëscaleerd', 'Escalated'],
  'deadline-passed': ['Termijn verstreken', 'Deadline passed'],
  'round-closed': ['Goedkeuringsronde gesloten', 'Approval round closed'],
  'round-superseded': ['Ronde vervangen door een nieuwe inzending', 'Round superseded by a new submission'],
  'signal-ignored': ['Bericht genegeerd', 'Message ignored'],
  'settings-changed': ['Goedkeuringsinstellingen gewijzigd', 'Approval settings changed'],
  'rfi-scheduled': ['RFI gepland', 'RFI scheduled'],
  'rfi-reminder-sent': ['Herinnering RFI verstuurd', 'RFI reminder sent'],
  'review-requested': ['Opvolging gevraagd', 'Review requested'],
  'review-reminder-sent': ['Herinnering opvolging verstuurd', 'Review reminder sent'],
  'review-escalated': ['Opvolging geëscaleerd', 'Review escalated'],
  'review-recorded': ['Opvolging vastgelegd', 'Review recorded'],
  'contract-amended': ['Contract gewijzigd', 'Contract amended'],
  'standstill-started': ['Wachttermijn (standstill) begonnen', 'Standstill started'],
  'standstill-passed': ['Wachttermijn (standstill) voorbij', 'Standstill passed'],
  'end-of-use-reminder-sent': ['Herinnering einde gebruik verstuurd', 'End-of-use reminder sent'],
  'end-of-use-triggered': ['Einde gebruik gestart', 'End of use started'],
  'use-continuation-asked': ['Gevraagd of het gebruik doorloopt', 'Asked whether use goes on'],
  'use-continuation-confirmed': [
    'Doorlopend gebruik bevestigd of beëindigd',
    'Use going on confirmed or ended',
  ],
  'lessons-published': ['Lessen gedeeld met de productgroep', 'Lessons shared with the product group'],
  'notification-failed': ['Bericht niet afgeleverd', 'Message not delivered'],
  cancelled: ['Geannuleerd', 'Cancelled'],
  completed: ['Afgerond', 'Completed'],
};

const kindLabel = (kind: AuditKind, locale: Locale): string => {
  const labels = KIND_LABELS[kind] as [string, string] | undefined;
  return labels ? t(locale, labels[0], labels[1]) : kind;
};

const isClosing = (entry: AuditEntry): boolean =>
  entry.kind === 'round-closed' || entry.kind === 'round-superseded';

function entryText(entry: AuditEntry, locale: Locale): string {
  const gate = entry.gate ? ` — ${GATE_LABELS[entry.gate][locale]}` : '';
  const round = entry.round ? t(locale, `, ronde ${entry.round}`, `, round ${entry.round}`) : '';
  const who = entry.actor === 'system' ? t(locale, 'het systeem', 'the system') : entry.actor;
  // A decision and a round's end say how they went.
  // A round's end keeps its status as the comment (a word of the code, not a person's text).
  const how = isClosing(entry) ? entry.comment : entry.details?.decision;
  const outcome = typeof how === 'string' ? `: ${outcomeLabel(how, locale)}` : '';
  const step = entry.kind === 'step-entered' ? `: ${stepLabel(entry.step, locale)}` : '';
  // Who a request, reminder or escalation went to.
  const to = entry.details?.to;
  const recipients = typeof to === 'string' || Array.isArray(to) ? ` → ${[to].flat().join(', ')}` : '';
  return `${kindLabel(entry.kind, locale)}${step}${gate}${round}${outcome}${recipients} (${who})`;
}

export function timelineSection(entries: AuditEntry[], locale: Locale, timeZone: string): SafeHtml {
  const newestFirst = [...entries].reverse();
  return safeHtml`<section aria-labelledby="timeline"><h2 id="timeline">${t(locale, 'Tijdlijn', 'Timeline')}</h2>
<ol class="timeline" reversed>${newestFirst.map(
    (entry) =>
      safeHtml`<li><time datetime="${entry.at}">${formatInstant(entry.at, locale, timeZone)}</time>: ${entryText(entry, locale)}${
        entry.comment && !isClosing(entry) ? ` — “${entry.comment}”` : ''
      }</li>`,
  )}</ol></section>`;
}
