/**
 * Each input has a limit in bytes on top of its fields' maxima (INPUT_MAX_BYTES), so that a project
 * whose every input is at its limit stays within 1 MB (test/contract/maximal-project.test.ts).
 * These are the refusals a person meets, with the message they read.
 */
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { ROLE_IDS } from '../../domain/catalogue';
import {
  COMMENT_MAX_CHARACTERS,
  INPUT_MAX_BYTES,
  approvalSettings,
  contractReview,
  createProject,
  decisionInput,
  deliverableSchemas,
  describeIssues,
  signalledDecisionInput,
} from '../../domain/schemas';
import { jsonBytes } from '../helpers/schema-limits';

/** The sample need with `count` requirements of 500 two-byte characters (each within its maximum). */
function needWithRequirements(count: number) {
  return {
    ...sampleNeed,
    requirements: Array.from({ length: count }, (_, i) => `Requirement ${i} `.padEnd(500, 'é')),
  };
}

describe('a limit in bytes per input', () => {
  test('a deliverable within every field maximum but over its limit in all is refused, saying what to do', () => {
    const tooLarge = needWithRequirements(40);
    expect(jsonBytes(tooLarge)).toBeGreaterThan(INPUT_MAX_BYTES.deliverable);
    const refused = deliverableSchemas['circular-need'].safeParse(tooLarge);
    expect(refused.success).toBe(false);
    if (!refused.success)
      expect(describeIssues(refused.error)).toMatch(
        /the deliverable holds at most 32 KiB in all \(as UTF-8 JSON\): shorten its longest texts or lists/,
      );

    const within = needWithRequirements(25);
    expect(jsonBytes(within)).toBeLessThan(INPUT_MAX_BYTES.deliverable);
    expect(deliverableSchemas['circular-need'].safeParse(within).success).toBe(true);
  });

  test('a project, and a review, have their own limits', () => {
    const project = sampleProject('limits-project');
    const description = 'é'.repeat(5000);
    const approvers = Array.from({ length: 50 }, (_, i) => ({
      name: `Approver ${i} `.padEnd(200, 'é'),
      email: `approver-${i}-`.padEnd(60, 'x') + '@gent.example',
      roles: [...ROLE_IDS],
    }));
    // 50 approvers as long as names and addresses go, and two gates with approvers of their own.
    const gateApprovers = approvers.map(({ name, email }) => ({ name: name.slice(0, 100), email }));
    const approvals = {
      gates: { 'circular-need': { approvers: gateApprovers }, award: { approvers: gateApprovers } },
    };
    expect(approvalSettings.safeParse(approvals).success).toBe(true);
    const tooLarge = { ...project, description, approvers, approvals };
    expect(jsonBytes(tooLarge)).toBeGreaterThan(INPUT_MAX_BYTES.createProject);
    const refused = createProject.safeParse(tooLarge);
    expect(refused.success).toBe(false);
    if (!refused.success) expect(describeIssues(refused.error)).toMatch(/the project holds at most 64 KiB/);
    expect(
      createProject.safeParse({ ...project, description, approvers: approvers.slice(0, 10) }).success,
    ).toBe(true);

    const texts = ['performance', 'availability', 'repair', 'maintenance'] as const;
    const review = Object.fromEntries([
      ['momentId', 'm-1'],
      ...texts.map((field) => [field, 'é'.repeat(5000)]),
    ]);
    const refusedReview = contractReview.safeParse(review);
    expect(refusedReview.success).toBe(false);
    if (!refusedReview.success)
      expect(describeIssues(refusedReview.error)).toMatch(/the review holds at most 8 KiB/);
  });

  test('a comment on a decision is a reason of at most 2,000 characters; the signal keeps the 5,000 it always took', () => {
    const comment = (length: number) => 'x'.repeat(length);
    expect(COMMENT_MAX_CHARACTERS).toBe(2000);
    expect(decisionInput.safeParse({ decision: 'reject', comment: comment(2000) }).success).toBe(true);
    expect(decisionInput.safeParse({ decision: 'reject', comment: comment(2001) }).success).toBe(false);
    // Replayed signals are judged again when handled: a tighter limit would refuse one recorded before.
    expect(signalledDecisionInput.safeParse({ decision: 'reject', comment: comment(5000) }).success).toBe(
      true,
    );
    expect(signalledDecisionInput.safeParse({ decision: 'reject', comment: comment(5001) }).success).toBe(
      false,
    );
    expect(signalledDecisionInput.safeParse({ decision: 'reject' }).success).toBe(false);
  });
});
