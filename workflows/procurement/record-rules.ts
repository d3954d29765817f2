/**
 * Rules that hold only for projects started after they were introduced: what step 1 and a held
 * market dialogue must record (domain/schemas/need.ts `incompleteNeedRules`). A project decides
 * once, when it starts, under patch `complete-step-records`; a project started earlier replays
 * without the marker, keeps no flag, and can still submit what it could before.
 */
import { adjustmentRules } from '../../domain/ambitions-after-dialogue';
import { type RuleProblem, ruleProblem } from '../../domain/problems';
import type { ProjectState } from '../../domain/project';
import type { DeliverableByGate } from '../../domain/schemas';
import { incompleteNeedRules } from '../../domain/schemas/need';
import { COMPLETE_STEP_RECORDS, isPatched } from './patches';
import { today } from './clock';

/** Called once, in the first task of a new project. */
export function rulesOfNewProject(): ProjectState['rules'] {
  return isPatched(COMPLETE_STEP_RECORDS) ? { completeStepRecords: true } : undefined;
}

/** Problems of a step-1 deliverable beyond its schema; empty when it may be submitted. */
export function needRecordProblems(
  state: ProjectState,
  need: DeliverableByGate['circular-need'],
): RuleProblem[] {
  const problems = state.rules?.completeStepRecords ? incompleteNeedRules(need) : [];
  const day = today();
  const { purchaserMandate: mandate, internalClientDialogue: dialogue } = need;
  if (mandate && mandate.givenOn > day)
    problems.push(
      ruleProblem('need.mandate-in-future', { date: mandate.givenOn }, 'purchaserMandate.givenOn'),
    );
  if (dialogue && dialogue.heldOn > day)
    problems.push(
      ruleProblem('need.dialogue-in-future', { date: dialogue.heldOn }, 'internalClientDialogue.heldOn'),
    );
  return problems;
}

/** Problems of a step-3 deliverable that need the project: its planning, and what it adjusts. */
export function dialogueRecordProblems(
  state: ProjectState,
  dialogue: DeliverableByGate['market-dialogue'],
): RuleProblem[] {
  if (dialogue.mode !== 'dialogue') return [];
  const problems = adjustmentRules(dialogue, state.submissions['circular-ambitions']?.data);
  if (state.rules?.completeStepRecords && !dialogue.planning)
    problems.push(ruleProblem('dialogue.planning-missing', {}, 'planning'));
  return problems;
}
