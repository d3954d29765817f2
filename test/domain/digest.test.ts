/** The summaries of a submission that approvers read in mails and on pages (domain/digest.ts). */
import { sampleAmbitions, sampleEndOfUse, sampleEvaluation, sampleNeed } from '../../dev/sample-project';
import { submissionDigest } from '../../domain/digest';

test('step 6 sets the residual value realised against the one the business case counted on', () => {
  const digest = submissionDigest('end-of-use', sampleEndOfUse, sampleNeed, sampleAmbitions);
  const realised = sampleEndOfUse.items.reduce((sum, item) => sum + (item.residualValueEur ?? 0), 0);
  expect(realised).toBe(9000);
  // nl-BE puts a no-break space between the sign and the amount.
  expect(digest.nl[0]?.replace(/\s/g, ' ')).toBe(
    'Gerealiseerde restwaarde: € 9.000 (business case: € 24.000)',
  );
  expect(digest.en[0]).toBe('Residual value realised: €9,000 (business case: €24,000)');
  // A project whose ambitions predate the figures (or have none) shows only what was realised.
  const { tco: _, ...older } = sampleAmbitions;
  expect(
    submissionDigest('end-of-use', sampleEndOfUse, sampleNeed, older as typeof sampleAmbitions).en[0],
  ).toBe('Residual value realised: €9,000');
});

test('the evaluation says in words whether the target was met', () => {
  const digest = submissionDigest('evaluate', sampleEvaluation);
  expect(digest.nl[0]).toBe('Doelstelling gehaald: gedeeltelijk');
  expect(digest.en[0]).toBe('Target met: partly');
});
