/** Step 2 — circular ambitions */
import { z } from 'zod';
import { OBJECTIVE_IDS, strategiesOf } from '../catalogue';
import { email, isoDate, longText, plainString, text, uniqueEmails } from './common';
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
  })
  .superRefine((ambitions, ctx) => {
    ambitions.objectives.forEach((objective, index) => {
      if (ambitions.objectives.findIndex((o) => o.objectiveId === objective.objectiveId) < index) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', index, 'objectiveId'],
          message: `${objective.objectiveId} appears twice in the objectives`,
        });
      }
    });
    ambitions.objectives.forEach((objective, index) => {
      const allowed = strategiesOf(objective.objectiveId);
      objective.strategies.forEach((strategy, s) => {
        if (!allowed.includes(strategy)) {
          ctx.addIssue({
            code: 'custom',
            path: ['objectives', index, 'strategies', s],
            message: `"${strategy}" is not a strategy of ${objective.objectiveId} (choose from ${allowed.join(', ')})`,
          });
        }
      });
    });
    if (ambitions.objectives.length === 1 && !ambitions.singleObjectiveReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['singleObjectiveReason'],
        message: 'more than one objective is advised: give a reason for choosing only one',
      });
    }
  });
export type AmbitionsDeliverable = z.infer<typeof ambitionsDeliverable>;
