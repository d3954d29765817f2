/**
 * Probes for orchestrators and load balancers, without an API key:
 * - `/healthz` — liveness: the process answers. It never asks Temporal, so an outage of Temporal
 *   does not get a healthy API restarted.
 * - `/readyz` — readiness: Temporal answers and a worker polls the project task queue, so a
 *   request sent here now can be served. 503 with the reason (and Retry-After) otherwise.
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { type Route, route } from './routes';
import { RETRY_AFTER_SECONDS, type TemporalCalls } from './temporal-calls';

export const healthBody = z.object({ status: z.literal('ok') });

export const readinessBody = z.object({
  status: z.enum(['ready', 'not-ready']),
  taskQueue: z.string(),
  pollers: z.number().int().optional().meta({
    description: 'Workers polling the task queue (Temporal forgets a stopped one after a few minutes).',
  }),
  reason: z.string().optional().meta({ description: 'Why it is not ready.' }),
});
export type Readiness = z.infer<typeof readinessBody>;

/** temporal.api.enums.v1 TaskQueueKind.NORMAL and TaskQueueType.WORKFLOW (@temporalio/proto is not a dependency of ours). */
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

export async function checkReadiness(
  client: Client,
  calls: TemporalCalls,
  taskQueue: string,
): Promise<Readiness> {
  try {
    const description = await calls.within(() =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const pollers = description.pollers?.length ?? 0;
    if (pollers > 0) return { status: 'ready', taskQueue, pollers };
    return {
      status: 'not-ready',
      taskQueue,
      pollers,
      reason: `no worker polls the task queue "${taskQueue}" (start one: npm run start:worker)`,
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 'not-ready', taskQueue, reason: `Temporal does not answer: ${detail}` };
  }
}

export function createHealthRoutes({
  client,
  calls,
  taskQueue,
}: {
  client: Client;
  calls: TemporalCalls;
  taskQueue: string;
}): Route[] {
  return [
    route({
      operationId: 'getHealth',
      method: 'get',
      path: '/healthz',
      tag: 'operations',
      summary: 'Liveness: the API process answers (Temporal is not asked)',
      access: 'public',
      temporal: 'none',
      input: {},
      responses: { 200: { description: 'Alive.', schema: healthBody } },
      async handle({ res }) {
        await Promise.resolve();
        res.set('Cache-Control', 'no-store').json({ status: 'ok' });
      },
    }),
    route({
      operationId: 'getReadiness',
      method: 'get',
      path: '/readyz',
      tag: 'operations',
      summary: 'Readiness: Temporal answers and a worker polls the task queue',
      access: 'public',
      temporal: 'none',
      input: {},
      responses: {
        200: { description: 'Ready to serve requests.', schema: readinessBody },
        503: { description: 'Not ready: the reason says why. With Retry-After.', schema: readinessBody },
      },
      async handle({ res }) {
        const readiness = await checkReadiness(client, calls, taskQueue);
        res.set('Cache-Control', 'no-store');
        if (readiness.status !== 'ready') res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS));
        res.json(readiness);
      },
    }),
  ];
}
