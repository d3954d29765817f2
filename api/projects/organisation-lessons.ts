/**
 * The lessons of one organisation across its product groups: what its evaluated projects taught,
 * so that circularity can be "verankerd … in de aankoopstrategie van je organisatie" (source,
 * step 7), not only carried to the next project of the same product group.
 *
 * Lessons are kept per product group (workflows/lessons.ts), each naming its project's
 * organisation; this route lists the product groups' lesson workflows and keeps the lessons of the
 * organisation asked for. A key sees the lessons of its own organisations only: for another
 * organisation the answer is empty, as if it had none (the scope of api/project-scope.ts).
 */
import { z } from 'zod';
import { text } from '../../domain/schemas/common';
import { type Lesson, lessonsWorkflowIdFor, productGroupFromLessonsWorkflowId } from '../../domain/project';
import { lessonsQuery } from '../../workflows/lessons';
import { inScope } from '../project-scope';
import { isTemporalUnavailable } from '../temporal-calls';
import { route } from '../routes';
import { lesson } from './responses';
import type { ProjectRouteDependencies } from './shared';

/** More product groups than a catalogue holds; a bound so one request stays one request. */
const MAX_PRODUCT_GROUPS = 500;

const organisationLessons = z.object({
  organisation: z.string(),
  summary: z.object({
    projects: z.number().int(),
    completed: z.number().int(),
    purchaseAvoided: z.number().int(),
    targetMet: z.record(z.string(), z.number().int()).meta({
      description:
        'Evaluated projects per answer to "was the target met" (yes, partial, no, not-applicable).',
    }),
  }),
  productGroups: z.array(z.object({ productGroup: z.string(), lessons: z.array(lesson) })),
});

export function summariseLessons(
  organisation: string,
  byGroup: { productGroup: string; lessons: Lesson[] }[],
) {
  const all = byGroup.flatMap((group) => group.lessons);
  const targetMet: Record<string, number> = {};
  for (const kept of all)
    if (kept.targetMet) targetMet[kept.targetMet] = (targetMet[kept.targetMet] ?? 0) + 1;
  return {
    organisation,
    summary: {
      projects: all.length,
      completed: all.filter((kept) => kept.outcome === 'completed').length,
      purchaseAvoided: all.filter((kept) => kept.outcome === 'purchase-avoided').length,
      targetMet,
    },
    productGroups: byGroup.filter((group) => group.lessons.length > 0),
  } satisfies z.output<typeof organisationLessons>;
}

/** A product group's lessons answer in milliseconds; one that does not within this is left out. */
const GROUP_QUERY_DEADLINE_MS = 3_000;
/** The product groups whose lessons did not answer, comma-separated. */
export const UNANSWERED_HEADER = 'X-Lessons-Unanswered';

export function organisationLessonsRoute({ client, calls }: ProjectRouteDependencies) {
  return route({
    operationId: 'getOrganisationLessons',
    method: 'get',
    path: '/api/organisations/:organisation/lessons',
    tag: 'lessons',
    summary: 'Lessons of an organisation across its product groups',
    description:
      "The lessons of the organisation's evaluated projects, per product group, with a count of outcomes: for anchoring circular procurement in the organisation's purchasing strategy. A key sees its own organisations only; for another organisation the answer is empty. Product groups whose lessons were just published may appear a moment later (Temporal visibility is eventually consistent). A product group whose lessons did not answer within 3 s is left out and named in the `X-Lessons-Unanswered` header.",
    access: 'any',
    temporal: 'list',
    // The organisation as a project names it (domain/schemas/project.ts).
    input: { params: z.object({ organisation: text(200) }) },
    responses: {
      200: {
        description: 'Lessons per product group, oldest first (empty when none).',
        schema: organisationLessons,
      },
    },
    async handle({ input, principal, res }) {
      const organisation = input.params.organisation;
      if (!inScope(principal, { organisation })) {
        res.json(summariseLessons(organisation, []));
        return;
      }
      const groups = await calls.within(async () => {
        const found: string[] = [];
        const query = `WorkflowType = 'productGroupLessonsWorkflow' AND ExecutionStatus = 'Running'`;
        for await (const execution of client.workflow.list({ query })) {
          const productGroup = productGroupFromLessonsWorkflowId(execution.workflowId);
          if (productGroup) found.push(productGroup);
          if (found.length >= MAX_PRODUCT_GROUPS) break;
        }
        return found.sort();
      }, 'list');
      // One product group's lessons workflow that does not answer (its worker gone) must not cost
      // the others: each is asked with a short deadline, and the groups that did not answer are
      // named in a header rather than failing the whole answer.
      const unanswered: string[] = [];
      const byGroup = (
        await Promise.all(
          groups.map(async (productGroup) => {
            try {
              const kept = await client.withDeadline(Date.now() + GROUP_QUERY_DEADLINE_MS, () =>
                client.workflow.getHandle(lessonsWorkflowIdFor(productGroup)).query(lessonsQuery),
              );
              return [{ productGroup, lessons: kept.filter((known) => known.organisation === organisation) }];
            } catch (error) {
              if (!isTemporalUnavailable(error)) throw error;
              unanswered.push(productGroup);
              return [];
            }
          }),
        )
      ).flat();
      if (unanswered.length > 0) res.set(UNANSWERED_HEADER, unanswered.sort().join(','));
      res.json(summariseLessons(organisation, byGroup));
    },
  });
}
