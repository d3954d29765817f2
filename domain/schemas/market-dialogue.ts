/** Step 3 — market dialogue */
import { z } from 'zod';
import { DIALOGUE_FORM_IDS, OBJECTIVE_IDS, PROCEDURE_IDS, strategiesOf } from '../catalogue';
import { addRuleIssue, email, isoDate, longText, plainString, text } from './common';

/** Forms in which no supplier is spoken to: alone, they are homework, not a dialogue (source, step 3). */
export const DESK_ONLY_FORMS: readonly string[] = ['desk-market-scan'];

/** A supplier sought out for the dialogue (the longlist), and whether they took part. */
export const longlistSupplier = z.object({
  name: text(200),
  contact: email.optional(),
  tookPart: z.boolean(),
  notes: plainString().trim().max(1000).optional(),
});

/**
 * "Welke samenwerkingen kunnen worden geïnitieerd?": a collaboration the dialogue showed could be
 * started, with whom, to what end, and how far it has got.
 */
export const collaboration = z.object({
  partners: z.array(text(200)).min(1, 'name at least one partner').max(20),
  purpose: text(1000),
  status: z.enum(['idea', 'agreed', 'started']),
});

/**
 * "Deze oplossingen moeten passen bij de vastgelegde circulaire ambitie": what the dialogue
 * changed in a step-2 objective (its target, its strategies), and why. Later steps read the
 * objectives as adjusted (domain/ambitions-after-dialogue.ts).
 */
export const objectiveAdjustment = z.object({
  objectiveId: z.enum(OBJECTIVE_IDS),
  target: z.number().finite().optional(),
  strategies: z.array(z.string().max(60)).min(1).max(10).optional(),
  reason: text(1000),
});

/** The ambition level (step 2's short and long term) as the dialogue showed it should be, and why. */
export const ambitionLevelAdjustment = z.object({
  shortTerm: longText(10, 2000).optional(),
  longTerm: longText(10, 2000).optional(),
  reason: text(1000),
});

/**
 * "Het circulair aankoopproces kan - in eerste instantie - meer tijd vragen": the dialogue's
 * milestones (planned and reached) and the lead time it was given, so the extra time is planned.
 */
export const dialoguePlanning = z.object({
  startedOn: isoDate,
  leadTimeWeeks: z.number().int().min(1).max(260).describe('Planned lead time of the dialogue, in weeks'),
  milestones: z
    .array(z.object({ what: text(300), plannedOn: isoDate, reachedOn: isoDate.optional() }))
    .min(1, 'plan at least one milestone')
    .max(30),
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
    objectiveAdjustments: z.array(objectiveAdjustment).max(10).optional(),
    ambitionLevelAdjustment: ambitionLevelAdjustment.optional(),
    collaborations: z.array(collaboration).max(20).optional(),
    // Optional so that dialogues of projects started earlier still parse; required for projects
    // started under the rule (workflows/procurement/record-rules.ts).
    planning: dialoguePlanning.optional(),
    procedureRecommendation: z.enum(PROCEDURE_IDS).optional(),
  })
  .superRefine((held, ctx) => {
    const deskOnly = held.dialogues.every((dialogue) => DESK_ONLY_FORMS.includes(dialogue.form));
    if (held.dialogues.length > 0 && deskOnly) {
      addRuleIssue(ctx, ['dialogues'], 'dialogue.desk-scan-only', {});
    }
    if (!held.suppliers.some((supplier) => supplier.tookPart)) {
      addRuleIssue(ctx, ['suppliers'], 'dialogue.no-supplier-took-part', {});
    }
    (held.objectiveAdjustments ?? []).forEach((adjustment, index) => {
      if (held.objectiveAdjustments?.findIndex((a) => a.objectiveId === adjustment.objectiveId) !== index) {
        addRuleIssue(
          ctx,
          ['objectiveAdjustments', index, 'objectiveId'],
          'dialogue.objective-adjusted-twice',
          {
            objective: adjustment.objectiveId,
          },
        );
      }
      if (adjustment.target === undefined && adjustment.strategies === undefined) {
        addRuleIssue(ctx, ['objectiveAdjustments', index], 'dialogue.adjustment-changes-nothing', {});
      }
      const allowed = strategiesOf(adjustment.objectiveId);
      (adjustment.strategies ?? []).forEach((strategy, s) => {
        if (!allowed.includes(strategy)) {
          addRuleIssue(ctx, ['objectiveAdjustments', index, 'strategies', s], 'strategy.not-of-objective', {
            strategy,
            objective: adjustment.objectiveId,
            allowed: allowed.join(', '),
          });
        }
      });
    });
    const level = held.ambitionLevelAdjustment;
    if (level && level.shortTerm === undefined && level.longTerm === undefined) {
      addRuleIssue(ctx, ['ambitionLevelAdjustment'], 'dialogue.ambition-level-unchanged', {});
    }
    const planning = held.planning;
    planning?.milestones.forEach((milestone, index) => {
      if (milestone.plannedOn < planning.startedOn) {
        addRuleIssue(ctx, ['planning', 'milestones', index, 'plannedOn'], 'dialogue.milestone-before-start', {
          startedOn: planning.startedOn,
        });
      }
    });
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
