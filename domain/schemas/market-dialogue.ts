/** Step 3 — market dialogue */
import { z } from 'zod';
import { DIALOGUE_FORM_IDS, PROCEDURE_IDS } from '../catalogue';
import { email, isoDate, longText, plainString, text } from './common';

/** Forms in which no supplier is spoken to: alone, they are homework, not a dialogue (source, step 3). */
export const DESK_ONLY_FORMS: readonly string[] = ['desk-market-scan'];

/** A supplier sought out for the dialogue (the longlist), and whether they took part. */
export const longlistSupplier = z.object({
  name: text(200),
  contact: email.optional(),
  tookPart: z.boolean(),
  notes: plainString().trim().max(1000).optional(),
});

const dialogueHeld = z
  .object({
    mode: z.literal('dialogue'),
    /** What the market was told of the ambition (source: "deel het circulaire ambitieniveau … en de definities"). */
    sharedWithMarket: z.object({
      ambitionLevel: z.literal(true, 'share the circular ambition level with the market'),
      definitions: z.boolean(),
      how: text(1000),
    }),
    suppliers: z.array(longlistSupplier).min(1, 'list the suppliers you approached (the longlist)').max(200),
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
  })
  .superRefine((held, ctx) => {
    const deskOnly = held.dialogues.every((dialogue) => DESK_ONLY_FORMS.includes(dialogue.form));
    if (held.dialogues.length > 0 && deskOnly) {
      ctx.addIssue({
        code: 'custom',
        path: ['dialogues'],
        message:
          'a desk market scan alone is no dialogue with the market: record a contact with suppliers, or skip the dialogue with a reason (management approves a skip)',
      });
    }
    if (!held.suppliers.some((supplier) => supplier.tookPart)) {
      ctx.addIssue({
        code: 'custom',
        path: ['suppliers'],
        message: 'no supplier on the longlist took part: a dialogue needs at least one',
      });
    }
  });

export const marketDialogueDeliverable = z.discriminatedUnion('mode', [
  dialogueHeld,
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
