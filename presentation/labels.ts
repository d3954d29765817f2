/** Words for the process's states, the same on the decision pages and in the mails. */
import {
  type GateId,
  type Locale,
  type StepId,
  momentKindLabel,
  stepInfo,
  stepNumber,
} from '../domain/catalogue';
import type { NextAfterApproval } from '../domain/notifications';
import { statusLabel } from '../domain/project';
import type { ApprovalPolicy } from '../domain/schemas';
import { formatDay } from './dates';
import { t } from './locale';

/**
 * The approval rule in words ("2 of 3 approvals needed"). A sequential round adds ", in order":
 * briefly on the decision page, spelled out in a mail (`wording: 'spelled-out'`).
 */
export function policyText(
  policy: ApprovalPolicy,
  approvers: number,
  locale: Locale,
  wording: 'brief' | 'spelled-out',
): string {
  const rule =
    policy.rule === 'all'
      ? t(locale, 'iedereen moet goedkeuren', 'everyone must approve')
      : policy.rule === 'any'
        ? t(locale, 'één goedkeuring volstaat', 'one approval is enough')
        : t(
            locale,
            `${policy.quorum} van ${approvers} goedkeuringen nodig`,
            `${policy.quorum} of ${approvers} approvals needed`,
          );
  if (!policy.sequential) return rule;
  return wording === 'brief'
    ? `${rule}${t(locale, ', in volgorde', ', in order')}`
    : `${rule}${t(locale, ', één na één in volgorde', ', one after another in order')}`;
}

const OUTCOME_LABELS: Record<string, Record<Locale, string>> = {
  approved: { nl: 'goedgekeurd', en: 'approved' },
  'changes-requested': { nl: 'wijzigingen gevraagd', en: 'changes requested' },
  rejected: { nl: 'afgekeurd', en: 'rejected' },
  'timed-out': { nl: 'termijn verstreken', en: 'timed out' },
  cancelled: { nl: 'geannuleerd', en: 'cancelled' },
  completed: { nl: 'afgerond', en: 'completed' },
  'purchase-avoided': { nl: 'afgesloten zonder aankoop', en: 'closed without a purchase' },
  approve: { nl: 'goedgekeurd', en: 'approved' },
  reject: { nl: 'afgekeurd', en: 'rejected' },
  'request-changes': { nl: 'wijzigingen gevraagd', en: 'changes requested' },
  // A project still under way (the case file's export shows it).
  'awaiting-submission': { nl: 'wacht op een inzending', en: 'awaiting a submission' },
  'awaiting-approval': { nl: 'wacht op goedkeuring', en: 'awaiting approval' },
  'in-contract': { nl: 'contract loopt', en: 'contract running' },
  open: { nl: 'open', en: 'open' },
};

/** A round's or project's outcome, or a single decision, as a past participle ("approved"). */
export const outcomeLabel = (outcome: string, locale: Locale): string =>
  OUTCOME_LABELS[outcome]?.[locale] ?? outcome;

/** A follow-up moment's kind in words ("kick-off meeting"); an unknown kind is shown as it is. */
export const momentLabel = momentKindLabel;

/** A label inside a sentence: a common noun in lower case, but an acronym stays ("KPI-review"). */
export const inSentence = (text: string): string =>
  /^\p{Lu}\p{Lu}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

/** A label that starts a sentence or a line: "Goedgekeurd op …", not "goedgekeurd op …". */
export const atStart = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A step inside a sentence: "stap 4 (specificeren en gunnen)". */
export const stepInSentence = (step: StepId, locale: Locale): string =>
  `${t(locale, 'stap', 'step')} ${stepNumber(step)} (${inSentence(stepInfo(step)[locale])})`;

/** A gate's deliverable as the object of a sentence ("… legt het gunningsvoorstel ter goedkeuring voor"). */
const GATE_NOUNS: Record<GateId, Record<Locale, string>> = {
  'circular-need': { nl: 'de circulaire behoefte', en: 'the circular need' },
  'circular-ambitions': { nl: 'de circulaire ambities', en: 'the circular ambitions' },
  'market-dialogue': { nl: 'het verslag van de marktdialoog', en: 'the market dialogue report' },
  'tender-documents': { nl: 'het bestek (de opdrachtdocumenten)', en: 'the tender documents' },
  award: { nl: 'het gunningsvoorstel', en: 'the award proposal' },
  'end-of-use': { nl: 'het plan voor het einde van het gebruik', en: 'the end-of-use plan' },
  evaluate: { nl: 'de evaluatie', en: 'the evaluation' },
};

export const gateNoun = (gate: GateId, locale: Locale): string => GATE_NOUNS[gate][locale];

/** What an approval leads to, in a sentence: the next deliverable, the contract's follow-up, or the end. */
export function nextAfterApprovalText(next: NextAfterApproval, locale: Locale): string {
  if (next.outcome === 'completed') return t(locale, 'Het project is afgerond.', 'The project is completed.');
  if (next.outcome)
    return t(
      locale,
      `Het project is ${outcomeLabel(next.outcome, locale)}.`,
      `The project is ${outcomeLabel(next.outcome, locale)}.`,
    );
  if (next.standstillUntil) {
    return t(
      locale,
      `De wachttermijn (standstill) na de gunningsbeslissing loopt tot ${formatDay(next.standstillUntil, 'nl')}; daarna wordt het contract gesloten en begint stap 5.`,
      `The standstill after the award decision runs until ${formatDay(next.standstillUntil, 'en')}; then the contract is concluded and step 5 begins.`,
    );
  }
  const step: StepId = next.step;
  if (next.gate) {
    return t(
      locale,
      `Het project staat nu in ${stepInSentence(step, 'nl')}. Volgende inzending: ${gateNoun(next.gate, 'nl')}.`,
      `The project is now in ${stepInSentence(step, 'en')}. Next to submit: ${gateNoun(next.gate, 'en')}.`,
    );
  }
  return t(
    locale,
    `Het project staat nu in ${stepInSentence(step, 'nl')}: de opvolging van het contract begint.`,
    `The project is now in ${stepInSentence(step, 'en')}: the follow-up of the contract begins.`,
  );
}

/** A project's status in words. */
export { statusLabel };
