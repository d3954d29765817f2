/** Step 7 against step 2 (domain/evaluation-coverage.ts): every objective measured, every actor asked. */
import { sampleAmbitions, sampleEvaluation } from '../../dev/sample-project';
import { evaluationCoverageRules } from '../../domain/evaluation-coverage';
import { english } from '../helpers/problems';

const [lifetime, reuse] = sampleEvaluation.indicatorValues;

test('the sample evaluation covers the sample ambitions', () => {
  expect(english(evaluationCoverageRules(sampleEvaluation, sampleAmbitions, true))).toEqual([]);
});

test('an objective of step 2 without an end value is refused, naming its indicator', () => {
  const evaluation = { ...sampleEvaluation, indicatorValues: [lifetime!] };
  expect(english(evaluationCoverageRules(evaluation, sampleAmbitions, true))).toEqual([
    'indicatorValues: measure "share of items reused after first use" (enable-reuse) at the end, with its baseline and its value during the contract',
  ]);
});

test('after a contract, the value measured during it is required; without a contract it is not', () => {
  const { contract: _, ...withoutContractValue } = reuse!;
  const evaluation = { ...sampleEvaluation, indicatorValues: [lifetime!, withoutContractValue] };
  expect(english(evaluationCoverageRules(evaluation, sampleAmbitions, true))).toEqual([
    'indicatorValues.1.contract: the value of "share of items reused after first use" during the contract is missing',
  ]);
  expect(english(evaluationCoverageRules(evaluation, sampleAmbitions, false))).toEqual([]);
});

test('every internal actor of step 2 takes part, or a reason says why not', () => {
  const [first, ...others] = sampleAmbitions.internalActors;
  const evaluation = { ...sampleEvaluation, evaluatedWith: others.map((actor) => actor.email) };
  expect(english(evaluationCoverageRules(evaluation, sampleAmbitions, true))).toEqual([
    `evaluatedWith: evaluate with every internal actor of step 2, or give absentActorsReason; missing ${first?.name} <${first?.email}>`,
  ]);
  const excused = { ...evaluation, absentActorsReason: 'Retired before the evaluation.' };
  expect(english(evaluationCoverageRules(excused, sampleAmbitions, true))).toEqual([]);
});

test('a project that never set ambitions (no purchase) has nothing to cover', () => {
  expect(
    english(
      evaluationCoverageRules(
        { ...sampleEvaluation, indicatorValues: [], evaluatedWith: [] },
        undefined,
        false,
      ),
    ),
  ).toEqual([]);
});
