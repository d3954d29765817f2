/**
 * Routes are declared once as data (method, path, roles, zod schemas, responses); the router
 * mounts them with validation and auth, and the OpenAPI 3.1 document is generated from the same
 * declarations, so the documentation cannot drift from what the API checks.
 */
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type Principal, type Role, principalOf, requireRole } from './auth';
import { type InputSchemas, type ParsedInput, validate } from './validation';

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
  input: S;
  /** The body as documented, when the handler checks it itself (a submission's schema depends on its gate). */
  documentedBody?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

export interface RouteContext<S extends InputSchemas> {
  input: ParsedInput<S>;
  principal: Principal;
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
    router[r.method](r.path, ...guards, validate(r.input), async (req, res) => {
      await r.handle({
        input: res.locals.input as RouteContext<InputSchemas>['input'],
        principal: r.access === 'public' ? { name: 'anonymous', email: '', roles: [] } : principalOf(res),
        req,
        res,
      });
    });
  }
  return router;
}

export const errorBody = z.object({
  error: z.string().meta({ example: 'Bad Request' }),
  message: z.string(),
  problems: z.array(z.string()).optional().meta({ description: 'Each problem as `path: message`.' }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest;
}

const STANDARD_ERRORS: Record<number, string> = {
  400: 'Invalid input: every problem is listed as `path: message`.',
  401: 'No or unknown API key.',
  403: 'The key may not do this, or you may only act for yourself.',
  404: 'No such project.',
  409: 'The project is not in a state that allows this.',
  422: 'The workflow rejected the input.',
};

export function openApiDocument(
  routes: RouteSpec[],
  info: { title: string; version: string; serverUrl: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const openApiPath = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const location of ['params', 'query'] as const) {
      const schema = r.input[location];
      if (!schema) continue;
      const shape = (jsonSchema(schema, 'input').properties ?? {}) as Record<string, unknown>;
      const required = (jsonSchema(schema, 'input').required ?? []) as string[];
      for (const [name, property] of Object.entries(shape)) {
        parameters.push({
          name,
          in: location === 'params' ? 'path' : 'query',
          required: location === 'params' || required.includes(name),
          schema: property,
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(r.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
          : {}),
      };
    }
    const body = r.documentedBody ?? r.input.body;
    const errorStatuses = [
      400,
      ...(r.access === 'public' ? [] : [401, 403]),
      ...(r.path.includes(':id') ? [404] : []),
    ];
    for (const status of errorStatuses) {
      responses[String(status)] ??= {
        description: STANDARD_ERRORS[status],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const pathItem = (paths[openApiPath] ??= {});
    pathItem[r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      ...(r.access === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS.' },
      },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
