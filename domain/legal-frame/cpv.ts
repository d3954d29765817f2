/**
 * CPV codes (Common Procurement Vocabulary, Regulation (EC) 213/2008): eight digits, a hyphen and
 * a check digit, "39130000-2".
 *
 * The regulation does not publish the check-digit rule. This one (the digits weighted 3, 7, 1,
 * 3, 7, 1, 3, 7, the sum modulo 10) reproduces every code we compared it with in the published
 * list outside divisions 03 and 09; in those two divisions the list's check digits follow no
 * such rule (they were not recomputed when the 2008 vocabulary renumbered them), so there only the
 * format is checked rather than refuse real codes.
 */
import { type RuleProblem, englishOf, ruleProblem } from '../problems';
const CPV_FORMAT = /^(\d{8})-(\d)$/;
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7] as const;
const DIVISIONS_WITHOUT_RULE = new Set(['03', '09']);

export function cpvCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += (WEIGHTS[i] ?? 0) * Number(digits[i]);
  return sum % 10;
}

/** Why `code` is not a CPV code (in English), or undefined when it is one. */
export function cpvProblem(code: string): string | undefined {
  const problem = cpvRuleProblem(code);
  return problem && englishOf(problem);
}

/** Why `code` is not a CPV code, as a catalogued rule, or undefined when it is one. */
export function cpvRuleProblem(code: string): RuleProblem | undefined {
  const match = CPV_FORMAT.exec(code);
  if (!match) return ruleProblem('legal.cpv-form', {});
  const [, digits = '', check = ''] = match;
  if (DIVISIONS_WITHOUT_RULE.has(digits.slice(0, 2))) return undefined;
  const expected = cpvCheckDigit(digits);
  return Number(check) === expected
    ? undefined
    : ruleProblem('legal.cpv-check-digit', { digits, expected, check });
}
