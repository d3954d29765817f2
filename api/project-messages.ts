/**
 * Updates, signals and queries to one project's workflow, each under the request's deadline
 * (temporal-calls.ts), with a finished project reported as such and, when the caller sent an
 * Idempotency-Key, a retry deduplicated by Temporal (idempotency.ts).
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { encodeToPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { workflowIdFor } from '../domain/project';
import { HttpError } from './errors';
import { GrpcCode, type TemporalCalls, grpcCode } from './temporal-calls';

export interface ProjectMessages {
  /**
   * An update and its outcome. `updateId` makes it idempotent: the same id again returns the first
   * outcome without running the update twice.
   */
  update<Ret, Arg>(
    id: string,
    definition: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId?: string,
  ): Promise<Ret>;
  /** A signal; `requestId` makes it idempotent (Temporal drops a second signal with the same request id). */
  signal<Arg>(id: string, definition: SignalDefinition<[Arg]>, arg: Arg, requestId?: string): Promise<void>;
  query<Ret>(id: string, definition: QueryDefinition<Ret>): Promise<Ret>;
}

export function createProjectMessages(client: Client, calls: TemporalCalls): ProjectMessages {
  const handle = (id: string) => client.workflow.getHandle(workflowIdFor(id));

  /** Updates and signals to a finished project fail with "not found"; say "finished" instead. */
  async function explainClosed(id: string, error: unknown): Promise<never> {
    if (error instanceof WorkflowNotFoundError) {
      const description = await calls.within(() => handle(id).describe()).catch(() => undefined);
      if (description && description.status.name !== 'RUNNING') {
        throw new HttpError(409, `the project is closed (${description.status.name.toLowerCase()})`);
      }
    }
    throw error;
  }

  /**
   * The SDK's signal() picks a random request id per call; for a deduplicated signal we send the
   * request ourselves (no client interceptors are configured, so nothing is bypassed).
   */
  async function signalWithRequestId<Arg>(
    id: string,
    definition: SignalDefinition<[Arg]>,
    arg: Arg,
    requestId: string,
  ): Promise<void> {
    const workflowId = workflowIdFor(id);
    try {
      await client.workflowService.signalWorkflowExecution({
        namespace: client.options.namespace,
        workflowExecution: { workflowId },
        signalName: definition.name,
        input: { payloads: await encodeToPayloads(client.options.loadedDataConverter, arg) },
        identity: client.options.identity,
        requestId,
      });
    } catch (error) {
      if (grpcCode(error) === GrpcCode.NOT_FOUND)
        throw new WorkflowNotFoundError('no such workflow', workflowId, undefined);
      throw error;
    }
  }

  return {
    update: (id, definition, arg, updateId) =>
      calls
        .within(() =>
          handle(id).executeUpdate(definition, { args: [arg], ...(updateId ? { updateId } : {}) }),
        )
        .catch((error: unknown) => explainClosed(id, error)),
    signal: (id, definition, arg, requestId) =>
      calls
        .within(() =>
          requestId
            ? signalWithRequestId(id, definition, arg, requestId)
            : handle(id).signal(definition, arg),
        )
        .catch((error: unknown) => explainClosed(id, error)),
    query: (id, definition) => calls.within(() => handle(id).query(definition)),
  };
}
