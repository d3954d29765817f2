/**
 * zod schemas for everything a person submits. The API validates requests with them and the
 * workflow's update validators run them again, so a message that bypasses the API (the CLI, the
 * Temporal UI, another integration) meets the same rules.
 */
import { z } from 'zod';
import {
  AWARD_BASIS_IDS,
  CHANNEL_IDS,
  DIALOGUE_FORM_IDS,
  EXECUTION_CONDITION_IDS,
  GATE_IDS,
  KPI_IDS,
  LOCALES,
  OBJECTIVE_IDS,
  PROCEDURE_IDS,
  ROLE_IDS,
  ROUTE_IDS,
  SHARING_PLATFORM_IDS,
  SME_ALTERNATIVE_IDS,
  STEP_IDS,
  routeRank,
  strategiesOf,
} from './catalogue';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const slug = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens (kebab-case)');

const text = (max = 2000) => z.string().trim().min(1, 'must not be empty').max(max);
const longText = (min: number, max = 10_000) =>
  z.string().trim().min(min, `must be at least ${min} characters`).max(max);

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

/**
 * A calendar date, YYYY-MM-DD. Not `z.iso.date()`: inside the workflow bundle (webpack) that
 * resolves to a date-object schema and rejects every string, so validators would refuse valid input.
 */
export const isoDate = z
  .string()
  // abort: a value that is not YYYY-MM-DD at all gets one problem, not a second "not a calendar date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use a date as YYYY-MM-DD', abort: true })
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00.000Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
  }, 'is not a calendar date')
  .meta({ format: 'date' });

export const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Brussels');

export const locale = z.enum(LOCALES);

export const person = z.object({
  name: text(200),
  email,
  locale: locale.optional(),
  timeZone: timeZone.optional(),
});
export type Person = z.infer<typeof person>;

export const roleId = z.enum(ROLE_IDS);
export const stepId = z.enum(STEP_IDS);
export const gateId = z.enum(GATE_IDS);

/** Rejects lists in which one email address appears twice. */
function uniqueEmails<T extends { email: string }>(list: T[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.email)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'email'],
        message: `${entry.email} appears twice in ${what}`,
      });
    }
    seen.add(entry.email);
  });
}

function uniqueBy<T>(
  list: T[],
  key: (item: T) => string,
  ctx: z.RefinementCtx,
  field: string,
  what: string,
): void {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', path: [index, field], message: `${value} appears twice in ${what}` });
    seen.add(value);
  });
}

// ---------------------------------------------------------------------------------------------
// Approval settings

export const approvalPolicy = z
  .object({
    rule: z.enum(['all', 'any', 'quorum']).default('all'),
    quorum: z.number().int().min(1).max(50).optional(),
    sequential: z.boolean().default(false),
  })
  .superRefine((policy, ctx) => {
    if (policy.rule === 'quorum' && policy.quorum === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['quorum'],
        message: 'a quorum policy needs the number of approvals',
      });
    }
    if (policy.rule !== 'quorum' && policy.quorum !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'quorum only applies to the quorum rule' });
    }
  });
export type ApprovalPolicy = z.infer<typeof approvalPolicy>;

export const roundDeadline = z.object({
  afterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365),
  outcome: z.enum(['escalate', 'reject']),
});
export type RoundDeadline = z.infer<typeof roundDeadline>;

export const reminderSettings = z.object({
  everyHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  escalateAfter: z.number().int().min(1).max(10).default(2),
});
export type ReminderSettings = z.infer<typeof reminderSettings>;

export const gateApprovalOverride = z.object({
  approvers: z
    .array(person)
    .min(1)
    .max(50)
    .superRefine((list, ctx) => uniqueEmails(list, ctx, 'the approvers'))
    .optional(),
  policy: approvalPolicy.optional(),
  deadline: roundDeadline.nullable().optional(),
});
export type GateApprovalOverride = z.infer<typeof gateApprovalOverride>;

export const approvalSettings = z.object({
  policy: approvalPolicy.default({ rule: 'all', sequential: false }),
  reminders: reminderSettings.default({ everyHours: 72, escalateAfter: 2 }),
  escalationContact: person.optional(),
  deadline: roundDeadline.optional(),
  gates: z.partialRecord(gateId, gateApprovalOverride).default({}),
});
export type ApprovalSettings = z.infer<typeof approvalSettings>;

/** Changing settings later: every field optional; absent fields keep their value. */
export const approvalSettingsChange = z
  .object({
    policy: approvalPolicy.optional(),
    reminders: reminderSettings.optional(),
    escalationContact: person.nullable().optional(),
    deadline: roundDeadline.nullable().optional(),
    gates: z.partialRecord(gateId, gateApprovalOverride.nullable()).optional(),
  })
  .refine(
    (change) => Object.values(change).some((value) => value !== undefined),
    'change at least one setting',
  );
export type ApprovalSettingsChange = z.infer<typeof approvalSettingsChange>;

// ---------------------------------------------------------------------------------------------
// Creating a project

export const teamMember = person.extend({ roles: z.array(roleId).min(1).max(10) });
export type TeamMember = z.infer<typeof teamMember>;

export const createProject = z.object({
  id: slug,
  title: text(200),
  organisation: text(200),
  productGroup: slug,
  description: z.string().trim().max(5000).optional(),
  requester: person,
  /** People who approve on behalf of a catalogue role until step 2 names the internal actors. */
  approvers: z
    .array(teamMember)
    .min(1)
    .max(50)
    .superRefine((list, ctx) => uniqueEmails(list, ctx, 'the approvers')),
  approvals: approvalSettings.optional(),
});
export type CreateProject = z.infer<typeof createProject>;

// ---------------------------------------------------------------------------------------------
// Step 1 — circular need

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
          notes: z.string().trim().max(2000).optional(),
        }),
      )
      .min(1, 'record at least one inventory check (what, where, result)'),
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
      z.object({ outcome: z.literal('purchase'), explanation: z.string().trim().max(5000).optional() }),
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

// ---------------------------------------------------------------------------------------------
// Step 2 — circular ambitions

export const ambitionsDeliverable = z
  .object({
    objectives: z
      .array(
        z.object({
          objectiveId: z.enum(OBJECTIVE_IDS),
          strategies: z.array(z.string()).min(1, 'pick at least one strategy'),
          indicator: z.object({ description: text(500), unit: text(50) }),
          baseline: z.object({ value: z.number().finite(), measuredOn: isoDate.optional() }),
          target: z.number().finite().optional(),
        }),
      )
      .min(1, 'pick at least one objective'),
    singleObjectiveReason: z.string().trim().max(2000).optional(),
    internalActors: z
      .array(teamMember)
      .min(1, 'name the internal actors who take part')
      .max(50)
      .superRefine((list, ctx) => uniqueEmails(list, ctx, 'the internal actors')),
    businessCase: z.string().trim().max(10_000).optional(),
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

// ---------------------------------------------------------------------------------------------
// Step 3 — market dialogue

export const marketDialogueDeliverable = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('dialogue'),
    dialogues: z
      .array(
        z.object({
          form: z.enum(DIALOGUE_FORM_IDS),
          date: isoDate,
          participants: z.number().int().min(0).max(10_000),
          findings: longText(10, 10_000),
          supplyChainActors: z.array(text(300)).max(100).default([]),
        }),
      )
      .min(1, 'record at least one dialogue, or skip it with a reason'),
    ambitionAdjustment: z.string().trim().max(5000).optional(),
    procedureRecommendation: z.enum(PROCEDURE_IDS).optional(),
  }),
  z.object({
    mode: z.literal('skipped'),
    reason: longText(20, 5000),
  }),
]);
export type MarketDialogueDeliverable = z.infer<typeof marketDialogueDeliverable>;

export const rfiSchedule = z.object({
  closesOn: isoDate,
  description: text(500),
});
export type RfiSchedule = z.infer<typeof rfiSchedule>;

// ---------------------------------------------------------------------------------------------
// Step 4a — tender documents

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
        description: z.string().trim().max(5000).optional(),
      }),
    }),
    procedure: z.enum(PROCEDURE_IDS),
    procedureJustification: text(5000),
    selectionCriteria: z
      .array(z.object({ description: text(1000), smeAlternative: z.enum(SME_ALTERNATIVE_IDS).optional() }))
      .min(1),
    functionalSpecifications: z.array(text(2000)).min(1),
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
      .min(1),
    priceOnlyReason: z.string().trim().max(5000).optional(),
    executionConditions: z
      .array(
        z.object({
          conditionId: z.enum([...EXECUTION_CONDITION_IDS, 'custom']),
          description: z.string().trim().max(2000).optional(),
          growthPath: z.string().trim().max(2000).optional(),
        }),
      )
      .min(1, 'name at least one execution condition (take-back, end of life, packaging, …)'),
    principles: z.object({
      transparency: z.literal(true, 'confirm the principle of transparency'),
      'non-discrimination': z.literal(
        true,
        'confirm the principle of non-discrimination and equal treatment',
      ),
      'link-to-subject-matter': z.literal(true, 'confirm the link to the subject matter'),
      'equivalent-standards': z.literal(true, 'confirm that equivalent standards and labels are accepted'),
    }),
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
  });
export type TenderDocumentsDeliverable = z.infer<typeof tenderDocumentsDeliverable>;

// ---------------------------------------------------------------------------------------------
// Step 4b — award

const cadenceFields = {
  /** Periodic (operational / KPI) review interval. */
  reviewEveryMonths: z.number().int().min(1, 'reviews at least monthly').max(12, 'reviews at least yearly'),
  /** Strategic review interval. */
  strategicReviewEveryMonths: z.number().int().min(6).max(24),
  /** Days after the award for the kick-off meeting. */
  kickOffWithinDays: z.number().int().min(1).max(90),
  /** The review request (with its calendar invitation) goes out this many days before a moment. */
  noticeDays: z.number().int().min(0).max(60),
  /** A review still missing this many days after its moment is reminded; twice that, escalated to purchasing. */
  graceDays: z.number().int().min(1).max(90),
  /** The end-of-use reminder goes out this many months before the contract ends. */
  endOfUseLeadMonths: z.number().int().min(1).max(24),
};

/** Defaults from the catalogue's follow_up_cadence (kick-off within a month, quarterly KPI review, yearly strategic review). */
export const DEFAULT_FOLLOW_UP_CADENCE = {
  reviewEveryMonths: 3,
  strategicReviewEveryMonths: 12,
  kickOffWithinDays: 30,
  noticeDays: 7,
  graceDays: 14,
  endOfUseLeadMonths: 6,
} as const;

export const followUpCadence = z.object({
  reviewEveryMonths: cadenceFields.reviewEveryMonths.default(DEFAULT_FOLLOW_UP_CADENCE.reviewEveryMonths),
  strategicReviewEveryMonths: cadenceFields.strategicReviewEveryMonths.default(
    DEFAULT_FOLLOW_UP_CADENCE.strategicReviewEveryMonths,
  ),
  kickOffWithinDays: cadenceFields.kickOffWithinDays.default(DEFAULT_FOLLOW_UP_CADENCE.kickOffWithinDays),
  noticeDays: cadenceFields.noticeDays.default(DEFAULT_FOLLOW_UP_CADENCE.noticeDays),
  graceDays: cadenceFields.graceDays.default(DEFAULT_FOLLOW_UP_CADENCE.graceDays),
  endOfUseLeadMonths: cadenceFields.endOfUseLeadMonths.default(DEFAULT_FOLLOW_UP_CADENCE.endOfUseLeadMonths),
});
/** A change of cadence: only the fields given change (no defaults fill the others). */
export const cadenceChange = z.object(cadenceFields).partial();
export type FollowUpCadence = z.infer<typeof followUpCadence>;

export const awardDeliverable = z
  .object({
    supplier: z.object({ name: text(300), companyNumber: z.string().trim().max(50).optional() }),
    bidsReceived: z.number().int().min(0).max(1000).optional(),
    contractStart: isoDate,
    contractEnd: isoDate,
    expectedLifetimeYears: z.number().min(0.5).max(100),
    followUpCadence: followUpCadence.default({ ...DEFAULT_FOLLOW_UP_CADENCE }),
    contractManager: person,
    contractIndicatorValues: z
      .array(z.object({ objectiveId: z.enum(OBJECTIVE_IDS), value: z.number().finite() }))
      .max(20)
      .default([]),
  })
  .superRefine((award, ctx) => {
    if (award.contractEnd <= award.contractStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['contractEnd'],
        message: 'the contract must end after it starts',
      });
    }
  });
export type AwardDeliverable = z.infer<typeof awardDeliverable>;

// ---------------------------------------------------------------------------------------------
// Step 5 — contract review (one follow-up moment)

export const contractReview = z.object({
  momentId: z.string().min(1).max(100),
  kpis: z
    .array(
      z.object({
        kpiId: z.enum(KPI_IDS),
        value: z.number().finite(),
        comment: z.string().trim().max(2000).optional(),
      }),
    )
    .max(KPI_IDS.length)
    .superRefine((list, ctx) => uniqueBy(list, (k) => k.kpiId, ctx, 'kpiId', 'the KPIs'))
    .default([]),
  performance: text(5000),
  availability: z.string().trim().max(5000).optional(),
  repair: z.string().trim().max(5000).optional(),
  maintenance: z.string().trim().max(5000).optional(),
  lifetime: z.string().trim().max(5000).optional(),
  userTraining: z.string().trim().max(5000).optional(),
  growthPath: z.string().trim().max(5000).optional(),
  issues: z.string().trim().max(5000).optional(),
});
export type ContractReview = z.infer<typeof contractReview>;

export const contractAmendment = z
  .object({
    contractEnd: isoDate.optional(),
    cadence: cadenceChange.optional(),
    contractManager: person.optional(),
    reason: longText(5, 2000),
  })
  .refine(
    (a) => a.contractEnd !== undefined || a.cadence !== undefined || a.contractManager !== undefined,
    'change at least one of contractEnd, cadence, contractManager',
  );
export type ContractAmendment = z.infer<typeof contractAmendment>;

export const startEndOfUse = z.object({ reason: longText(5, 2000) });

// ---------------------------------------------------------------------------------------------
// Step 6 — end of use

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
          lowerRouteReason: z.string().trim().max(2000).optional(),
          channelId: z.enum(CHANNEL_IDS).optional(),
          residualValueEur: z.number().min(0).optional(),
          recipient: text(300),
          weightKg: z.number().min(0).optional(),
          certificateRef: z.string().trim().max(200).optional(),
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
    .superRefine((list, ctx) => uniqueBy(list, (i) => i.itemId, ctx, 'itemId', 'the items')),
});
export type EndOfUseDeliverable = z.infer<typeof endOfUseDeliverable>;

// ---------------------------------------------------------------------------------------------
// Step 7 — evaluate (field ids from the catalogue's evaluation_fields)

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
    .default([]),
  targetMet: z.enum(['yes', 'partial', 'no', 'not-applicable']),
  procedureUsed: z.enum(PROCEDURE_IDS).optional(),
  marketResponseBids: z.number().int().min(0).optional(),
  tco: z
    .object({ forecastEur: z.number().min(0).optional(), actualEur: z.number().min(0).optional() })
    .optional(),
  impact: z.string().trim().max(5000).optional(),
  successFactors: z.array(stepNote).default([]),
  barriers: z.array(stepNote).default([]),
  stakeholderFeedback: z.string().trim().max(5000).optional(),
  endOfUseOutcomes: z.string().trim().max(5000).optional(),
  lessons: z.array(text(2000)).min(1, 'record at least one lesson for the next project'),
  nextTime: z.string().trim().max(5000).optional(),
  nextAmbitionLevel: z.string().trim().max(2000).optional(),
  sharedWith: z.string().trim().max(2000).optional(),
});
export type EvaluationDeliverable = z.infer<typeof evaluationDeliverable>;

// ---------------------------------------------------------------------------------------------
// Per gate

export const deliverableSchemas = {
  'circular-need': needDeliverable,
  'circular-ambitions': ambitionsDeliverable,
  'market-dialogue': marketDialogueDeliverable,
  'tender-documents': tenderDocumentsDeliverable,
  award: awardDeliverable,
  'end-of-use': endOfUseDeliverable,
  evaluate: evaluationDeliverable,
} as const;

export interface DeliverableByGate {
  'circular-need': NeedDeliverable;
  'circular-ambitions': AmbitionsDeliverable;
  'market-dialogue': MarketDialogueDeliverable;
  'tender-documents': TenderDocumentsDeliverable;
  award: AwardDeliverable;
  'end-of-use': EndOfUseDeliverable;
  evaluate: EvaluationDeliverable;
}

// ---------------------------------------------------------------------------------------------
// Decisions and delegation

export const decisionKind = z.enum(['approve', 'reject', 'request-changes']);
export type DecisionKind = z.infer<typeof decisionKind>;

export const decisionInput = z
  .object({
    gate: gateId.optional(),
    round: z.number().int().min(1).optional(),
    decision: decisionKind,
    comment: z.string().trim().max(5000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== 'approve' && !d.comment) {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: `a comment is required to ${d.decision.replace('-', ' ')}`,
      });
    }
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const delegationInput = z.object({
  gate: gateId.optional(),
  round: z.number().int().min(1).optional(),
  to: person,
  comment: z.string().trim().max(5000).optional(),
});
export type DelegationInput = z.infer<typeof delegationInput>;

export const cancelInput = z.object({ reason: longText(5, 2000) });

export const channel = z.enum(['api', 'email', 'signal', 'system']);
export type Channel = z.infer<typeof channel>;

/** Parses with a schema and turns the first problems into one readable sentence (for update validators). */
export function describeIssues(error: z.ZodError, max = 5): string {
  const problems = error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return problems.join('; ') + more;
}
