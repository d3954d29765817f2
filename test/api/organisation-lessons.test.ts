/**
 * The lessons of an organisation across its product groups (source, step 7: lessons anchored in
 * the organisation's purchasing strategy), through the real API, the real dev server's visibility
 * and the product groups' lesson workflows. Checked both ways: a key of the organisation sees its
 * lessons of every product group and none of another organisation; a key of another organisation
 * sees none of them.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ApiKeyEntry } from '../../config/config';
import { type Lesson, lessonsWorkflowIdFor } from '../../domain/project';
import { addLessonSignal, productGroupLessonsWorkflow } from '../../workflows/lessons';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';

const orgA = `Gemeente A ${uniqueId('lessons')}`;
const orgB = `Gemeente B ${uniqueId('lessons')}`;
const KEY_A = 'lessons-key-of-organisation-a-0001';
const KEY_B = 'lessons-key-of-organisation-b-0002';
const keys: ApiKeyEntry[] = [
  { key: KEY_A, name: 'Officer A', email: 'officer@a.example', roles: ['officer'], organisations: [orgA] },
  { key: KEY_B, name: 'Officer B', email: 'officer@b.example', roles: ['viewer'], organisations: [orgB] },
];
const furniture = uniqueId('furniture');
const laptops = uniqueId('laptops');

let env: TestWorkflowEnvironment;
let h: Harness;

const lessonOf = (projectId: string, organisation: string, more: Partial<Lesson> = {}): Lesson => ({
  projectId,
  title: `Project ${projectId}`,
  organisation,
  completedAt: '2026-10-01T10:00:00.000Z',
  outcome: 'completed',
  lessons: [`lesson of ${projectId}`],
  ...more,
});

/** Publishes a lesson as the evaluation's activity does: signal-with-start of the group's workflow. */
async function publish(productGroup: string, lesson: Lesson): Promise<void> {
  await h.client.workflow.signalWithStart(productGroupLessonsWorkflow, {
    workflowId: lessonsWorkflowIdFor(productGroup),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ productGroup }],
    signal: addLessonSignal,
    signalArgs: [lesson],
  });
}

const lessonsOf = (organisation: string, key?: string) =>
  h.api(key).get(`/api/organisations/${encodeURIComponent(organisation)}/lessons`);

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, extraKeys: keys });
  await publish(furniture, lessonOf('a-chairs', orgA, { targetMet: 'yes' }));
  await publish(furniture, lessonOf('b-desks', orgB, { targetMet: 'no' }));
  await publish(laptops, lessonOf('a-laptops', orgA, { outcome: 'purchase-avoided' }));
}, 120_000);
afterAll(async () => {
  for (const group of [furniture, laptops])
    await h?.client.workflow.getHandle(lessonsWorkflowIdFor(group)).terminate('test finished');
  await h?.close();
  await env?.teardown();
});

test("a key of the organisation sees its lessons of every product group, and not another organisation's", async () => {
  // Visibility is eventually consistent: wait until both product groups are listed.
  const body = await eventually(async () => {
    const response = await lessonsOf(orgA, KEY_A);
    return response.status === 200 && response.body.productGroups.length === 2 ? response.body : undefined;
  });
  expect(body).toEqual({
    organisation: orgA,
    summary: { projects: 2, completed: 1, purchaseAvoided: 1, targetMet: { yes: 1 } },
    productGroups: [furniture, laptops].sort().map((productGroup) => ({
      productGroup,
      lessons: [
        productGroup === furniture
          ? lessonOf('a-chairs', orgA, { targetMet: 'yes' })
          : lessonOf('a-laptops', orgA, { outcome: 'purchase-avoided' }),
      ],
    })),
  });
  // A key of every organisation sees the same.
  expect((await lessonsOf(orgA)).body).toEqual(body);
});

test('a key of another organisation sees none of them, and its own', async () => {
  const other = await lessonsOf(orgA, KEY_B);
  expect(other.status).toBe(200);
  expect(other.body).toEqual({
    organisation: orgA,
    summary: { projects: 0, completed: 0, purchaseAvoided: 0, targetMet: {} },
    productGroups: [],
  });
  const own = await eventually(async () => {
    const response = await lessonsOf(orgB, KEY_B);
    return response.body.productGroups?.length === 1 ? response.body : undefined;
  });
  expect(own.productGroups).toEqual([
    { productGroup: furniture, lessons: [lessonOf('b-desks', orgB, { targetMet: 'no' })] },
  ]);
  expect(own.summary).toEqual({ projects: 1, completed: 1, purchaseAvoided: 0, targetMet: { no: 1 } });
});
