/** Step 3 — market dialogue */
import { z } from 'zod';
import { DIALOGUE_FORM_IDS, PROCEDURE_IDS } from '../catalogue';
import { isoDate, longText, plainString, text } from './common';

export const marketDialogueDeliverable = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('dialogue'),
    dialogues: z
      .array(
        z.object({
          form: z.enum(DIALOGUE_FORM_IDS),
          date: isoDate,
          participants: z.number().int().min(0).max(10_000),
          findings: longText(10, 10_000),
          supplyChainActors: z.array(text(300)).max(100).default([]),
        }),
      )
      .min(1, 'record at least one dialogue, or skip it with a reason')
      .max(10),
    ambitionAdjustment: plainString().trim().max(5000).optional(),
    procedureRecommendation: z.enum(PROCEDURE_IDS).optional(),
  }),
  z.object({
    mode: z.literal('skipped'),
    reason: longText(20, 5000),
  }),
]);
export type MarketDialogueDeliverable = z.infer<typeof marketDialogueDeliverable>;

export const rfiSchedule = z.object({
  closesOn: isoDate,
  description: text(500),
});
export type RfiSchedule = z.infer<typeof rfiSchedule>;
