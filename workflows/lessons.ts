/**
 * The lessons of a product group: one long-lived workflow per group. A project's evaluation adds
 * its lessons (signal-with-start, so the first project of a group creates it); a new project of
 * the same group reads them (query) and shows them in step 1.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Lesson } from '../domain/project';

export const addLessonSignal = defineSignal<[Lesson]>('addLesson');
export const lessonsQuery = defineQuery<Lesson[]>('lessons');

/** Older lessons beyond this many are dropped; the newest matter most to the next project. */
export const MAX_LESSONS_KEPT = 200;
/** Signals per run before continuing as new, so the history of a busy group stays small. */
const SIGNALS_PER_RUN = 500;

export interface ProductGroupLessonsInput {
  productGroup: string;
  lessons?: Lesson[];
}

export async function productGroupLessonsWorkflow(input: ProductGroupLessonsInput): Promise<void> {
  let lessons = [...(input.lessons ?? [])];
  let received = 0;
  setHandler(addLessonSignal, (lesson) => {
    received++;
    // A retried publish of the same project's lessons replaces the earlier copy.
    lessons = [...lessons.filter((known) => known.projectId !== lesson.projectId), lesson].slice(
      -MAX_LESSONS_KEPT,
    );
  });
  setHandler(lessonsQuery, () => lessons);
  await condition(() => received >= SIGNALS_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof productGroupLessonsWorkflow>({ productGroup: input.productGroup, lessons });
}
