/**
 * The dates the law sets around the award: the standstill after the award decision and how far
 * the tender's extension options let a contract run. Pure date maths on YYYY-MM-DD.
 */
import { type RuleProblem, englishOf, ruleProblem } from '../problems';
import { addDays, addMonths } from '../follow-up';

/**
 * Days between notifying the award decision and concluding the contract (art. 11 of the law of
 * 17 June 2013 on remedies): no contract, and so no contract start, before they have passed.
 */
export const STANDSTILL_DAYS = 15;

export interface AwardDecisionDates {
  date: string;
  /** When the tenderers were notified; the decision date when not given. */
  notifiedOn?: string;
}

/** The first day the contract may be concluded and start. */
export function standstillEndsOn(decision: AwardDecisionDates): string {
  return addDays(decision.notifiedOn ?? decision.date, STANDSTILL_DAYS);
}

/** The latest end the tender's extension options allow: the original end plus all their months. */
export function latestEndWithOptions(originalEnd: string, options: readonly { months: number }[]): string {
  return addMonths(
    originalEnd,
    options.reduce((sum, option) => sum + option.months, 0),
  );
}

/**
 * Why moving the end of a contract to `newEnd` is not allowed, or undefined. Ending earlier is
 * not an extension; an extension beyond the tender's options is a modification the tenderers
 * could not foresee, which needs a new procurement (art. 38 of the royal decree of 14 January 2013).
 */
export function extensionProblem(
  contract: { originalEnd: string; end: string },
  newEnd: string,
  options: readonly { months: number }[],
): string | undefined {
  const problem = extensionRuleProblem(contract, newEnd, options);
  return problem && englishOf(problem);
}

/** extensionProblem as a catalogued rule about `contractEnd`. */
export function extensionRuleProblem(
  contract: { originalEnd: string; end: string },
  newEnd: string,
  options: readonly { months: number }[],
): RuleProblem | undefined {
  if (newEnd <= contract.end) return undefined;
  const latest = latestEndWithOptions(contract.originalEnd, options);
  if (newEnd <= latest) return undefined;
  if (options.length === 0)
    return ruleProblem(
      'amendment.no-extension-options',
      { originalEnd: contract.originalEnd },
      'contractEnd',
    );
  const months = options.map((option) => option.months).join(' + ');
  return ruleProblem('amendment.past-extension-options', { months, latest, end: newEnd }, 'contractEnd');
}
