/**
 * The step-2 objectives as the market dialogue left them. The source asks that the solutions fit
 * the ambition that was set, and the dialogue may show a target was too low or too high, or that
 * another strategy fits better: step 3 records that (`objectiveAdjustments`), and every later step
 * reads the objectives through this function, so the tender and the evaluation see the ambition
 * as adjusted while step 2's own record stays as approved.
 */
import type { DeliverableByGate } from './schemas';
import { type RuleProblem, ruleProblem } from './problems';

type Ambitions = DeliverableByGate['circular-ambitions'];
type Dialogue = DeliverableByGate['market-dialogue'];
export type Objective = Ambitions['objectives'][number];

export interface AdjustedObjective extends Objective {
  /** What the dialogue changed, with the step-2 value it replaced; absent when unchanged. */
  adjusted?: { reason: string; targetBefore?: number | undefined; strategiesBefore?: string[] };
}

function adjustmentsOf(dialogue: Dialogue | undefined) {
  return dialogue?.mode === 'dialogue' ? (dialogue.objectiveAdjustments ?? []) : [];
}

export function objectivesAfterDialogue(
  ambitions: Ambitions | undefined,
  dialogue: Dialogue | undefined,
): AdjustedObjective[] {
  const adjustments = adjustmentsOf(dialogue);
  return (ambitions?.objectives ?? []).map((objective) => {
    const adjustment = adjustments.find((a) => a.objectiveId === objective.objectiveId);
    if (!adjustment) return objective;
    return {
      ...objective,
      ...(adjustment.target !== undefined ? { target: adjustment.target } : {}),
      ...(adjustment.strategies ? { strategies: adjustment.strategies } : {}),
      adjusted: {
        reason: adjustment.reason,
        ...(adjustment.target !== undefined ? { targetBefore: objective.target } : {}),
        ...(adjustment.strategies ? { strategiesBefore: objective.strategies } : {}),
      },
    };
  });
}

/** Adjustments of objectives step 2 did not set: the dialogue adjusts the ambition, it does not add to it. */
export function adjustmentRules(dialogue: Dialogue, ambitions: Ambitions | undefined): RuleProblem[] {
  const set = new Set((ambitions?.objectives ?? []).map((objective) => objective.objectiveId));
  return adjustmentsOf(dialogue).flatMap((adjustment, index) =>
    set.has(adjustment.objectiveId)
      ? []
      : [
          ruleProblem(
            'dialogue.objective-not-set',
            { objective: adjustment.objectiveId, set: [...set].join(', ') },
            `objectiveAdjustments.${index}.objectiveId`,
          ),
        ],
  );
}

/**
 * Step 2's ambition level as the dialogue adjusted it, with `adjusted` set when it did; undefined
 * when step 2 recorded no level (deliverables from before the field).
 */
export function ambitionLevelAfterDialogue(
  ambitions: Ambitions | undefined,
  dialogue: Dialogue | undefined,
): { shortTerm: string; longTerm: string; adjusted?: { reason: string } } | undefined {
  const level = ambitions?.ambitionLevel;
  if (!level) return undefined;
  const adjustment = dialogue?.mode === 'dialogue' ? dialogue.ambitionLevelAdjustment : undefined;
  if (!adjustment) return level;
  return {
    shortTerm: adjustment.shortTerm ?? level.shortTerm,
    longTerm: adjustment.longTerm ?? level.longTerm,
    adjusted: { reason: adjustment.reason },
  };
}
