/** Step 6 — end of use */
import { z } from 'zod';
import { CHANNEL_IDS, ROUTE_IDS, routeRank } from '../catalogue';
import { longText, plainString, text, uniqueBy } from './common';

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
        })
        .superRefine((item, ctx) => {
          if (routeRank(item.routeId) > 1 && !item.lowerRouteReason) {
            ctx.addIssue({
              code: 'custom',
              path: ['lowerRouteReason'],
              message: 'a route below "repair and keep using" needs a reason why no higher route fits',
            });
          }
          if (item.channelId === 'buy-back' && item.residualValueEur === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['residualValueEur'],
              message: 'a buy-back records its residual value in EUR',
            });
          }
        }),
    )
    .min(1, 'record at least one item or lot')
    .max(200)
    .superRefine((list, ctx) => uniqueBy(list, (i) => i.itemId, ctx, 'itemId', 'the items')),
});
export type EndOfUseDeliverable = z.infer<typeof endOfUseDeliverable>;
