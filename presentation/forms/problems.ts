/**
 * Server-side problems, each beside its field: zod's issues (their path is the field's name) and
 * the workflow's refusals (a 422 whose reason may name a field as `path: message`). Problems that
 * name no field of the form are shown at the top only.
 */
import type { z } from 'zod';
import type { Locale } from '../../domain/catalogue';
import { type ProblemParams, type RuleProblem, problemText } from '../../domain/problems';
import { t } from '../locale';
import { optionLabel } from './choices';
import { humanise } from './labels';

export interface Problems {
  /** Per field name (a path with indices: `objectives.0.strategies`), its problems. */
  byField: Map<string, string[]>;
  /** Problems of the whole form, or of a field the form does not show. */
  general: string[];
}

export const noProblems = (): Problems => ({ byField: new Map(), general: [] });

/** The id of a field's control: its name, made safe for an id and a fragment link. */
export const fieldId = (path: string): string => `f-${path.replace(/\./g, '_') || 'form'}`;

type Issue = z.core.$ZodIssue;

/**
 * zod's own wording for the common problems, in the reader's language; a schema rule's text from
 * the catalogue by the code its issue carries (domain/problems); any other message as written.
 */
export function issueText(issue: Issue, locale: Locale): string {
  const raw = issue as Issue & {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    expected?: string;
  };
  const min = Number(raw.minimum);
  const max = Number(raw.maximum);
  switch (issue.code) {
    case 'too_small':
      if (raw.origin === 'string')
        return min <= 1
          ? t(locale, 'Vul dit in.', 'Fill this in.')
          : t(locale, `Schrijf minstens ${min} tekens.`, `Write at least ${min} characters.`);
      if (raw.origin === 'array')
        return t(locale, `Geef er minstens ${min}.`, `Give at least ${min}.`) + messageOf(issue);
      return t(locale, `Minstens ${min}.`, `At least ${min}.`);
    case 'too_big':
      if (raw.origin === 'string') return t(locale, `Hoogstens ${max} tekens.`, `At most ${max} characters.`);
      if (raw.origin === 'array') return t(locale, `Hoogstens ${max}.`, `At most ${max}.`);
      return t(locale, `Hoogstens ${max}.`, `At most ${max}.`);
    case 'invalid_type':
      if (raw.expected === 'number')
        return t(
          locale,
          'Geef een getal (met een punt voor decimalen).',
          'Give a number (with a point for decimals).',
        );
      return t(locale, 'Vul dit in.', 'Fill this in.');
    case 'invalid_value':
    case 'invalid_union':
      return t(locale, 'Maak een keuze.', 'Make a choice.');
    case 'invalid_format':
      return issue.format === 'email'
        ? t(locale, 'Geef een geldig e-mailadres.', 'Give a valid email address.')
        : t(locale, 'Dit heeft niet de juiste vorm: ', 'This is not in the right form: ') + issue.message;
    case 'custom':
      return ruleTextOfIssue(issue, locale) ?? issue.message;
    default:
      return issue.message;
  }
}

/** The text of the catalogued rule a custom issue carries (domain/schemas/common.ts addRuleIssue), or undefined. */
export function ruleTextOfIssue(issue: Issue, locale: Locale): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const { rule, ...params } = (issue.params ?? {}) as ProblemParams & { rule?: string };
  return rule === undefined ? undefined : problemText(rule, inWords(params, locale), locale);
}

/** A schema's own message where it says more than the generic wording (e.g. "pick at least one strategy"). */
const messageOf = (issue: Issue): string => (/^Too small/i.test(issue.message) ? '' : ` (${issue.message})`);

/** Each issue beside the field it names; `known` says which names the form shows. */
export function problemsOfIssues(
  issues: readonly Issue[],
  locale: Locale,
  known: (path: string) => boolean,
): Problems {
  const problems = noProblems();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    add(problems, path, issueText(issue, locale), known);
  }
  return problems;
}

function add(problems: Problems, path: string, message: string, known: (path: string) => boolean): void {
  // A problem of a field the form does not show goes to its nearest shown parent, else the top.
  let at = path;
  while (at && !known(at)) at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '';
  if (!at) {
    problems.general.push(path ? `${path}: ${message}` : message);
    return;
  }
  problems.byField.set(at, [...(problems.byField.get(at) ?? []), message]);
}

/** A refusal as the pages get it: the English reason, and the rules behind it where the workflow names them. */
export interface RefusalText {
  reason: string;
  problems?: RuleProblem[] | undefined;
}

/** A refusal in the reader's language: its rules' texts, or the reason as it came (a refusal without codes). */
export function refusalText(refusal: RefusalText, locale: Locale): string {
  if (!refusal.problems) return refusal.reason;
  return refusal.problems.map((problem) => ruleText(problem, locale)).join(' ');
}

const ruleText = (problem: RuleProblem, locale: Locale): string =>
  problemText(problem.rule, inWords(problem.params, locale), locale) ?? problem.rule;

/**
 * Parameters that are choice values (one, or a list as `a, b`), by the field whose options name
 * them: a page says "hergebruiken" or "Levensduur verlengen" where the API says `reuse` or
 * `extend-lifetime`. A value without words of its own stays as it is.
 */
const CHOICE_PARAMS: Record<string, string> = {
  kind: 'alternatives.kind',
  chosen: 'decision.route',
  route: 'routeId',
  objective: 'objectiveId',
  objectives: 'objectiveId',
  set: 'objectiveId',
  strategy: 'strategies',
  allowed: 'strategies',
  condition: 'contractConditionId',
  agreed: 'contractConditionId',
};

function inWords(params: ProblemParams, locale: Locale): ProblemParams {
  const words = (pattern: string, value: string) => {
    const worded = optionLabel(pattern, value, locale);
    return worded === humanise(value) ? value : worded;
  };
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const pattern = CHOICE_PARAMS[name];
      if (!pattern || typeof value !== 'string' || !value) return [name, value];
      return [
        name,
        value
          .split(', ')
          .map((one) => words(pattern, one))
          .join(', '),
      ];
    }),
  );
}

/**
 * The workflow's refusal (422/409), each problem beside the field it names. With the rules behind
 * it, their texts in the reader's language; else its English reason, whose validators describe zod
 * issues as `path: message; path: message` (domain/schemas/common.ts describeIssues), or one
 * sentence about the whole submission.
 */
export function problemsOfRefusal(
  refusal: RefusalText,
  known: (path: string) => boolean,
  locale: Locale,
): Problems {
  const problems = noProblems();
  if (refusal.problems) {
    for (const problem of refusal.problems)
      add(problems, problem.path ?? '', ruleText(problem, locale), known);
    return problems;
  }
  const reason = refusal.reason;
  const parts = reason.split('; ');
  const named = parts.map((part) => /^([\w.-]+): (.+)$/.exec(part));
  if (named.every((match) => match && known(match[1] as string))) {
    for (const match of named) add(problems, match?.[1] as string, match?.[2] as string, known);
  } else problems.general.push(reason);
  return problems;
}

export const problemCount = (problems: Problems): number =>
  problems.general.length + [...problems.byField.values()].reduce((sum, list) => sum + list.length, 0);
