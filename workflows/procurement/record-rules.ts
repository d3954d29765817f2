/**
 * Rules that hold only for projects started after they were introduced: what step 1 and a held
 * market dialogue must record (domain/schemas/need.ts `incompleteNeedRecord`). A project decides
 * once, when it starts, under patch `complete-step-records`; a project started earlier replays
 * without the marker, keeps no flag, and can still submit what it could before.
 */
import { adjustmentProblems } from '../../domain/ambitions-after-dialogue';
import type { ProjectState } from '../../domain/project';
import type { DeliverableByGate } from '../../domain/schemas';
import { incompleteNeedRecord } from '../../domain/schemas/need';
import { isPatched, COMPLETE_STEP_RECORDS } from './patches';
import { today } from './clock';

/** Called once, in the first task of a new project. */
export function rulesOfNewProject(): ProjectState['rules'] {
  return isPatched(COMPLETE_STEP_RECORDS) ? { completeStepRecords: true } : undefined;
}

/** Problems of a step-1 deliverable beyond its schema; empty when it may be submitted. */
export function needRecordProblems(state: ProjectState, need: DeliverableByGate['circular-need']): string[] {
  const problems = state.rules?.completeStepRecords ? incompleteNeedRecord(need) : [];
  const day = today();
  if (need.purchaserMandate && need.purchaserMandate.givenOn > day)
    problems.push(
      `purchaserMandate.givenOn: ${need.purchaserMandate.givenOn} is in the future: record the mandate once given`,
    );
  if (need.internalClientDialogue && need.internalClientDialogue.heldOn > day)
    problems.push(
      `internalClientDialogue.heldOn: ${need.internalClientDialogue.heldOn} is in the future: record the dialogue once held`,
    );
  return problems;
}

/** Problems of a step-3 deliverable that need the project: its planning, and what it adjusts. */
export function dialogueRecordProblems(
  state: ProjectState,
  dialogue: DeliverableByGate['market-dialogue'],
): string[] {
  if (dialogue.mode !== 'dialogue') return [];
  const problems = adjustmentProblems(dialogue, state.submissions['circular-ambitions']?.data);
  if (state.rules?.completeStepRecords && !dialogue.planning)
    problems.push(
      'planning: record when the dialogue started, its planned lead time in weeks and its milestones (a circular dialogue may take more time: plan it)',
    );
  return problems;
}
