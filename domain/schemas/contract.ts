/**
 * Step 5 — contract review (one follow-up moment), amending the contract, and ending its use early.
 */
import { z } from 'zod';
import { KPI_IDS } from '../catalogue';
import { cadenceChange } from './award';
import {
  INPUT_MAX_BYTES,
  isoDate,
  longText,
  person,
  plainString,
  text,
  uniqueBy,
  withinBytes,
} from './common';

export const contractReview = withinBytes(
  z.object({
    momentId: z.string().min(1).max(100),
    kpis: z
      .array(
        z.object({
          kpiId: z.enum(KPI_IDS),
          value: z.number().finite(),
          comment: plainString().trim().max(2000).optional(),
        }),
      )
      .max(KPI_IDS.length)
      .superRefine((list, ctx) => uniqueBy(list, (k) => k.kpiId, ctx, 'kpiId', 'the KPIs'))
      .default([]),
    performance: text(5000),
    availability: plainString().trim().max(5000).optional(),
    repair: plainString().trim().max(5000).optional(),
    maintenance: plainString().trim().max(5000).optional(),
    lifetime: plainString().trim().max(5000).optional(),
    userTraining: plainString().trim().max(5000).optional(),
    growthPath: plainString().trim().max(5000).optional(),
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
      'change at least one of contractEnd, cadence, contractManager',
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
export const useConfirmation = withinBytes(
  z
    .object({
      continues: z.boolean().describe('true: the goods stay in use; false: use ends now (step 6 starts)'),
      until: isoDate
        .optional()
        .describe('The day use is expected to end; required when use continues'),
      reason: longText(5, 2000).describe('Why use goes on (or ends): condition, need, depreciation is no reason'),
    })
    .superRefine((answer, ctx) => {
      if (answer.continues && answer.until === undefined)
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'use that goes on says until when' });
      if (!answer.continues && answer.until !== undefined)
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'use that ends takes no "until" date' });
    }),
  INPUT_MAX_BYTES.contractAmendment,
  'the confirmation',
);
export type UseConfirmation = z.infer<typeof useConfirmation>;
