/**
 * The top of the project page: the seven steps as a progress line, what happens next (who must act,
 * by when, the next timer) and the open approval round (policy, decisions, who is pending).
 */
import { p } from '../../api/pages';
import { type Locale, STEP_IDS, type StepId, stepLabel, stepNumber } from '../../domain/catalogue';
import type { ApprovalRound, ApprovalSlot } from '../../domain/approval-policy';
import { isTerminal } from '../../domain/project';
import type { ProjectView } from '../../workflows/messages';
import { formatDay, formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { atStart, gateNoun, momentLabel, outcomeLabel, policyText, statusLabel } from '../labels';
import { t } from '../locale';
import type { WorkspaceViewer } from './layout';

/** Whether a step lies behind the project, is where it is, or is still to come. */
function stepState(view: ProjectView, step: StepId): 'done' | 'current' | 'to-come' {
  if (view.outcome === 'completed') return 'done';
  const here = stepNumber(view.step);
  const number = stepNumber(step);
  if (number < here) return 'done';
  return number === here ? 'current' : 'to-come';
}

export function progressLine(view: ProjectView, locale: Locale): SafeHtml {
  const items = STEP_IDS.map((step) => {
    const state = stepState(view, step);
    const note =
      state === 'done'
        ? t(locale, 'afgerond', 'done')
        : state === 'current'
          ? isTerminal(view.status)
            ? statusLabel(view.status, locale)
            : t(locale, 'hier staat het project', 'the project is here')
          : t(locale, 'nog te doen', 'to come');
    return safeHtml`<li class="${state}"${state === 'current' ? safeHtml` aria-current="step"` : ''}><span class="step">${stepLabel(step, locale)}</span> <span class="note">(${note})</span></li>`;
  });
  return safeHtml`<section aria-labelledby="progress"><h2 id="progress">${t(locale, 'Voortgang', 'Progress')}</h2>
<ol class="progress">${items}</ol>
${p(`${t(locale, 'Status', 'Status')}: ${statusLabel(view.status, locale)}`)}</section>`;
}

/** The workflow's timer summary (English, for the Temporal UI) told in the reader's words. */
export function timerText(summary: string, locale: Locale): string {
  const reminder = /^reminder (\d+) · (\S+) round (\d+)/.exec(summary);
  if (reminder)
    return t(
      locale,
      `herinnering ${reminder[1]} aan wie nog moet beslissen (ronde ${reminder[3]})`,
      `reminder ${reminder[1]} to those who still have to decide (round ${reminder[3]})`,
    );
  if (summary.startsWith('deadline'))
    return t(locale, 'de termijn van de goedkeuringsronde', 'the approval round’s deadline');
  const moment = /^(announce|remind|escalate) (\S+) of (\d{4}-\d{2}-\d{2})/.exec(summary);
  if (moment) {
    const [, action = '', kind = '', day = ''] = moment;
    const what = `${momentLabel(kind, locale)} ${t(locale, 'van', 'of')} ${formatDay(day, locale)}`;
    const verbs: Record<string, [string, string]> = {
      announce: ['aankondiging', 'announcement'],
      remind: ['herinnering', 'reminder'],
      escalate: ['escalatie', 'escalation'],
    };
    const [nl, en] = verbs[action] ?? [action, action];
    return t(locale, `${nl}: ${what}`, `${en}: ${what}`);
  }
  if (summary.startsWith('end-of-use reminder'))
    return t(locale, 'herinnering: het einde van het gebruik nadert', 'reminder: the end of use is near');
  if (summary.startsWith('contract ends'))
    return t(
      locale,
      'einde van het contract: over naar einde gebruik',
      'the contract ends: on to end of use',
    );
  if (summary.startsWith('standstill ends'))
    return t(locale, 'einde van de wachttermijn (standstill)', 'the end of the standstill');
  if (summary.startsWith('RFI closed'))
    return t(
      locale,
      'de RFI sluit: herinnering om de bevindingen vast te leggen',
      'the RFI closes: reminder to record the findings',
    );
  return summary;
}

const nameOf = (slot: ApprovalSlot): string => `${slot.holder.name} (${slot.holder.email})`;

function pendingSlotsOf(round: ApprovalRound, pending: string[]): ApprovalSlot[] {
  return round.slots.filter((slot) => pending.includes(slot.holder.email));
}

/** Who must act now and by when, in one sentence. */
function whoActs(view: ProjectView, viewer: WorkspaceViewer): string {
  const { locale, timeZone } = viewer;
  if (isTerminal(view.status)) {
    const at = view.cancellation?.at;
    return at
      ? t(
          locale,
          `Het project is ${outcomeLabel(view.status, locale)} op ${formatInstant(at, locale, timeZone)}: niemand moet nog iets doen.`,
          `The project was ${outcomeLabel(view.status, locale)} on ${formatInstant(at, locale, timeZone)}: nobody has to act.`,
        )
      : t(
          locale,
          `Het project is ${outcomeLabel(view.status, locale)}: niemand moet nog iets doen.`,
          `The project is ${outcomeLabel(view.status, locale)}: nobody has to act.`,
        );
  }
  const round = view.currentRound;
  if (round) {
    const names = pendingSlotsOf(round, view.pendingApprovers).map(nameOf).join(', ');
    const by = round.deadline
      ? t(
          locale,
          ` uiterlijk ${formatInstant(round.deadline.at, locale, timeZone)}`,
          ` by ${formatInstant(round.deadline.at, locale, timeZone)}`,
        )
      : '';
    return t(
      locale,
      `${names || '—'} beslist${by} over ${gateNoun(round.gate, 'nl')}.`,
      `${names || '—'} to decide${by} on ${gateNoun(round.gate, 'en')}.`,
    );
  }
  if (view.status === 'in-standstill' && view.standstill)
    return t(
      locale,
      `Niemand: de wachttermijn (standstill) loopt tot ${formatDay(view.standstill.until, locale)}; daarna wordt het contract gesloten.`,
      `Nobody: the standstill runs until ${formatDay(view.standstill.until, locale)}; then the contract is concluded.`,
    );
  if (view.gate) {
    const who = `${view.requester.name} (${view.requester.email})`;
    return view.status === 'changes-requested'
      ? t(
          locale,
          `${who} past ${gateNoun(view.gate, 'nl')} aan en dient opnieuw in.`,
          `${who} to revise and resubmit ${gateNoun(view.gate, 'en')}.`,
        )
      : t(
          locale,
          `${who} dient ${gateNoun(view.gate, 'nl')} in.`,
          `${who} to submit ${gateNoun(view.gate, 'en')}.`,
        );
  }
  const manager = view.contract?.manager;
  const due = view.contract?.moments.find((moment) => !moment.reviewedAt && !moment.cancelledAt);
  if (manager && due)
    return t(
      locale,
      `${manager.name} (${manager.email}), de contractbeheerder, legt het volgende opvolgmoment vast: ${momentLabel(due.kind, 'nl')} op ${formatDay(due.dueOn, 'nl')}.`,
      `${manager.name} (${manager.email}), the contract manager, to record the next follow-up: ${momentLabel(due.kind, 'en')} on ${formatDay(due.dueOn, 'en')}.`,
    );
  return t(locale, 'Het contract loopt.', 'The contract is running.');
}

export function whatHappensNext(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  const timer = view.nextTimer;
  return safeHtml`<section aria-labelledby="next"><h2 id="next">${t(locale, 'Wat volgt', 'What happens next')}</h2>
${p(whoActs(view, viewer))}
${
  timer
    ? p(
        `${t(locale, 'Eerstvolgend gepland moment', 'Next timer')}: ${timerText(timer.summary, locale)} — ${formatInstant(timer.at, locale, timeZone)}`,
      )
    : ''
}</section>`;
}

function decisionText(slot: ApprovalSlot, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  const delegated = slot.delegations.map(
    (d) =>
      safeHtml`<br>${t(locale, `gedelegeerd door ${d.from.name} aan ${d.to.name}`, `delegated by ${d.from.name} to ${d.to.name}`)}${d.comment ? ` — “${d.comment}”` : ''}`,
  );
  const decided = slot.decision
    ? safeHtml`${atStart(outcomeLabel(slot.decision.kind, locale))} — ${formatInstant(slot.decision.at, locale, timeZone)}${
        slot.decision.comment ? safeHtml`<br>“${slot.decision.comment}”` : ''
      }`
    : safeHtml`${t(locale, 'Nog niet beslist', 'Not decided yet')}`;
  return safeHtml`${decided}${delegated}`;
}

/** The round's table: who was asked, who decides now, what they decided (with comments). */
export function roundTable(round: ApprovalRound, viewer: WorkspaceViewer, pending: string[]): SafeHtml {
  const { locale } = viewer;
  const rows = round.slots.map(
    (slot) =>
      safeHtml`<tr><th scope="row">${nameOf(slot)}${
        pending.includes(slot.holder.email)
          ? safeHtml` <strong>(${t(locale, 'aan de beurt', 'pending')})</strong>`
          : ''
      }</th><td>${decisionText(slot, viewer)}</td><td>${slot.remindersSent ?? 0}</td></tr>`,
  );
  return safeHtml`<table><caption>${t(locale, `Ronde ${round.number}`, `Round ${round.number}`)} — ${outcomeLabel(round.status, locale)}</caption>
<thead><tr><th scope="col">${t(locale, 'Goedkeurder', 'Approver')}</th><th scope="col">${t(locale, 'Beslissing', 'Decision')}</th><th scope="col">${t(locale, 'Herinneringen', 'Reminders')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function openRoundSection(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const round = view.currentRound;
  if (!round) return safeHtml``;
  const { locale, timeZone } = viewer;
  const facts = [
    `${t(locale, 'Wat', 'What')}: ${gateNoun(round.gate, locale)}`,
    `${t(locale, 'Regel', 'Rule')}: ${policyText(round.policy, round.slots.length, locale, 'brief')}`,
    `${t(locale, 'Geopend', 'Opened')}: ${formatInstant(round.openedAt, locale, timeZone)}`,
    `${t(locale, 'Herinneringen verstuurd', 'Reminders sent')}: ${round.reminders.sent}`,
    round.deadline
      ? `${t(locale, 'Termijn', 'Deadline')}: ${formatInstant(round.deadline.at, locale, timeZone)}`
      : `${t(locale, 'Termijn', 'Deadline')}: ${t(locale, 'geen', 'none')}`,
  ];
  return safeHtml`<section aria-labelledby="round"><h2 id="round">${t(locale, 'Open goedkeuringsronde', 'Open approval round')}</h2>
<ul>${facts.map((fact) => safeHtml`<li>${fact}</li>`)}</ul>
${roundTable(round, viewer, view.pendingApprovers)}</section>`;
}
