/**
 * One catalogue of rule texts, keyed by a stable code: every rule of the schemas and every refusal
 * of the project has its text written once, in Dutch and English. What travels (a zod issue's
 * params, a failure's details) is the code and its parameters; each reader renders it in their
 * own language, and the API keeps the English text it always answered.
 */
import type { Locale } from '../catalogue';
import { RECORD_TEXTS } from './record-texts';
import { REFUSAL_TEXTS } from './refusal-texts';
import { SCHEMA_TEXTS } from './schema-texts';
import type { ProblemParams, ProblemText } from './text';

export type { ProblemParams } from './text';

export const PROBLEM_TEXTS = { ...SCHEMA_TEXTS, ...REFUSAL_TEXTS, ...RECORD_TEXTS };
export type ProblemCode = keyof typeof PROBLEM_TEXTS;
export type ParamsOf<C extends ProblemCode> = Parameters<(typeof PROBLEM_TEXTS)[C]['en']>[0];

/** A rule that failed: its code, what it is filled in with, and the field it is about (`a.b.0.c`). */
export interface RuleProblem {
  rule: ProblemCode;
  params: ProblemParams;
  path?: string;
}

export const isProblemCode = (code: unknown): code is ProblemCode =>
  typeof code === 'string' && Object.hasOwn(PROBLEM_TEXTS, code);

/** A problem of rule `rule`, typed so its parameters are the ones its text needs. */
export function ruleProblem<C extends ProblemCode>(rule: C, params: ParamsOf<C>, path?: string): RuleProblem {
  return { rule, params, ...(path ? { path } : {}) };
}

/** The rule's text in `locale`, or undefined for a code this version does not know. */
export function problemText(
  rule: string,
  params: ProblemParams | undefined,
  locale: Locale,
): string | undefined {
  if (!isProblemCode(rule)) return undefined;
  const entry = PROBLEM_TEXTS[rule] as ProblemText<ProblemParams>;
  return entry[locale](params ?? {});
}

/** The English text as the API and the logs have it: `path: text` where the problem names a field. */
export function englishOf(problem: RuleProblem): string {
  const english = problemText(problem.rule, problem.params, 'en') ?? problem.rule;
  return problem.path ? `${problem.path}: ${english}` : english;
}

/** What a refusal carries in its failure details (workflows/procurement/errors.ts). */
export interface RefusalDetails {
  problems: RuleProblem[];
}

/** The rule problems of a failure's details, or undefined when it carries none (older workers, plain refusals). */
export function problemsOfDetails(details: readonly unknown[] | null | undefined): RuleProblem[] | undefined {
  const listed = (details?.[0] as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(listed) || listed.length === 0) return undefined;
  const problems = listed.filter(isRuleProblem);
  return problems.length === listed.length ? problems : undefined;
}

function isRuleProblem(value: unknown): value is RuleProblem {
  const problem = value as Partial<RuleProblem> | null;
  return (
    typeof problem === 'object' &&
    problem !== null &&
    isProblemCode(problem.rule) &&
    typeof problem.params === 'object' &&
    (problem.path === undefined || typeof problem.path === 'string')
  );
}
