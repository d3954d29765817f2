/** Step 4a — tender documents */
import { z } from 'zod';
import { AWARD_BASIS_IDS, EXECUTION_CONDITION_IDS, PROCEDURE_IDS, SME_ALTERNATIVE_IDS } from '../catalogue';
import { plainString, text } from './common';
import { checkTenderLegalFrame, tenderLegalFrame } from './legal-frame';

export const tenderDocumentsDeliverable = z
  .object({
    scope: z.object({
      kind: z.enum(['product', 'service', 'product-service']),
      costModel: z.enum(['tco', 'lcc']),
      repairAndMaintenance: text(5000),
      residualValue: text(5000),
      contractTermMonths: z.number().int().min(1).max(240),
      extensionOptions: z
        .array(z.object({ months: z.number().int().min(1).max(120) }))
        .max(10)
        .default([]),
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
    awardBasis: z.enum(AWARD_BASIS_IDS),
    awardCriteria: z
      .array(
        z.object({
          name: text(300),
          kind: z.enum(['price', 'cost', 'quality', 'circularity', 'other']),
          nature: z.enum(['quantitative', 'qualitative']),
          weight: z.number().int().min(0).max(100),
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
          growthPath: plainString().trim().max(2000).optional(),
        }),
      )
      .min(1, 'name at least one execution condition (take-back, end of life, packaging, …)')
      .max(30),
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
      ctx.addIssue({
        code: 'custom',
        path: ['awardCriteria'],
        message: `weights must sum to 100 (they sum to ${total})`,
      });
    }
    const priceOnly = tender.awardBasis === 'price' || tender.awardCriteria.every((c) => c.kind === 'price');
    if (priceOnly && !tender.priceOnlyReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['priceOnlyReason'],
        message: 'awarding on price alone needs a reason',
      });
    }
    tender.executionConditions.forEach((condition, index) => {
      if (condition.conditionId === 'custom' && !condition.description) {
        ctx.addIssue({
          code: 'custom',
          path: ['executionConditions', index, 'description'],
          message: 'a custom execution condition needs a description',
        });
      }
    });
    checkTenderLegalFrame(tender, ctx);
  });
export type TenderDocumentsDeliverable = z.infer<typeof tenderDocumentsDeliverable>;
