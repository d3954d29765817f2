/**
 * Request validation with zod. Parsed values are kept in `res.locals.input` (Express 5's
 * `req.query` is a read-only getter), and a 400 lists every problem as `path: message`.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { type ProblemParams, isProblemCode } from '../domain/problems';
import { HttpError, type ProblemIssue } from './errors';

export interface InputSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  /** Request headers by their lowercase names (Node lowercases them). */
  headers?: z.ZodType;
  body?: z.ZodType;
}

export type ParsedInput<S extends InputSchemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

export function formatIssues(location: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = [location, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
}

/** The issues beside `formatIssues`' lines, each with the rule code of a catalogued schema rule (domain/problems). */
export function issuesWithRules(location: string, error: z.ZodError): ProblemIssue[] {
  return error.issues.map((issue) => {
    const { rule, ...params } = (issue.code === 'custom' ? (issue.params ?? {}) : {}) as ProblemParams & {
      rule?: string;
    };
    return {
      path: [location, ...issue.path.map(String)].join('.'),
      message: issue.message,
      ...(rule !== undefined && isProblemCode(rule) ? { rule, params } : {}),
    };
  });
}

export function validate(schemas: InputSchemas): RequestHandler {
  return (req, res, next) => {
    const problems: string[] = [];
    const issues: ProblemIssue[] = [];
    const input: Record<string, unknown> = {};
    for (const location of ['params', 'query', 'headers', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw: unknown = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw);
      if (result.success) input[location] = result.data;
      else {
        problems.push(...formatIssues(location, result.error));
        issues.push(...issuesWithRules(location, result.error));
      }
    }
    if (problems.length > 0) {
      next(
        new HttpError(
          400,
          `the request has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
          problems,
          undefined,
          issues,
        ),
      );
      return;
    }
    res.locals.input = input;
    next();
  };
}
