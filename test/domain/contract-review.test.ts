/**
 * Step 5's review and the answer on use beyond the contract end (domain/schemas/contract.ts), and
 * growth commitments followed from review to review (domain/growth-commitments.ts).
 */
import { sampleReview } from '../../dev/sample-project';
import { growthCommitmentsAcross, openGrowthCommitments } from '../../domain/growth-commitments';
import { contractReview, describeIssues, useConfirmation } from '../../domain/schemas';

const problemsOf = (schema: typeof contractReview | typeof useConfirmation, value: unknown): string => {
  const parsed = schema.safeParse(value);
  return parsed.success ? '' : describeIssues(parsed.error);
};

test('the sample review records realised and potential circularity, internal use, the supplier and a growth commitment', () => {
  const review = contractReview.parse(sampleReview('kick-off'));
  expect(review.circularity?.potential).toContain('Reusable packaging');
  expect(review.internalUse?.correct).toBe('partly');
  expect(review.supplier?.attended).toBe(true);
  expect(review.growthCommitments?.map((c) => c.id)).toEqual(['reusable-packaging']);
});

test('use by internal staff that is not fully correct says what was seen; a supplier that stayed away sends its own report', () => {
  const review = { momentId: 'kick-off', performance: 'Fine.' };
  expect(problemsOf(contractReview, { ...review, internalUse: { correct: 'partly' } })).toBe(
    'internalUse.findings: use that is not (fully) correct says what was seen and what is done about it',
  );
  expect(problemsOf(contractReview, { ...review, internalUse: { correct: 'yes' } })).toBe('');
  expect(problemsOf(contractReview, { ...review, supplier: { attended: false } })).toBe(
    'supplier.ownReport: a supplier that did not take part contributes its own report',
  );
  expect(problemsOf(contractReview, { ...review, supplier: { attended: false, ownReport: 'Report' } })).toBe(
    '',
  );
  expect(problemsOf(contractReview, { ...review, circularity: { realised: 'Measured 90%' } })).toMatch(
    /^circularity\.potential: /,
  );
});

test('a growth commitment appears once per review', () => {
  const commitment = {
    id: 'crates',
    description: 'Reusable crates',
    askedBy: 'supplier',
    status: 'proposed',
  };
  expect(
    problemsOf(contractReview, {
      momentId: 'kick-off',
      performance: 'Fine.',
      growthCommitments: [commitment, commitment],
    }),
  ).toBe('growthCommitments.1.id: crates appears twice in the growth commitments');
});

test('growth commitments are followed across reviews by id, at their latest status; done or dropped ones are no longer open', () => {
  const crates = { id: 'crates', description: 'Reusable crates', askedBy: 'supplier' as const };
  const repair = {
    id: 'repair-cafe',
    description: 'Repair café for staff',
    askedBy: 'organisation' as const,
  };
  const reviews = [
    { momentId: 'kick-off', growthCommitments: [{ ...crates, status: 'proposed' as const }] },
    { momentId: 'periodic-review-1' },
    {
      momentId: 'periodic-review-2',
      growthCommitments: [
        { ...crates, status: 'agreed' as const, dueOn: '2027-06-30' },
        { ...repair, status: 'proposed' as const },
      ],
    },
    { momentId: 'periodic-review-3', growthCommitments: [{ ...repair, status: 'dropped' as const }] },
  ];
  expect(growthCommitmentsAcross(reviews)).toEqual([
    {
      ...crates,
      status: 'agreed',
      dueOn: '2027-06-30',
      firstRecordedIn: 'kick-off',
      history: [
        { momentId: 'kick-off', status: 'proposed' },
        { momentId: 'periodic-review-2', status: 'agreed' },
      ],
    },
    {
      ...repair,
      status: 'dropped',
      firstRecordedIn: 'periodic-review-2',
      history: [
        { momentId: 'periodic-review-2', status: 'proposed' },
        { momentId: 'periodic-review-3', status: 'dropped' },
      ],
    },
  ]);
  expect(openGrowthCommitments(reviews).map((c) => c.id)).toEqual(['crates']);
});

test('use that goes on says until when; use that ends takes no date', () => {
  expect(problemsOf(useConfirmation, { continues: true, reason: 'Still as new' })).toBe(
    'until: use that goes on says until when',
  );
  expect(problemsOf(useConfirmation, { continues: false, until: '2030-01-01', reason: 'Worn out' })).toBe(
    'until: use that ends takes no "until" date',
  );
  expect(problemsOf(useConfirmation, { continues: true, until: '2030-01-01', reason: 'Still as new' })).toBe(
    '',
  );
  expect(problemsOf(useConfirmation, { continues: false, reason: 'Worn out' })).toBe('');
});
