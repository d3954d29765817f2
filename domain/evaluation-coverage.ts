/**
 * Step 7 evaluates with every actor and every objective (source, step 7: "samen met deze actoren
 * … evalueren"; step 2: one indicator per objective, measured at the start, during the contract
 * and at the end). The schema cannot see step 2, so the workflow's validator checks the evaluation
 * against it: each objective measured three times (the contract value only where there was a
 * contract), and each internal actor of step 2 taking part or a reason why not.
 */
import type { DeliverableByGate } from './schemas';
import { type RuleProblem, ruleProblem } from './problems';

export function evaluationCoverageRules(
  evaluation: DeliverableByGate['evaluate'],
  ambitions: DeliverableByGate['circular-ambitions'] | undefined,
  hadContract: boolean,
): RuleProblem[] {
  if (!ambitions) return [];
  const problems: RuleProblem[] = [];
  for (const objective of ambitions.objectives) {
    const index = evaluation.indicatorValues.findIndex(
      (value) => value.objectiveId === objective.objectiveId,
    );
    const measured = evaluation.indicatorValues[index];
    if (!measured) {
      problems.push(
        ruleProblem(
          'evaluation.indicator-missing',
          {
            indicator: objective.indicator.description,
            objective: objective.objectiveId,
            hadContract: hadContract ? 'yes' : '',
          },
          'indicatorValues',
        ),
      );
    } else if (hadContract && measured.contract === undefined) {
      problems.push(
        ruleProblem(
          'evaluation.contract-value-missing',
          { indicator: objective.indicator.description },
          `indicatorValues.${index}.contract`,
        ),
      );
    }
  }
  const evaluatedWith = new Set(evaluation.evaluatedWith);
  const absent = ambitions.internalActors.filter((actor) => !evaluatedWith.has(actor.email));
  if (absent.length > 0 && !evaluation.absentActorsReason) {
    const missing = absent.map((actor) => `${actor.name} <${actor.email}>`).join(', ');
    problems.push(ruleProblem('evaluation.actors-missing', { missing }, 'evaluatedWith'));
  }
  return problems;
}
