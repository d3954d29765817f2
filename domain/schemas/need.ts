/** Step 1 — circular need */
import { z } from 'zod';
import { SHARING_PLATFORM_IDS } from '../catalogue';
import { longText, plainString, text, uniqueBy } from './common';

/** The alternatives to a new purchase that step 1 weighs, each one. */
export const alternativeKind = z.enum(['share', 'reuse', 'refurbish', 'upgrade']);

/**
 * What is bought. Refurbishing or upgrading what exists is still a purchase, of a service ("ook
 * als je wil refurbishen of upgraden moet je een goede inventaris kunnen bieden bij je bestek"): it
 * goes on to step 2 and the inventory goes into the tender. Absent: a new purchase.
 */
export const purchaseRoute = z.enum(['new', 'refurbish', 'upgrade']);

/**
 * Why nothing is bought: sharing (internally or with others), reusing what exists, or the need
 * itself has gone. Only these skip to the evaluation.
 */
export const noPurchaseReason = z.enum(['share', 'reuse', 'need-gone']);

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
      z.object({
        outcome: z.literal('purchase'),
        route: purchaseRoute.optional(),
        explanation: plainString().trim().max(5000).optional(),
      }),
      z.object({
        outcome: z.literal('no-purchase'),
        alternative: noPurchaseReason,
        explanation: longText(10, 5000),
      }),
    ]),
  })
  .superRefine((need, ctx) => {
    const decision = need.decision;
    const chosen = decision.outcome === 'no-purchase' ? decision.alternative : decision.route;
    if (chosen === undefined || chosen === 'new' || chosen === 'need-gone') return;
    if (!need.alternatives.some((a) => a.kind === chosen && a.feasible)) {
      ctx.addIssue({
        code: 'custom',
        path: ['decision', decision.outcome === 'no-purchase' ? 'alternative' : 'route'],
        message: `the chosen alternative "${chosen}" must be one assessed as feasible`,
      });
    }
  });
export type NeedDeliverable = z.infer<typeof needDeliverable>;
