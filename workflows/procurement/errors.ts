/** Errors that reject an update; the API maps the failure type to an HTTP status. */
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType } from '../../domain/failure-types';
import {
  type ProblemParams,
  type RefusalDetails,
  type RuleProblem,
  englishOf,
  isProblemCode,
} from '../../domain/problems';
import { describeIssues } from '../../domain/schemas';

/**
 * A refusal: a plain English message, or the catalogued rules it breaks (domain/problems). With
 * rules, the message is their English text as before (`field: …` where a rule names a field) and
 * the details carry `{ problems: [{ rule, params, path }] }`, so a page says it in its reader's
 * language. Details are not commands: histories with the old refusals replay unchanged.
 */
type Refused = string | RuleProblem | readonly RuleProblem[];

function refusal(refused: Refused, type: FailureType): ApplicationFailure {
  if (typeof refused === 'string') return ApplicationFailure.nonRetryable(refused, type);
  const problems: RuleProblem[] = 'rule' in refused ? [refused] : [...refused];
  const details: RefusalDetails = { problems };
  return ApplicationFailure.nonRetryable(problems.map(englishOf).join('; '), type, details);
}

export function invalid(refused: Refused): ApplicationFailure {
  return refusal(refused, FailureType.invalidInput);
}
export function conflict(refused: Refused): ApplicationFailure {
  return refusal(refused, FailureType.wrongState);
}
export function forbidden(refused: Refused): ApplicationFailure {
  return refusal(refused, FailureType.notAllowed);
}

export function parseOrReject<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(rulesOfIssues(result.error) ?? describeIssues(result.error));
  return result.data;
}

/**
 * The issues as catalogued rules when every one is (and names a field), so the refusal carries
 * them; else undefined and the refusal is describeIssues' text alone. Either way the message is
 * the same `path: message; …`.
 */
function rulesOfIssues(error: z.ZodError): RuleProblem[] | undefined {
  if (error.issues.length > DESCRIBED_ISSUES) return undefined;
  const rules = error.issues.flatMap((issue) => {
    const { rule, ...params } = (issue.code === 'custom' ? (issue.params ?? {}) : {}) as ProblemParams & {
      rule?: unknown;
    };
    const path = issue.path.join('.');
    return isProblemCode(rule) && path ? [{ rule, params, path }] : [];
  });
  return rules.length === error.issues.length ? rules : undefined;
}

/** How many issues describeIssues lists by default. */
const DESCRIBED_ISSUES = 5;

/**
 * Where `parsed` differs from what was sent: a path, or undefined when the value was sent exactly as
 * the schema outputs it. Keys the schema strips (extra fields) do not count.
 */
function firstDifference(parsed: unknown, sent: unknown, path: string): string | undefined {
  if (parsed === sent) return undefined;
  if (Array.isArray(parsed)) {
    if (!Array.isArray(sent) || sent.length !== parsed.length) return path || '(value)';
    for (const [index, item] of parsed.entries()) {
      const difference = firstDifference(item, sent[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (parsed && typeof parsed === 'object') {
    if (!sent || typeof sent !== 'object' || Array.isArray(sent)) return path || '(value)';
    for (const [key, value] of Object.entries(parsed)) {
      if (value === undefined) continue;
      const difference = firstDifference(
        value,
        (sent as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (difference) return difference;
    }
    return undefined;
  }
  return path || '(value)';
}

/**
 * Validates like parseOrReject and also requires the value to be sent as the schema outputs it
 * (trimmed, lower-case addresses, defaults filled in: the API always sends it so). The handler can
 * then store the update's own argument, which is in history, instead of parsing it again: update
 * validators do not run on replay, so a later change to a schema or a default cannot change what
 * a replayed handler does.
 */
export function parseNormalized<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const parsed = parseOrReject(schema, value);
  const difference = firstDifference(parsed, value, '');
  if (difference !== undefined) {
    throw invalid(
      `${name}${difference === '(value)' ? '' : `.${difference}`}: send the normalized value (trimmed, lower-case email addresses, defaults filled in), as the API does`,
    );
  }
  return parsed;
}
