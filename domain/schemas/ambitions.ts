/** Step 2 — circular ambitions */
import { z } from 'zod';
import { OBJECTIVE_IDS, strategiesOf } from '../catalogue';
import { addRuleIssue, email, isoDate, longText, plainString, text, uniqueEmails } from './common';
import { teamMember } from './project';

/**
 * The conversation the ambition map is meant to start inside the organisation (source, step 2):
 * why circular, how it fits the other sustainability ambitions, what it means for the
 * organisation; and when it was held, with whom.
 */
export const ambitionConversation = z.object({
  whyCircular: longText(10, 3000),
  otherSustainabilityAmbitions: longText(10, 3000),
  meaningForOrganisation: longText(10, 3000),
  heldOn: isoDate.optional(),
  participants: z.array(email).max(50).optional(),
});

/** "Waar ligt onze ambitie?" — what is feasible in the short term and what is aimed for later. */
export const ambitionLevel = z.object({
  shortTerm: longText(10, 2000),
  longTerm: longText(10, 2000),
});

/**
 * The business case in figures (catalogue: business_case_tco): whether a total cost of ownership
 * is reckoned, its estimate and horizon, and the residual value it counts on — which step 6 and
 * the evaluation set the realised value against.
 */
export const tcoEstimate = z
  .object({
    used: z.boolean(),
    estimateEur: z.number().finite().min(0).optional(),
    horizonYears: z.number().int().min(1).max(50).optional(),
    expectedResidualValueEur: z.number().finite().min(0).optional(),
  })
  .superRefine((tco, ctx) => {
    if (tco.used && tco.estimateEur === undefined) {
      addRuleIssue(ctx, ['estimateEur'], 'ambitions.tco-estimate-missing', {});
    }
  });

export const ambitionsDeliverable = z
  .object({
    conversation: ambitionConversation,
    ambitionLevel,
    objectives: z
      .array(
        z.object({
          objectiveId: z.enum(OBJECTIVE_IDS),
          strategies: z.array(z.string().max(60)).min(1, 'pick at least one strategy').max(10),
          indicator: z.object({ description: text(500), unit: text(50) }),
          baseline: z.object({ value: z.number().finite(), measuredOn: isoDate.optional() }),
          target: z.number().finite().optional(),
        }),
      )
      .min(1, 'pick at least one objective'),
    singleObjectiveReason: plainString().trim().max(2000).optional(),
    internalActors: z
      .array(teamMember)
      .min(1, 'name the internal actors who take part')
      .max(50)
      .superRefine((list, ctx) => uniqueEmails(list, ctx, 'the internal actors')),
    businessCase: plainString().trim().max(10_000).optional(),
    tco: tcoEstimate,
  })
  .superRefine((ambitions, ctx) => {
    ambitions.objectives.forEach((objective, index) => {
      if (ambitions.objectives.findIndex((o) => o.objectiveId === objective.objectiveId) < index) {
        addRuleIssue(ctx, ['objectives', index, 'objectiveId'], 'ambitions.objective-twice', {
          objective: objective.objectiveId,
        });
      }
    });
    ambitions.objectives.forEach((objective, index) => {
      const allowed = strategiesOf(objective.objectiveId);
      objective.strategies.forEach((strategy, s) => {
        if (!allowed.includes(strategy)) {
          addRuleIssue(ctx, ['objectives', index, 'strategies', s], 'strategy.not-of-objective', {
            strategy,
            objective: objective.objectiveId,
            allowed: allowed.join(', '),
          });
        }
      });
    });
    if (ambitions.objectives.length === 1 && !ambitions.singleObjectiveReason) {
      addRuleIssue(ctx, ['singleObjectiveReason'], 'ambitions.single-objective-reason', {});
    }
  });
export type AmbitionsDeliverable = z.infer<typeof ambitionsDeliverable>;
