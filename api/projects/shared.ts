/** What the project route files share: their dependencies, path parameters and links. */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import { workflowIdFor } from '../../domain/project';
import { gateId, slug } from '../../domain/schemas';
import { idempotentId } from '../idempotency';
import type { ProjectMessages } from '../project-messages';
import type { RouteContext } from '../routes';
import type { TemporalCalls } from '../temporal-calls';
import type { InputSchemas } from '../validation';

export interface ProjectRouteDependencies {
  client: Client;
  config: AppConfig;
  calls: TemporalCalls;
  messages: ProjectMessages;
}

export const projectParams = z.object({ id: slug });
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
