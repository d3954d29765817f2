/** Step 1 — circular need */
import { z } from 'zod';
import { SHARING_PLATFORM_IDS } from '../catalogue';
import { longText, plainString, text, uniqueBy } from './common';

const alternativeKind = z.enum(['share', 'reuse', 'refurbish', 'upgrade']);

export const needDeliverable = z
  .object({
    functionalNeed: longText(10, 5000),
    requirements: z.array(text(500)).max(100).default([]),
    wishes: z.array(text(500)).max(100).default([]),
    inventory: z
      .array(
        z.object({
          what: text(300),
          where: text(300),
          result: z.enum(['available', 'partly-available', 'not-available']),
          notes: plainString().trim().max(2000).optional(),
        }),
      )
      .min(1, 'record at least one inventory check (what, where, result)')
      .max(30),
    alternatives: z
      .array(
        z.object({
          kind: alternativeKind,
          feasible: z.boolean(),
          notes: text(2000),
        }),
      )
      .superRefine((list, ctx) => {
        uniqueBy(list, (a) => a.kind, ctx, 'kind', 'the alternatives');
        for (const kind of alternativeKind.options) {
          if (!list.some((a) => a.kind === kind)) {
            ctx.addIssue({ code: 'custom', message: `consider the alternative "${kind}"` });
          }
        }
      }),
    sharingPlatformsConsulted: z.array(z.enum(SHARING_PLATFORM_IDS)).max(10).default([]),
    decision: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('purchase'), explanation: plainString().trim().max(5000).optional() }),
      z.object({
        outcome: z.literal('no-purchase'),
        alternative: alternativeKind,
        explanation: longText(10, 5000),
      }),
    ]),
  })
  .superRefine((need, ctx) => {
    if (need.decision.outcome === 'no-purchase') {
      const chosen = need.decision.alternative;
      if (!need.alternatives.some((a) => a.kind === chosen && a.feasible)) {
        ctx.addIssue({
          code: 'custom',
          path: ['decision', 'alternative'],
          message: `the chosen alternative "${chosen}" must be one assessed as feasible`,
        });
      }
    }
  });
export type NeedDeliverable = z.infer<typeof needDeliverable>;
