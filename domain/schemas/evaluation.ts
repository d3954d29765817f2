/** Step 7 — evaluate (field ids from the catalogue's evaluation_fields) */
import { z } from 'zod';
import { OBJECTIVE_IDS, PROCEDURE_IDS } from '../catalogue';
import { email, plainString, stepId, text } from './common';

const stepNote = z.object({ step: stepId, text: text(2000) });

export const evaluationDeliverable = z.object({
  indicatorValues: z
    .array(
      z.object({
        objectiveId: z.enum(OBJECTIVE_IDS),
        baseline: z.number().finite(),
        contract: z.number().finite().optional(),
        end: z.number().finite(),
      }),
    )
    .max(OBJECTIVE_IDS.length * 3)
    .default([]),
  targetMet: z.enum(['yes', 'partial', 'no', 'not-applicable']),
  procedureUsed: z.enum(PROCEDURE_IDS).optional(),
  marketResponseBids: z.number().int().min(0).optional(),
  tco: z
    .object({ forecastEur: z.number().min(0).optional(), actualEur: z.number().min(0).optional() })
    .optional(),
  impact: plainString().trim().max(5000).optional(),
  successFactors: z.array(stepNote).max(20).default([]),
  barriers: z.array(stepNote).max(20).default([]),
  /** Who took part in the evaluation; the workflow checks every internal actor of step 2 is here. */
  evaluatedWith: z.array(email).max(100).default([]),
  absentActorsReason: plainString().trim().max(2000).optional(),
  stakeholderFeedback: plainString().trim().max(5000).optional(),
  endOfUseOutcomes: plainString().trim().max(5000).optional(),
  lessons: z.array(text(2000)).min(1, 'record at least one lesson for the next project').max(20),
  nextTime: plainString().trim().max(5000).optional(),
  nextAmbitionLevel: plainString().trim().max(2000).optional(),
  sharedWith: plainString().trim().max(2000).optional(),
});
export type EvaluationDeliverable = z.infer<typeof evaluationDeliverable>;
