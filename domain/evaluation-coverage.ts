/**
 * Step 7 evaluates with every actor and every objective (source, step 7: "samen met deze actoren
 * … evalueren"; step 2: one indicator per objective, measured at the start, during the contract
 * and at the end). The schema cannot see step 2, so the workflow's validator checks the evaluation
 * against it: each objective measured three times (the contract value only where there was a
 * contract), and each internal actor of step 2 taking part or a reason why not.
 */
import type { DeliverableByGate } from './schemas';

export function evaluationCoverageProblems(
  evaluation: DeliverableByGate['evaluate'],
  ambitions: DeliverableByGate['circular-ambitions'] | undefined,
  hadContract: boolean,
): string[] {
  if (!ambitions) return [];
  const problems: string[] = [];
  for (const objective of ambitions.objectives) {
    const index = evaluation.indicatorValues.findIndex(
      (value) => value.objectiveId === objective.objectiveId,
    );
    const measured = evaluation.indicatorValues[index];
    if (!measured) {
      problems.push(
        `indicatorValues: measure "${objective.indicator.description}" (${objective.objectiveId}) at the end, with its baseline${hadContract ? ' and its value during the contract' : ''}`,
      );
    } else if (hadContract && measured.contract === undefined) {
      problems.push(
        `indicatorValues.${index}.contract: the value of "${objective.indicator.description}" during the contract is missing`,
      );
    }
  }
  const evaluatedWith = new Set(evaluation.evaluatedWith);
  const absent = ambitions.internalActors.filter((actor) => !evaluatedWith.has(actor.email));
  if (absent.length > 0 && !evaluation.absentActorsReason) {
    problems.push(
      `evaluatedWith: evaluate with every internal actor of step 2, or give absentActorsReason; missing ${absent
        .map((actor) => `${actor.name} <${actor.email}>`)
        .join(', ')}`,
    );
  }
  return problems;
}
