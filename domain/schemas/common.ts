/** Building blocks the other schema files are made of, and helpers for reading zod's problems. */
import { z } from 'zod';
import { jsonBytes } from '../carried-state';
import { GATE_IDS, LOCALES, ROLE_IDS, STEP_IDS } from '../catalogue';
import { type ParamsOf, type ProblemCode, type RuleProblem, problemText } from '../problems';

export const slug = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens (kebab-case)');

/**
 * Control characters (NUL and the like; tab and line breaks are fine) have no place in what a
 * person writes, and would reach mail headers, visibility queries and logs.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * A custom issue of a catalogued rule (domain/problems): the English text as its message, as the API
 * answers it, and the rule's code and parameters in `params`, so a page renders it in its language.
 */
export function addRuleIssue<C extends ProblemCode>(
  ctx: z.RefinementCtx,
  path: PropertyKey[] | undefined,
  rule: C,
  params: ParamsOf<C>,
): void {
  ctx.addIssue({ code: 'custom', ...(path ? { path } : {}), ...ruleCheck(rule, params) });
}

/** addRuleIssue for a problem a domain rule function found (its own path, if any, is not a zod path). */
export function addProblemIssue(
  ctx: z.RefinementCtx,
  path: PropertyKey[] | undefined,
  problem: RuleProblem,
): void {
  addRuleIssue(ctx, path, problem.rule, problem.params as ParamsOf<typeof problem.rule>);
}

/** The message and params of a `.refine(check, ruleCheck(rule, params))`: see addRuleIssue. */
export function ruleCheck<C extends ProblemCode>(
  rule: C,
  params: ParamsOf<C>,
): { message: string; params: Record<string, unknown> } {
  return { message: problemText(rule, params, 'en') ?? rule, params: { rule, ...params } };
}

export const NO_CONTROL_CHARACTERS = ruleCheck('text.control-characters', {}).message;
export const plainString = () =>
  z.string().refine((value) => !CONTROL_CHARACTERS.test(value), ruleCheck('text.control-characters', {}));

/** Longest comment on a decision or a delegation: a reason, not a document. */
export const COMMENT_MAX_CHARACTERS = 2000;
export const comment = () => plainString().trim().max(COMMENT_MAX_CHARACTERS);

/**
 * Most bytes (as JSON, UTF-8) that one input may hold in all. Each field has its own maximum, but
 * a form with every field at its maximum would be megabytes, and the project carries what it is
 * sent for years (across continue-as-new, in every query): the total keeps a project with every
 * input at its limit within 1 MB. Realistic inputs are 1–2 KiB (dev/sample-project.ts), so the
 * limits are some twenty times what a person writes; long documents belong in the case file.
 */
export const INPUT_MAX_BYTES = {
  createProject: 64 * 1024,
  approvalSettings: 32 * 1024,
  deliverable: 32 * 1024,
  contractReview: 8 * 1024,
  contractAmendment: 16 * 1024,
} as const;

/**
 * `schema`, refusing a value whose JSON is over `maxBytes`. A fixed message, so that the OpenAPI
 * document states the rule as it is (api/openapi-rules.ts).
 */
export function withinBytes<T extends z.ZodType>(schema: T, maxBytes: number, what: string): T {
  return schema.refine(
    (value: unknown) => jsonBytes(value) <= maxBytes,
    ruleCheck('input.too-large', { what, kib: maxBytes / 1024 }),
  );
}

export const text = (max = 2000) => plainString().trim().min(1, 'must not be empty').max(max);
export const longText = (min: number, max = 10_000) =>
  plainString().trim().min(min, `must be at least ${min} characters`).max(max);

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

/**
 * A calendar date, YYYY-MM-DD. Not `z.iso.date()`: inside the workflow bundle (webpack) that
 * resolves to a date-object schema and rejects every string, so validators would refuse valid input.
 */
export const isoDate = z
  .string()
  // abort: a value that is not YYYY-MM-DD at all gets one problem, not a second "not a calendar date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use a date as YYYY-MM-DD', abort: true })
  .refine(
    (value) => {
      const time = Date.parse(`${value}T00:00:00.000Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
    },
    ruleCheck('date.not-a-day', {}),
  )
  .meta({ format: 'date' });

/**
 * Names already checked: building an Intl.DateTimeFormat per check was the costliest step of a
 * workflow task (profiled in bench/). A memo of a pure function, so sharing it between workflows
 * (the module is preloaded once per worker) changes no result; a Map stays usable when frozen.
 */
const checkedTimeZones = new Map<string, boolean>();
function isTimeZone(value: string): boolean {
  const known = checkedTimeZones.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    valid = true;
  } catch {
    valid = false;
  }
  if (checkedTimeZones.size < 1_000) checkedTimeZones.set(value, valid);
  return valid;
}

export const timeZone = z.string().max(64).refine(isTimeZone, ruleCheck('time-zone.unknown', {}));

export const locale = z.enum(LOCALES);

export const person = z.object({
  name: text(200),
  email,
  locale: locale.optional(),
  timeZone: timeZone.optional(),
});
export type Person = z.infer<typeof person>;

export const roleId = z.enum(ROLE_IDS);
export const stepId = z.enum(STEP_IDS);
export const gateId = z.enum(GATE_IDS);

/** Rejects lists in which one email address appears twice. */
export function uniqueEmails<T extends { email: string }>(
  list: T[],
  ctx: z.RefinementCtx,
  what: string,
): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.email)) {
      addRuleIssue(ctx, [index, 'email'], 'list.twice', { value: entry.email, what });
    }
    seen.add(entry.email);
  });
}

export function uniqueBy<T>(
  list: T[],
  key: (item: T) => string,
  ctx: z.RefinementCtx,
  field: string,
  what: string,
): void {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) addRuleIssue(ctx, [index, field], 'list.twice', { value, what });
    seen.add(value);
  });
}

export const channel = z.enum(['api', 'email', 'signal', 'system']);
export type Channel = z.infer<typeof channel>;

/** Parses with a schema and turns the first problems into one readable sentence (for update validators). */
export function describeIssues(error: z.ZodError, max = 5): string {
  const problems = error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return problems.join('; ') + more;
}
