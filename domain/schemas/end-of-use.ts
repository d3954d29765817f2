/** Step 6 — end of use */
import { z } from 'zod';
import { CHANNEL_IDS, EXECUTION_CONDITION_IDS, ROUTE_IDS, routeRank } from '../catalogue';
import { addRuleIssue, longText, plainString, text, uniqueBy } from './common';

/** A parameter that decides whether the quality still suffices (6.4), with what was measured. */
const qualityParameter = z
  .object({
    parameter: text(200).describe('e.g. "seat foam compression", "battery capacity", "mechanism cycles"'),
    measured: text(200).describe('The value measured or observed, with its unit'),
    threshold: plainString()
      .trim()
      .max(200)
      .optional()
      .describe('The value below which it no longer suffices'),
    sufficient: z.boolean(),
  })
  .superRefine((quality, ctx) => {
    if (!quality.sufficient && !quality.threshold)
      addRuleIssue(ctx, ['threshold'], 'end-of-use.threshold-missing', {});
  });

/** Where the item goes after its first recipient (6.9): the chain, as far as it is known. */
const chainLink = z.object({
  recipient: text(300),
  treatment: text(300).describe('What this party does with it: resale, sorting, shredding, smelting, …'),
  certificateRef: plainString().trim().max(200).optional(),
});

export const endOfUseDeliverable = z.object({
  endConfirmation: longText(10, 5000),
  items: z
    .array(
      z
        .object({
          itemId: text(100),
          description: text(500),
          quantity: z.number().int().min(1),
          condition: z.enum(['as-new', 'good', 'fair', 'poor', 'broken']),
          routeId: z.enum(ROUTE_IDS),
          lowerRouteReason: plainString().trim().max(2000).optional(),
          channelId: z.enum(CHANNEL_IDS).optional(),
          residualValueEur: z.number().min(0).optional(),
          recipient: text(300),
          weightKg: z.number().min(0).optional(),
          certificateRef: plainString().trim().max(200).optional(),
          contractConditionId: z
            .enum(EXECUTION_CONDITION_IDS)
            .optional()
            .describe(
              'The execution condition of the contract (step 4) this item falls under: take-back, buy-back, …',
            ),
          qualityParameters: z.array(qualityParameter).max(20).optional(),
          chain: z.array(chainLink).max(10).optional(),
        })
        .superRefine((item, ctx) => {
          if (routeRank(item.routeId) > 1 && !item.lowerRouteReason) {
            addRuleIssue(ctx, ['lowerRouteReason'], 'end-of-use.lower-route-reason', {});
          }
          if (item.channelId === 'buy-back' && item.residualValueEur === undefined) {
            addRuleIssue(ctx, ['residualValueEur'], 'end-of-use.residual-value-missing', {});
          }
        }),
    )
    .min(1, 'record at least one item or lot')
    .max(200)
    .superRefine((list, ctx) => uniqueBy(list, (i) => i.itemId, ctx, 'itemId', 'the items')),
});
export type EndOfUseDeliverable = z.infer<typeof endOfUseDeliverable>;
