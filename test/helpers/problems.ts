import type { z } from 'zod';
import { type RuleProblem, englishOf } from '../../domain/problems';

/** Every problem of a parse as `path: message` (the API's format). */
export function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** A domain rule function's problems as the API answers them: `path: message`, in English. */
export const english = (rules: RuleProblem[]): string[] => rules.map(englishOf);
