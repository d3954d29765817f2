/** Step 4a — tender documents */
import { z } from 'zod';
import {
  AWARD_BASIS_IDS,
  EXECUTION_CONDITION_IDS,
  OBJECTIVE_IDS,
  PROCEDURE_IDS,
  SME_ALTERNATIVE_IDS,
} from '../catalogue';
import { addRuleIssue, plainString, text } from './common';
import { checkTenderLegalFrame, tenderLegalFrame } from './legal-frame';
import { checkTenderChoices } from './tender-rules';

/**
 * The step-2 objectives a criterion or condition serves (source: "gebruik de circulaire ambities
 * … als beginpunt"); each must be an objective of the project's step 2 (checked by the workflow).
 */
const serves = z.array(z.enum(OBJECTIVE_IDS)).max(5).optional().describe('the step-2 objectives this serves');

const growthPath = plainString()
  .trim()
  .max(2000)
  .optional()
  .describe('what is to be realised during the contract, asked by the buyer or by the supplier');

/**
 * The questions of the source's step 4 that earlier tenders did not answer are optional fields:
 * tenders submitted before them still read. The digest names each one left unanswered.
 */
export const tenderDocumentsDeliverable = z
  .object({
    scope: z.object({
      kind: z.enum(['product', 'service', 'product-service']),
      /** "Wordt Total Cost of Ownership meegenomen?" — `none` says no. */
      costModel: z.enum(['tco', 'lcc', 'none']),
      costEstimateEur: z
        .number()
        .finite()
        .min(0)
        .max(100_000_000_000)
        .optional()
        .describe('the total cost of ownership (or life-cycle cost) reckoned, excluding VAT'),
      repairAndMaintenance: text(5000),
      residualValue: text(5000),
      contractTermMonths: z.number().int().min(1).max(240),
      extensionOptions: z
        .array(z.object({ months: z.number().int().min(1).max(120) }))
        .max(10)
        .default([]),
      functionalLifetimeYears: z
        .number()
        .min(0.5)
        .max(100)
        .optional()
        .describe('how long the product does its job: the contract term is set against it'),
      payback: z
        .object({
          askedOfMarket: z.boolean(),
          realisticYears: z.number().min(0.5).max(50).optional(),
        })
        .optional()
        .describe('the realistic payback time of the investments, as the market put it'),
      longerTermReason: plainString()
        .trim()
        .max(5000)
        .optional()
        .describe(
          'why the contract runs longer than the standard term (catalogue legal_frame.standard_term)',
        ),
      lots: z
        .object({
          divided: z.boolean(),
          count: z.number().int().min(2).max(100).optional(),
          reason: text(3000),
        })
        .optional()
        .describe('the division into lots that must be considered, and why it was or was not made'),
      innovationTrack: z.object({
        included: z.boolean(),
        description: plainString().trim().max(5000).optional(),
      }),
    }),
    procedure: z.enum(PROCEDURE_IDS),
    procedureJustification: text(5000),
    selectionCriteria: z
      .array(z.object({ description: text(1000), smeAlternative: z.enum(SME_ALTERNATIVE_IDS).optional() }))
      .min(1)
      .max(20),
    functionalSpecifications: z.array(text(2000)).min(1).max(50),
    /** "Aan technische specificaties moet voldaan worden, tenzij je varianten toelaat." */
    variants: z
      .object({
        allowed: z.boolean(),
        minimumRequirements: plainString().trim().max(3000).optional(),
      })
      .optional(),
    awardBasis: z.enum(AWARD_BASIS_IDS),
    awardCriteria: z
      .array(
        z.object({
          name: text(300),
          kind: z.enum(['price', 'cost', 'quality', 'circularity', 'other']),
          nature: z.enum(['quantitative', 'qualitative']),
          weight: z.number().int().min(0).max(100),
          serves,
          growthPath,
          /** "Zorg er voor dat je toch enige sturing meegeeft": how the assessors score it. */
          guidance: z
            .object({
              scoringMethod: text(2000),
              subCriteria: z.array(text(300)).max(10).default([]),
            })
            .optional(),
        }),
      )
      .min(1)
      .max(20),
    priceOnlyReason: plainString().trim().max(5000).optional(),
    executionConditions: z
      .array(
        z.object({
          conditionId: z.enum([...EXECUTION_CONDITION_IDS, 'custom']),
          description: plainString().trim().max(2000).optional(),
          growthPath,
          serves,
          /** "Let daarbij op dat je enkel haalbare zaken vraagt." */
          feasibleBecause: plainString()
            .trim()
            .max(1000)
            .optional()
            .describe('why the market can meet it (what the market dialogue showed)'),
        }),
      )
      .min(1, 'name at least one execution condition (take-back, end of life, packaging, …)')
      .max(30),
    /** "Het is ook zinvol om je circulaire ambities mee te geven in het bestek." */
    ambitionsInTender: z
      .object({ included: z.boolean(), where: plainString().trim().max(1000).optional() })
      .optional(),
    principles: z.object({
      transparency: z.literal(true, 'confirm the principle of transparency'),
      'non-discrimination': z.literal(
        true,
        'confirm the principle of non-discrimination and equal treatment',
      ),
      'link-to-subject-matter': z.literal(true, 'confirm the link to the subject matter'),
      'equivalent-standards': z.literal(true, 'confirm that equivalent standards and labels are accepted'),
    }),
    /** Value, CPV codes, buyer and key dates (optional: tenders submitted before it existed have none). */
    legalFrame: tenderLegalFrame.optional(),
  })
  .superRefine((tender, ctx) => {
    const total = tender.awardCriteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) {
      addRuleIssue(ctx, ['awardCriteria'], 'tender.weights-sum', { total });
    }
    const priceOnly = tender.awardBasis === 'price' || tender.awardCriteria.every((c) => c.kind === 'price');
    if (priceOnly && !tender.priceOnlyReason) {
      addRuleIssue(ctx, ['priceOnlyReason'], 'tender.price-only-reason', {});
    }
    tender.executionConditions.forEach((condition, index) => {
      if (condition.conditionId === 'custom' && !condition.description) {
        addRuleIssue(ctx, ['executionConditions', index, 'description'], 'tender.condition-description', {});
      }
    });
    checkTenderChoices(tender, ctx);
    checkTenderLegalFrame(tender, ctx);
  });
export type TenderDocumentsDeliverable = z.infer<typeof tenderDocumentsDeliverable>;
