/**
 * Reading a project (queries), the lessons of a product group and the catalogue. A finished
 * project can still be read: Temporal answers a query on a closed workflow by replaying it on a
 * worker, so without a worker such a read answers 503 like any other.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { catalogue } from '../../domain/catalogue';
import { type Lesson, lessonsWorkflowIdFor } from '../../domain/project';
import { slug } from '../../domain/schemas';
import { lessonsQuery } from '../../workflows/lessons';
import { projectQuery } from '../../workflows/messages';
import { readWholeAudit } from '../audit-archive';
import { route } from '../routes';
import { auditTrail, catalogueBody, lessons, projectView } from './responses';
import { type ProjectRouteDependencies, projectLinks, projectParams } from './shared';

/** How long a page or an API call waits for a product group's lessons. */
const LESSONS_QUERY_DEADLINE_MS = 3_000;

/** The lessons kept for a product group, oldest first; none before its first project ended (shared with the workspace). */
export async function readLessons(
  { client, calls }: Pick<ProjectRouteDependencies, 'client' | 'calls'>,
  productGroup: string,
): Promise<Lesson[]> {
  try {
    // A lessons query answers in milliseconds; one that waits longer has no worker to answer it.
    return await calls.within(() =>
      client.withDeadline(Date.now() + LESSONS_QUERY_DEADLINE_MS, () =>
        client.workflow.getHandle(lessonsWorkflowIdFor(productGroup)).query(lessonsQuery),
      ),
    );
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return [];
  }
}

export function readRoutes({ client, config, calls, messages }: ProjectRouteDependencies) {
  return [
    route({
      operationId: 'getProject',
      method: 'get',
      path: '/api/projects/:id',
      tag: 'projects',
      summary: 'The state of a project (query)',
      description: 'Also for finished projects (their status says how they ended).',
      access: 'any',
      temporal: 'query',
      input: { params: projectParams },
      responses: { 200: { description: 'The project state.', schema: projectView } },
      async handle({ input, res }) {
        const state = await messages.query(input.params.id, projectQuery);
        res.json({ ...state, links: projectLinks(config, input.params.id) });
      },
    }),

    route({
      operationId: 'getAuditTrail',
      method: 'get',
      path: '/api/projects/:id/audit',
      tag: 'projects',
      summary: 'The audit trail: every submission, decision, delegation, reminder and escalation',
      access: 'any',
      temporal: 'query',
      input: { params: projectParams },
      description:
        'The whole trail: entries that a long project no longer carries (they left its state at a continue-as-new) are read from the history of the run that held them; `unavailable` lists runs whose history is gone (past the namespace retention, without archival).',
      responses: { 200: { description: 'Audit entries, oldest first.', schema: auditTrail } },
      async handle({ input, res }) {
        res.json(await readWholeAudit({ client, calls, messages }, input.params.id));
      },
    }),

    route({
      operationId: 'getLessons',
      method: 'get',
      path: '/api/product-groups/:productGroup/lessons',
      tag: 'lessons',
      summary: 'Lessons kept from earlier projects of a product group',
      access: 'any',
      temporal: 'query',
      input: { params: z.object({ productGroup: slug }) },
      responses: { 200: { description: 'Lessons, oldest first (empty when none yet).', schema: lessons } },
      async handle({ input, res }) {
        const productGroup = input.params.productGroup;
        res.json({ productGroup, lessons: await readLessons({ client, calls }, productGroup) });
      },
    }),

    route({
      operationId: 'getCatalogue',
      method: 'get',
      path: '/api/catalogue',
      tag: 'catalogue',
      summary:
        'The circular procurement catalogue: ids and nl/en labels of steps, roles, ambitions, procedures, routes, …',
      access: 'public',
      temporal: 'none',
      input: {},
      responses: { 200: { description: 'The catalogue.', schema: catalogueBody } },
      async handle({ res }) {
        await Promise.resolve();
        res.json(catalogue);
      },
    }),
  ];
}
