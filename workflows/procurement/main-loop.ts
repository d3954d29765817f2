/**
 * The main loop: drain the outbox, finish, continue as new when the history grows, or sleep until
 * the next timer (reminders, deadlines, follow-up moments, contract end) or the next state change.
 */
import { allHandlersFinished, condition, continueAsNew, log, workflowInfo } from '@temporalio/workflow';
import { openRound } from '../../domain/project';
import { lookups } from './activities';
import { now } from './clock';
import type { ProcurementWorkflowResult, ProjectContext } from './context';
import { contractTimer } from './contract-timers';
import type { procurementWorkflow } from './index';
import { drainOutbox } from './outbox';
import { rfiTimer } from './rfi';
import { roundTimer } from './round-timers';
import { type Timer, earliest } from './timers';

/**
 * Above this many events the run continues as new. Temporal warns at 10,240 events and stops a
 * run at 51,200; a run this short also replays in milliseconds when a worker picks it up.
 */
export const HISTORY_EVENT_BUDGET = 1_000;

function nextTimer(project: ProjectContext): Timer | undefined {
  const round = openRound(project.state);
  return earliest([
    round ? roundTimer(project, round) : undefined,
    rfiTimer(project),
    contractTimer(project),
  ]);
}

function shouldContinueAsNew(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= HISTORY_EVENT_BUDGET;
}

export async function run(project: ProjectContext, isNew: boolean): Promise<ProcurementWorkflowResult> {
  project.refreshVisibility();
  if (isNew) await loadEarlierLessons(project);
  for (;;) {
    if (project.state.outbox.length > 0) {
      await drainOutbox(project);
      continue;
    }
    if (project.state.outcome) break;
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      project.state.previousRuns++;
      return continueAsNew<typeof procurementWorkflow>({ kind: 'continued', state: project.state });
    }
    const timer = nextTimer(project);
    const seen = project.revision;
    if (timer) {
      const wait = Math.max(0, timer.at - now().getTime());
      const woken =
        wait > 0 && (await condition(() => project.revision !== seen, wait, { summary: timer.summary }));
      if (!woken) {
        timer.fire();
        project.changed();
      }
    } else {
      await condition(() => project.revision !== seen);
    }
  }
  await condition(allHandlersFinished);
  return { projectId: project.state.projectId, outcome: project.state.outcome, step: project.state.step };
}

async function loadEarlierLessons(project: ProjectContext): Promise<void> {
  try {
    const lessons = await lookups.fetchLessons(project.state.productGroup);
    project.state.earlierLessons = lessons.filter((lesson) => lesson.projectId !== project.state.projectId);
    if (project.state.earlierLessons.length > 0) {
      project.audit({
        kind: 'lessons-shown',
        actor: 'system',
        channel: 'system',
        details: { fromProjects: project.state.earlierLessons.map((lesson) => lesson.projectId) },
      });
      project.changed();
    }
  } catch (error) {
    log.warn('lessons of earlier projects could not be loaded', { error: String(error) });
  }
}
