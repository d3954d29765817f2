/**
 * Step 5 — contract review (one follow-up moment), amending the contract, and ending its use early.
 */
import { z } from 'zod';
import { KPI_IDS } from '../catalogue';
import { cadenceChange } from './award';
import {
  INPUT_MAX_BYTES,
  addRuleIssue,
  ruleCheck,
  isoDate,
  longText,
  person,
  plainString,
  text,
  uniqueBy,
  withinBytes,
} from './common';

/** How the organisation's own staff use what was bought (5.5): correct use is followed up, not assumed. */
const internalUse = z
  .object({
    correct: z
      .enum(['yes', 'partly', 'no'])
      .describe('Do internal staff use the goods or service as intended (settings, care, sharing)?'),
    findings: plainString().trim().max(5000).optional().describe('What was seen, and what is done about it'),
  })
  .superRefine((use, ctx) => {
    if (use.correct !== 'yes' && !use.findings)
      addRuleIssue(ctx, ['findings'], 'review.findings-missing', {});
  });

/** The supplier's part in the review (5.7): growing together takes the supplier at the table or its own report. */
const supplierPart = z
  .object({
    attended: z.boolean().describe('The supplier took part in the review'),
    attendees: plainString().trim().max(500).optional().describe("The supplier's people present"),
    ownReport: plainString()
      .trim()
      .max(5000)
      .optional()
      .describe("The supplier's own report: its view on performance, circularity and improvements"),
  })
  .superRefine((part, ctx) => {
    if (!part.attended && !part.ownReport) addRuleIssue(ctx, ['ownReport'], 'review.own-report-missing', {});
  });

/**
 * A growth step asked by either party during the term (4.23), tracked from review to review by its
 * id: each review records where it stands now.
 */
const growthCommitment = z.object({
  id: text(100).describe('Stays the same in every review that follows the commitment up'),
  description: text(1000),
  askedBy: z.enum(['organisation', 'supplier']),
  status: z.enum(['proposed', 'agreed', 'in-progress', 'done', 'dropped']),
  dueOn: isoDate.optional(),
  note: plainString().trim().max(2000).optional(),
});
export type GrowthCommitment = z.infer<typeof growthCommitment>;

export const contractReview = withinBytes(
  z.object({
    momentId: z.string().min(1).max(100),
    kpis: z
      .array(
        z.object({
          kpiId: z.enum(KPI_IDS),
          /** What was realised (5.2): measured, not hoped for. */
          value: z.number().finite().describe('The value realised so far'),
          potential: z
            .number()
            .finite()
            .optional()
            .describe('The circular potential: the value the contract could still reach'),
          comment: plainString().trim().max(2000).optional(),
        }),
      )
      .max(KPI_IDS.length)
      .superRefine((list, ctx) => uniqueBy(list, (k) => k.kpiId, ctx, 'kpiId', 'the KPIs'))
      .default([]),
    performance: text(5000),
    circularity: z
      .object({
        realised: text(5000).describe('The circularity already realised (measured)'),
        potential: text(5000).describe('The circular potential still open, and what it takes'),
      })
      .optional(),
    availability: plainString().trim().max(5000).optional(),
    repair: plainString().trim().max(5000).optional(),
    maintenance: plainString().trim().max(5000).optional(),
    lifetime: plainString().trim().max(5000).optional(),
    userTraining: plainString().trim().max(5000).optional(),
    internalUse: internalUse.optional(),
    supplier: supplierPart.optional(),
    growthPath: plainString().trim().max(5000).optional(),
    growthCommitments: z
      .array(growthCommitment)
      .max(50)
      .superRefine((list, ctx) => uniqueBy(list, (c) => c.id, ctx, 'id', 'the growth commitments'))
      .optional(),
    issues: plainString().trim().max(5000).optional(),
  }),
  INPUT_MAX_BYTES.contractReview,
  'the review',
);
export type ContractReview = z.infer<typeof contractReview>;

export const contractAmendment = withinBytes(
  z
    .object({
      contractEnd: isoDate.optional(),
      cadence: cadenceChange.optional(),
      contractManager: person.optional(),
      reason: longText(5, 2000),
    })
    .refine(
      (a) => a.contractEnd !== undefined || a.cadence !== undefined || a.contractManager !== undefined,
      ruleCheck('amendment.change-nothing', {}),
    ),
  INPUT_MAX_BYTES.contractAmendment,
  'the amendment',
);
export type ContractAmendment = z.infer<typeof contractAmendment>;

export const startEndOfUse = z.object({ reason: longText(5, 2000) });

/**
 * The owner's answer to "does use go on?": a contract end is not an end of use (owned goods often
 * outlive their contract, and use terms are to be looked at critically, not by habit). Use that goes
 * on says until when, so the end-of-use reminder and the next question can be planned.
 */
export const useAnswer = z
  .object({
    continues: z.boolean().describe('true: the goods stay in use; false: use ends now (step 6 starts)'),
    until: isoDate.optional().describe('The day use is expected to end; required when use continues'),
    reason: longText(5, 2000).describe(
      'Why use goes on (or ends): condition, need, depreciation is no reason',
    ),
  })
  .superRefine((answer, ctx) => {
    if (answer.continues && answer.until === undefined) addRuleIssue(ctx, ['until'], 'use.until-missing', {});
    if (!answer.continues && answer.until !== undefined)
      addRuleIssue(ctx, ['until'], 'use.until-not-applicable', {});
  });
export const useConfirmation = withinBytes(useAnswer, INPUT_MAX_BYTES.contractAmendment, 'the confirmation');
export type UseConfirmation = z.infer<typeof useConfirmation>;
