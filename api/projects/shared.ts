/** What the project route files share: their dependencies, path parameters and links. */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import { workflowIdFor } from '../../domain/project';
import { gateId, slug } from '../../domain/schemas';
import { idempotentId } from '../idempotency';
import type { ProjectMessages } from '../project-messages';
import type { Principal, Role } from '../auth';
import { type Route, type RouteContext, type RouteSpec, route } from '../routes';
import type { TemporalCalls } from '../temporal-calls';
import type { DocumentStore } from '../../storage';
import type { ProjectAccess } from '../documents/access';
import type { CountsCache } from './counts-cache';
import type { InputSchemas } from '../validation';

export interface ProjectRouteDependencies {
  client: Client;
  config: AppConfig;
  calls: TemporalCalls;
  messages: ProjectMessages;
  /** The case file's store (storage/). */
  documents: DocumentStore;
  /** Whether a principal may see a project (one check, see api/documents/access.ts). */
  access: ProjectAccess;
  /** Project counts shared for a few seconds by the counts route and My work (counts-cache.ts). */
  countsCache: CountsCache;
}

export const projectParams = z.object({ id: slug });
/** Who may start and drive a project (viewers read, and decide in the rounds that ask them). */
export const OFFICERS: Role[] = ['officer', 'operator'];
export const gateParams = z.object({ id: slug, gate: gateId });

export function projectLinks(config: AppConfig, id: string) {
  return {
    self: `/api/projects/${id}`,
    audit: `/api/projects/${id}/audit`,
    temporalUi: `/namespaces/${config.temporal.namespace}/workflows/${workflowIdFor(id)}`,
  };
}

/** The Temporal id (update id, signal request id) that makes a keyed request idempotent; none without a key. */
export function messageIdOf(operationId: string, context: RouteContext<InputSchemas>): string | undefined {
  return context.idempotencyKey
    ? idempotentId(operationId, context.principal, context.idempotencyKey)
    : undefined;
}

type UpdateInput<B extends z.ZodType> = { params: typeof projectParams; body: B };

/**
 * A route that is one update of the project: the body and the caller make the update's argument,
 * the update's result is the answer, and an Idempotency-Key becomes the update id.
 */
export function updateRoute<B extends z.ZodType, Ret, Arg>(
  messages: ProjectMessages,
  spec: Omit<RouteSpec<UpdateInput<B>>, 'temporal' | 'input'> & {
    body: B;
    update: UpdateDefinition<Ret, [Arg]>;
    args: (body: z.output<B>, principal: Principal) => Arg;
  },
): Route<UpdateInput<B>> {
  const { body, update, args, ...rest } = spec;
  return route<UpdateInput<B>>({
    ...rest,
    temporal: 'update',
    input: { params: projectParams, body },
    async handle(context) {
      const { input, principal, res } = context;
      const messageId = messageIdOf(spec.operationId, context);
      res.json(await messages.update(input.params.id, update, args(input.body, principal), messageId));
    },
  });
}
