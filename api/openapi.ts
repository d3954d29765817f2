/**
 * The OpenAPI 3.1 document, generated from the route table (routes.ts): parameters, headers and
 * bodies from the same zod schemas that validate them, every response with its schema, and the
 * failures each route can answer with derived from what it asks of Temporal, so that a route
 * cannot answer a status its documentation does not list.
 */
import { z } from 'zod';
import { describeRules } from './openapi-rules';
import { type RouteSpec, inputOf } from './routes';

export const errorBody = z.object({
  error: z.string().meta({ example: 'Bad Request' }),
  message: z.string(),
  problems: z.array(z.string()).optional().meta({ description: 'Each problem as `path: message`.' }),
  issues: z
    .array(
      z.object({
        path: z.string().optional().meta({ description: 'The field the problem is about, if it names one.' }),
        message: z.string().meta({ description: 'The problem in English.' }),
        rule: z.string().optional().meta({
          description:
            'The stable code of the rule broken, where the problem is one of the catalogued rules (e.g. `tender.weights-sum`): a client can show its own text for it.',
          example: 'amendment.end-not-future',
        }),
        params: z
          .record(z.string(), z.union([z.string(), z.number()]))
          .optional()
          .meta({ description: "The values the rule's text is filled in with." }),
      }),
    )
    .optional()
    .meta({
      description:
        'The problems (400) or the reasons of a refusal (403/409/422) one by one, each with its rule code where known.',
    }),
});

/** Where each failure can come from; the route's own `responses` may say it more precisely. */
const FAILURES: Record<number, string> = {
  400: 'Invalid input: every problem is listed as `path: message`.',
  401: 'No or unknown API key.',
  403: 'The key may not do this, or you may only act for yourself.',
  404: 'No such project.',
  409: 'The project is not in a state that allows this, or it is closed.',
  413: 'The body is larger than 256 kB.',
  422: 'The workflow rejected the input.',
  503: 'Temporal is unreachable or no worker answered in time (`API_TEMPORAL_TIMEOUT_MS`). A change may still take effect later: retry after `Retry-After` seconds with the same `Idempotency-Key`, which makes the retry safe.',
};

/** The failure statuses a route can answer with. */
export function failureStatuses(spec: RouteSpec): number[] {
  const input = inputOf(spec);
  const onProject = spec.path.includes(':id');
  const { temporal } = spec;
  const statuses = new Set<number>();
  if (Object.keys(input).length > 0) statuses.add(400);
  if (spec.access !== 'public') statuses.add(401);
  // Roles are checked here; the workflow itself refuses people who are not part of a round.
  if (Array.isArray(spec.access) || temporal === 'update') statuses.add(403);
  if (onProject && ['update', 'signal', 'query'].includes(temporal)) statuses.add(404);
  if (['start', 'update', 'signal'].includes(temporal)) statuses.add(409);
  if (input.body || spec.rawBody) statuses.add(413);
  if (temporal === 'start' || temporal === 'update') statuses.add(422);
  if (temporal !== 'none') statuses.add(503);
  for (const status of Object.keys(spec.responses).map(Number)) if (status >= 400) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: describeRules,
  });
  return rest;
}

/** A file's bytes, as OpenAPI 3.1 writes a body that is not JSON. */
const BINARY = { type: 'string', format: 'binary' };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parametersOf(spec: RouteSpec): unknown[] {
  const parameters: unknown[] = [];
  const input = inputOf(spec);
  const locations = { params: 'path', query: 'query', headers: 'header' } as const;
  for (const location of ['params', 'query', 'headers'] as const) {
    const schema = input[location];
    if (!schema) continue;
    const json = jsonSchema(schema, 'input');
    const required = (json.required ?? []) as string[];
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, unknown>)) {
      const { description, ...propertySchema } = property as { description?: string };
      parameters.push({
        name: location === 'headers' ? headerName(name) : name,
        in: locations[location],
        required: location === 'params' || required.includes(name),
        ...(description ? { description } : {}),
        schema: propertySchema,
      });
    }
  }
  return parameters;
}

/** `idempotency-key` → `Idempotency-Key`, as people write it. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

export function openApiDocument(
  routes: RouteSpec[],
  info: { title: string; version: string; serverUrl: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const openApiPath = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(r.responses)) {
      responses[status] =
        Number(status) >= 400 && !response.schema
          ? errorResponse(response.description)
          : {
              description: response.description,
              ...(response.schema
                ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
                : response.mediaType
                  ? { content: { [response.mediaType]: { schema: BINARY } } }
                  : {}),
            };
    }
    for (const status of failureStatuses(r)) {
      responses[String(status)] ??= errorResponse(FAILURES[status] ?? 'Failure.');
    }
    if (responses['503']) {
      (responses['503'] as Record<string, unknown>).headers = {
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
      };
    }
    const body = r.documentedBody ?? r.input.body;
    const parameters = parametersOf(r);
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
        : r.rawBody
          ? {
              requestBody: {
                required: true,
                description: r.rawBody.description,
                content: Object.fromEntries(r.rawBody.mediaTypes.map((type) => [type, { schema: BINARY }])),
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
