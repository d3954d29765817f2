/**
 * Routes are declared once as data (method, path, roles, zod schemas, what they ask of Temporal,
 * responses); the router mounts them with validation and auth, and the OpenAPI 3.1 document
 * (openapi.ts) is generated from the same declarations, so the documentation cannot drift from
 * what the API checks and answers.
 */
import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { type Principal, type Role, principalOf, requireRole } from './auth';
import { HttpError, toHttpError } from './errors';
import { IDEMPOTENCY_KEY_HEADER, idempotencyHeaders } from './idempotency';
import { RETRY_AFTER_SECONDS, isTemporalUnavailable } from './temporal-calls';
import { type InputSchemas, type ParsedInput, validate } from './validation';

/**
 * What a route asks of Temporal. It decides which failures the route can answer with (and so
 * documents): every kind but `none` can meet an unreachable Temporal (503); a start can meet an
 * existing project (409); an update can be refused by the workflow (403/409/422); a signal or an
 * update can reach a finished project (409).
 */
export type TemporalCall = 'start' | 'update' | 'signal' | 'query' | 'list' | 'none';

export interface RouteSpec<S extends InputSchemas = InputSchemas> {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path syntax: /api/projects/:id */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed; 'any' = every valid API key; 'public' = no key needed. */
  access: Role[] | 'any' | 'public';
  temporal: TemporalCall;
  input: S;
  /** The body as documented, when the handler checks it itself (a submission's schema depends on its gate). */
  documentedBody?: z.ZodType;
  /**
   * A body that is not JSON (a file's bytes), read by the handler from the request stream: its
   * accepted media types, for the OpenAPI document.
   */
  rawBody?: { mediaTypes: string[]; description: string };
  /**
   * Success answers, and failures particular to this route (the common ones are derived, see
   * openapi.ts). A success that is not JSON names its `mediaType` (a file) instead of a schema.
   */
  responses: Record<number, { description: string; schema?: z.ZodType; mediaType?: string }>;
}

export interface RouteContext<S extends InputSchemas> {
  input: ParsedInput<S>;
  principal: Principal;
  /** The validated Idempotency-Key header of a request that changes something, when sent. */
  idempotencyKey?: string;
  req: Request;
  res: Response;
}

export interface Route<S extends InputSchemas = InputSchemas> extends RouteSpec<S> {
  handle(context: RouteContext<S>): Promise<void>;
}

/** Keeps the literal schema types of one route for its handler. */
export function route<S extends InputSchemas>(definition: Route<S>): Route<S> {
  return definition;
}

/** True for the methods that change something: they take an Idempotency-Key. */
export function changesSomething(spec: Pick<RouteSpec, 'method'>): boolean {
  return spec.method !== 'get';
}

/** The route's inputs as validated: its own, plus the Idempotency-Key header on routes that change something. */
export function inputOf(spec: Pick<RouteSpec, 'method' | 'input'>): InputSchemas {
  return changesSomething(spec) ? { ...spec.input, headers: idempotencyHeaders } : spec.input;
}

/**
 * A 503 that says what became of the request. A read changed nothing. A change that Temporal did
 * not confirm in time may still be applied (the update or signal may be in the workflow's history
 * already, or reach it once a worker is back), so the answer names the Idempotency-Key under which
 * a retry gets the first outcome instead of applying the change twice.
 */
function unavailableOutcome(error: unknown, idempotencyKey: string | undefined): HttpError {
  const cause = toHttpError(error).message.replace(/\.?$/, '.');
  const retryAfter = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  if (!idempotencyKey)
    return new HttpError(503, `${cause} Nothing was changed; try again later.`, undefined, retryAfter);
  return new HttpError(
    503,
    `${cause} The outcome is unknown: this change may still be applied later. Send the request again with the header "${IDEMPOTENCY_KEY_HEADER}: ${idempotencyKey}" to get its outcome without applying it twice.`,
    undefined,
    { ...retryAfter, [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  );
}

export function mountRoutes(
  routes: Route[],
  authenticate: (req: Request, res: Response, next: NextFunction) => void,
): Router {
  const router = Router();
  for (const r of routes) {
    const guards =
      r.access === 'public'
        ? []
        : r.access === 'any'
          ? [authenticate]
          : [authenticate, requireRole(...r.access)];
    router[r.method](r.path, ...guards, validate(inputOf(r)), async (req, res) => {
      const input = res.locals.input as RouteContext<InputSchemas>['input'] & {
        headers?: z.output<typeof idempotencyHeaders>;
      };
      // A change without a key of the caller's gets one, so that if Temporal does not confirm it in
      // time the 503 can name a key that makes the retry safe (the SDK would pick a random id anyway).
      const changes = changesSomething(r) && r.temporal !== 'none';
      const idempotencyKey = input.headers?.['idempotency-key'] ?? (changes ? randomUUID() : undefined);
      try {
        await r.handle({
          input,
          principal:
            r.access === 'public'
              ? { name: 'anonymous', email: '', roles: [], organisations: [] }
              : principalOf(res),
          ...(idempotencyKey ? { idempotencyKey } : {}),
          req,
          res,
        });
      } catch (error) {
        if (r.temporal !== 'none' && isTemporalUnavailable(error))
          throw unavailableOutcome(error, changes ? idempotencyKey : undefined);
        throw error;
      }
    });
  }
  return router;
}
