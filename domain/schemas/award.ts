/** Step 4b — award, with the follow-up cadence it sets for the contract. */
import { z } from 'zod';
import { OBJECTIVE_IDS } from '../catalogue';
import { addRuleIssue, isoDate, person, plainString, text } from './common';
import { awardLegalFrame, checkContractStart } from './legal-frame';

const cadenceFields = {
  /** Periodic (operational / KPI) review interval. */
  reviewEveryMonths: z.number().int().min(1, 'reviews at least monthly').max(12, 'reviews at least yearly'),
  /** Strategic review interval. */
  strategicReviewEveryMonths: z.number().int().min(6).max(24),
  /** Days after the award for the kick-off meeting. */
  kickOffWithinDays: z.number().int().min(1).max(90),
  /** The review request (with its calendar invitation) goes out this many days before a moment. */
  noticeDays: z.number().int().min(0).max(60),
  /** A review still missing this many days after its moment is reminded; twice that, escalated to purchasing. */
  graceDays: z.number().int().min(1).max(90),
  /** The end-of-use reminder goes out this many months before the contract ends. */
  endOfUseLeadMonths: z.number().int().min(1).max(24),
};

/** Defaults from the catalogue's follow_up_cadence (kick-off within a month, quarterly KPI review, yearly strategic review). */
export const DEFAULT_FOLLOW_UP_CADENCE = {
  reviewEveryMonths: 3,
  strategicReviewEveryMonths: 12,
  kickOffWithinDays: 30,
  noticeDays: 7,
  graceDays: 14,
  endOfUseLeadMonths: 6,
} as const;

export const followUpCadence = z.object({
  reviewEveryMonths: cadenceFields.reviewEveryMonths.default(DEFAULT_FOLLOW_UP_CADENCE.reviewEveryMonths),
  strategicReviewEveryMonths: cadenceFields.strategicReviewEveryMonths.default(
    DEFAULT_FOLLOW_UP_CADENCE.strategicReviewEveryMonths,
  ),
  kickOffWithinDays: cadenceFields.kickOffWithinDays.default(DEFAULT_FOLLOW_UP_CADENCE.kickOffWithinDays),
  noticeDays: cadenceFields.noticeDays.default(DEFAULT_FOLLOW_UP_CADENCE.noticeDays),
  graceDays: cadenceFields.graceDays.default(DEFAULT_FOLLOW_UP_CADENCE.graceDays),
  endOfUseLeadMonths: cadenceFields.endOfUseLeadMonths.default(DEFAULT_FOLLOW_UP_CADENCE.endOfUseLeadMonths),
});
/** A change of cadence: only the fields given change (no defaults fill the others). */
export const cadenceChange = z.object(cadenceFields).partial();
export type FollowUpCadence = z.infer<typeof followUpCadence>;

export const awardDeliverable = z
  .object({
    supplier: z.object({ name: text(300), companyNumber: plainString().trim().max(50).optional() }),
    bidsReceived: z.number().int().min(0).max(1000).optional(),
    contractStart: isoDate,
    contractEnd: isoDate,
    expectedLifetimeYears: z.number().min(0.5).max(100),
    followUpCadence: followUpCadence.default({ ...DEFAULT_FOLLOW_UP_CADENCE }),
    contractManager: person,
    contractIndicatorValues: z
      .array(z.object({ objectiveId: z.enum(OBJECTIVE_IDS), value: z.number().finite() }))
      .max(20)
      .default([]),
    /** The formal award decision and the dates after it; required once the tender states its legal frame. */
    legalFrame: awardLegalFrame.optional(),
  })
  .superRefine((award, ctx) => {
    checkContractStart(award, ctx);
    if (award.contractEnd <= award.contractStart) {
      addRuleIssue(ctx, ['contractEnd'], 'award.end-before-start', {});
    }
  });
export type AwardDeliverable = z.infer<typeof awardDeliverable>;
