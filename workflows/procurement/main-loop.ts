/**
 * The main loop: send the outbox, finish, continue as new when the history grows, or sleep until
 * the next timer (reminders, deadlines, follow-up moments, contract end) or the next state change.
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  patched,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { CARRIED_STATE_LIMIT_BYTES, compactForCarry, jsonBytes } from '../../domain/carried-state';
import { openRound } from '../../domain/project';
import { CONTINUE_ON_CARRIED_SIZE, DETACHED_OUTBOX, isPatched } from './patches';
import { lookups } from './activities';
import { now } from './clock';
import type { ProcurementWorkflowResult, ProjectContext } from './context';
import { contractTimer } from './contract-timers';
import type { procurementWorkflow } from './index';
import { dispatchOutbox, drainOutbox } from './outbox';
import { standstillTimer } from './legal-frame';
import { rfiTimer } from './rfi';
import { roundTimer } from './round-timers';
import { type Timer, earliest } from './timers';

/**
 * Above this many events the run continues as new. Temporal warns at 10,240 events and stops a
 * run at 51,200; a run this short also replays in milliseconds when a worker picks it up.
 */
export const HISTORY_EVENT_BUDGET = 1_000;

export function nextTimer(project: ProjectContext): Timer | undefined {
  const round = openRound(project.state);
  return earliest([
    round ? roundTimer(project, round) : undefined,
    rfiTimer(project),
    contractTimer(project),
    standstillTimer(project),
  ]);
}

/** How often (in events, from half the event budget on) a run measures what it would carry. */
const CARRY_CHECK_EVERY_EVENTS = 100;

/**
 * Whether the run should continue as new now: at the event budget, when Temporal suggests it, or
 * when the state it would carry has grown past the limit. The size is measured every
 * CARRY_CHECK_EVERY_EVENTS events from half the budget on (a JSON of the whole state, so not on
 * every activation), which also keeps a state that cannot shrink from continuing more than twice
 * as often as the budget alone would. patched() is asked only when the size would end the run:
 * histories recorded before it never reach a marker there and keep their course on replay.
 */
function continueAsNewCheck(project: ProjectContext): () => boolean {
  let nextSizeCheckAt = HISTORY_EVENT_BUDGET / 2;
  return () => {
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= HISTORY_EVENT_BUDGET) return true;
    if (info.historyLength < nextSizeCheckAt) return false;
    nextSizeCheckAt = info.historyLength + CARRY_CHECK_EVERY_EVENTS;
    const carried = compactForCarry(project.state, { receivedCounts: project.received, runId: info.runId });
    return jsonBytes(carried) > CARRIED_STATE_LIMIT_BYTES && patched(CONTINUE_ON_CARRIED_SIZE);
  };
}

export async function run(project: ProjectContext, isNew: boolean): Promise<ProcurementWorkflowResult> {
  project.refreshVisibility();
  if (isNew) await loadEarlierLessons(project);
  // Decided once per run: a run that started under older code keeps the loop it started with.
  const detached = isPatched(DETACHED_OUTBOX);
  const end = detached ? await detachedLoop(project) : await drainingLoop(project);
  await condition(allHandlersFinished);
  if (end === 'complete' && project.state.outcome) {
    return { projectId: project.state.projectId, outcome: project.state.outcome, step: project.state.step };
  }
  project.state.previousRuns++;
  const carried = compactForCarry(project.state, {
    receivedCounts: project.received,
    runId: workflowInfo().runId,
  });
  return continueAsNew<typeof procurementWorkflow>({ kind: 'continued', state: carried });
}

/**
 * Runs before the `detached-outbox` patch: the loop waits for every message of a batch before it
 * looks at its timers again, and restarts its timer after every state change.
 */
type RunEnd = 'complete' | 'continue-as-new';

async function drainingLoop(project: ProjectContext): Promise<RunEnd> {
  const shouldContinueAsNew = continueAsNewCheck(project);
  for (;;) {
    if (project.state.outbox.length > 0) {
      await drainOutbox(project);
      continue;
    }
    if (project.state.outcome) return 'complete';
    if (shouldContinueAsNew()) return 'continue-as-new';
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
}

/** A durable timer the loop sleeps on, kept across state changes that leave its instant alone. */
interface Sleeping {
  at: number;
  scope: CancellationScope;
  /** Set when the timer fires; the loop waits on one condition over this and the revision. */
  fired: boolean;
}

function startSleeping(timer: Timer, wait: number): Sleeping {
  const scope = new CancellationScope();
  const sleeping: Sleeping = { at: timer.at, scope, fired: false };
  void scope
    .run(() => sleep(wait, { summary: timer.summary }))
    .then(
      () => {
        sleeping.fired = true;
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
  return sleeping;
}

/**
 * Mail goes out beside the loop, so a message that keeps failing delays nothing else; the run
 * continues as new or completes only once nothing is on its way (at most the mail window). The timer is replaced only when
 * the next instant changes, not on every state change (a decision, a sent mail).
 */
async function detachedLoop(project: ProjectContext): Promise<RunEnd> {
  const shouldContinueAsNew = continueAsNewCheck(project);
  let sleeping: Sleeping | undefined;
  const stopSleeping = () => {
    sleeping?.scope.cancel();
    sleeping = undefined;
  };
  for (;;) {
    dispatchOutbox(project);
    const seen = project.revision;
    const idle = project.sending.size === 0;
    if (project.state.outcome) {
      stopSleeping();
      if (idle) return 'complete';
      await condition(() => project.revision !== seen);
      continue;
    }
    // Continue as new only with nothing on its way; until then the timers keep running.
    if (idle && shouldContinueAsNew()) {
      stopSleeping();
      return 'continue-as-new';
    }
    const timer = nextTimer(project);
    const wait = timer ? timer.at - now().getTime() : 0;
    if (!timer) {
      stopSleeping();
      await condition(() => project.revision !== seen);
      continue;
    }
    if (wait <= 0) {
      stopSleeping();
      timer.fire();
      project.changed();
      continue;
    }
    if (sleeping?.at !== timer.at) {
      stopSleeping();
      sleeping = startSleeping(timer, wait);
    }
    const current = sleeping;
    // One condition, no race: every extra promise costs a stack capture in the SDK's sandbox.
    await condition(() => current.fired || project.revision !== seen);
    if (current.fired) {
      sleeping = undefined;
      timer.fire();
      project.changed();
    }
  }
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
