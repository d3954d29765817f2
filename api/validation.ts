/**
 * Request validation with zod. Parsed values are kept in `res.locals.input` (Express 5's
 * `req.query` is a read-only getter), and a 400 lists every problem as `path: message`.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors';

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

export function validate(schemas: InputSchemas): RequestHandler {
  return (req, res, next) => {
    const problems: string[] = [];
    const input: Record<string, unknown> = {};
    for (const location of ['params', 'query', 'headers', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw: unknown = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw);
      if (result.success) input[location] = result.data;
      else problems.push(...formatIssues(location, result.error));
    }
    if (problems.length > 0) {
      next(
        new HttpError(
          400,
          `the request has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
          problems,
        ),
      );
      return;
    }
    res.locals.input = input;
    next();
  };
}
