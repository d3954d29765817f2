/** Step 1 — circular need */
import { z } from 'zod';
import { SHARING_PLATFORM_IDS } from '../catalogue';
import { addRuleIssue, isoDate, longText, plainString, text, uniqueBy } from './common';
import { type RuleProblem, ruleProblem } from '../problems';

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

/** The state of what the inventory found, per line: what reuse, refurbishing or a tender can count on. */
export const inventoryCondition = z.enum(['good', 'usable', 'needs-repair', 'beyond-use']);

/**
 * Whose goods an inventory line counts, and how far sharing or reuse was looked for: within the
 * organisation (other departments or locations) or with other organisations ("over verschillende
 * afdelingen of locaties heen en zelfs tussen verschillende bedrijven").
 */
export const inventoryHolder = z.enum(['own-service', 'other-department-or-location', 'other-organisation']);
export const sharingReach = z.enum(['internal', 'external', 'both']);

/** The alternatives whose reach (internal, external) matters: the others act on what the service owns. */
const REACHING_KINDS: readonly string[] = ['share', 'reuse'];

/**
 * "De aankoper moet daarbij het mandaat krijgen om dit te doen": who gave the purchaser the
 * mandate to question the request, when, and how far it goes.
 */
export const purchaserMandate = z.object({
  givenBy: text(200).describe('Who gave the mandate (name and function)'),
  givenOn: isoDate,
  scope: longText(10, 2000).describe('What the purchaser may question or decide'),
});

/**
 * "Een circulaire aankoper gaat in dialoog met de interne klant om de functionele behoefte scherp
 * te krijgen": when the dialogue took place, with whom, what the client first asked for and what
 * surfaced together (the chair model asked for, the seating comfort needed).
 */
export const internalClientDialogue = z.object({
  heldOn: isoDate,
  with: z.array(text(200)).min(1, 'name who took part for the internal client').max(20),
  initialRequest: text(1000).describe('What the internal client first asked for'),
  surfaced: longText(10, 3000).describe('What surfaced together: the functional need behind the request'),
});

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
          quantity: z.number().int().min(0).max(10_000_000).optional().describe('How many were found'),
          condition: inventoryCondition.optional(),
          holder: inventoryHolder.optional(),
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
          reach: sharingReach
            .optional()
            .describe(
              'For share and reuse: looked for within the organisation, with other organisations, or both',
            ),
          notes: text(2000),
        }),
      )
      .superRefine((list, ctx) => {
        uniqueBy(list, (a) => a.kind, ctx, 'kind', 'the alternatives');
        for (const kind of alternativeKind.options) {
          if (!list.some((a) => a.kind === kind)) {
            addRuleIssue(ctx, undefined, 'need.alternative-missing', { kind });
          }
        }
      }),
    sharingPlatformsConsulted: z.array(z.enum(SHARING_PLATFORM_IDS)).max(10).default([]),
    // Optional in the schema so that needs of projects started earlier still parse; required for
    // projects started under the rule (workflows/procurement/record-rules.ts).
    purchaserMandate: purchaserMandate.optional(),
    internalClientDialogue: internalClientDialogue.optional(),
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
    need.alternatives.forEach((alternative, index) => {
      if (alternative.reach !== undefined && !REACHING_KINDS.includes(alternative.kind)) {
        addRuleIssue(ctx, ['alternatives', index, 'reach'], 'need.reach-not-applicable', {
          kind: alternative.kind,
        });
      }
    });
    need.inventory.forEach((line, index) => {
      if (line.result === 'not-available' && line.condition !== undefined) {
        addRuleIssue(ctx, ['inventory', index, 'condition'], 'need.condition-not-found', {});
      }
    });
    const decision = need.decision;
    const chosen = decision.outcome === 'no-purchase' ? decision.alternative : decision.route;
    if (chosen === undefined || chosen === 'new' || chosen === 'need-gone') return;
    if (!need.alternatives.some((a) => a.kind === chosen && a.feasible)) {
      addRuleIssue(
        ctx,
        ['decision', decision.outcome === 'no-purchase' ? 'alternative' : 'route'],
        'need.chosen-not-feasible',
        { chosen },
      );
    }
  });
export type NeedDeliverable = z.infer<typeof needDeliverable>;

/**
 * What a complete step-1 record holds beyond the schema, for projects started under the rule
 * (older projects keep what they could submit): the purchaser's mandate, the dialogue with the
 * internal client, a quantity on every inventory line and a condition where something was found,
 * and how far sharing and reuse were looked for. Each problem names its field.
 */
export function incompleteNeedRules(need: NeedDeliverable): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!need.purchaserMandate) problems.push(ruleProblem('need.mandate-missing', {}, 'purchaserMandate'));
  if (!need.internalClientDialogue)
    problems.push(ruleProblem('need.client-dialogue-missing', {}, 'internalClientDialogue'));
  need.inventory.forEach((line, index) => {
    if (line.quantity === undefined)
      problems.push(ruleProblem('need.quantity-missing', {}, `inventory.${index}.quantity`));
    if (line.result !== 'not-available' && line.condition === undefined)
      problems.push(ruleProblem('need.condition-missing', {}, `inventory.${index}.condition`));
  });
  need.alternatives.forEach((alternative, index) => {
    if (REACHING_KINDS.includes(alternative.kind) && alternative.reach === undefined)
      problems.push(
        ruleProblem('need.reach-missing', { kind: alternative.kind }, `alternatives.${index}.reach`),
      );
  });
  return problems;
}
