/** Approval settings, and the decisions and delegations approvers submit. */
import { z } from 'zod';
import {
  INPUT_MAX_BYTES,
  addRuleIssue,
  comment,
  gateId,
  person,
  plainString,
  ruleCheck,
  uniqueEmails,
  withinBytes,
} from './common';

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
      addRuleIssue(ctx, ['quorum'], 'policy.quorum-missing', {});
    }
    if (policy.rule !== 'quorum' && policy.quorum !== undefined) {
      addRuleIssue(ctx, ['quorum'], 'policy.quorum-not-applicable', {});
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

export const approvalSettings = withinBytes(
  z.object({
    policy: approvalPolicy.default({ rule: 'all', sequential: false }),
    reminders: reminderSettings.default({ everyHours: 72, escalateAfter: 2 }),
    escalationContact: person.optional(),
    deadline: roundDeadline.optional(),
    gates: z.partialRecord(gateId, gateApprovalOverride).default({}),
  }),
  INPUT_MAX_BYTES.approvalSettings,
  'the approval settings',
);
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
    ruleCheck('settings.change-nothing', {}),
  );
export type ApprovalSettingsChange = z.infer<typeof approvalSettingsChange>;

// ---------------------------------------------------------------------------------------------
// Decisions and delegation

export const decisionKind = z.enum(['approve', 'reject', 'request-changes']);
export type DecisionKind = z.infer<typeof decisionKind>;

const decisionFields = {
  gate: gateId.optional(),
  round: z.number().int().min(1).optional(),
  decision: decisionKind,
};

function commentRequired(d: { decision: DecisionKind; comment?: string }, ctx: z.RefinementCtx): void {
  if (d.decision !== 'approve' && !d.comment) {
    addRuleIssue(ctx, ['comment'], 'decision.comment-required', { decision: d.decision });
  }
}

export const decisionInput = z
  .object({ ...decisionFields, comment: comment().optional() })
  .superRefine(commentRequired);
export type DecisionInput = z.infer<typeof decisionInput>;

/**
 * The decision signal (operators, older integrations) has no validator: the workflow checks it
 * when it handles it, also on replay, so it keeps the comment limit it had (5,000 characters)
 * and a signal recorded before the limit of decisionInput went down is judged as it was.
 */
export const signalledDecisionInput = z
  .object({ ...decisionFields, comment: plainString().trim().max(5000).optional() })
  .superRefine(commentRequired);

export const delegationInput = z.object({
  gate: gateId.optional(),
  round: z.number().int().min(1).optional(),
  to: person,
  comment: comment().optional(),
});
export type DelegationInput = z.infer<typeof delegationInput>;
