/**
 * What the project routes answer, as zod schemas for the OpenAPI document. The workflow's types
 * (workflows/messages.ts, domain/project.ts) are the truth; the checks at the end of this file
 * fail to compile when a documented field no longer matches them, and the API tests parse real
 * answers with these schemas. Objects are open (more fields may appear; clients ignore them).
 */
import { z } from 'zod';
import type {
  ApprovalRound,
  ApprovalSlot,
  RecordedDecision,
  RecordedDelegation,
} from '../../domain/approval-policy';
import { type GateId, STEP_IDS } from '../../domain/catalogue';
import {
  type AuditEntry,
  type AuditKind,
  type ContractState,
  type Lesson,
  PROJECT_STATUSES,
  type ProjectState,
  type ProjectStatus,
} from '../../domain/project';
import {
  approvalPolicy,
  approvalSettings,
  channel,
  decisionKind,
  deliverableSchemas,
  followUpCadence,
  gateId,
  person,
  roundDeadline,
  stepId,
  teamMember,
} from '../../domain/schemas';
import { contractReview } from '../../domain/schemas/contract';
import { awardLegalFrame } from '../../domain/schemas/legal-frame';
import type {
  DecideResult,
  DelegateResult,
  ProjectView,
  SubmitDeliverableResult,
} from '../../workflows/messages';

const instant = z.string().meta({ format: 'date-time', description: 'An instant, ISO 8601 in UTC.' });
const day = z.string().meta({ format: 'date', description: 'A calendar date, YYYY-MM-DD.' });
const emailAddress = z.string().meta({ format: 'email' });

export const projectStatus = z.enum(PROJECT_STATUSES as [ProjectStatus, ...ProjectStatus[]]);

const ROUND_STATUS_VALUES = [
  'open',
  'approved',
  'changes-requested',
  'rejected',
  'timed-out',
  'superseded',
  'cancelled',
] as const satisfies readonly ApprovalRound['status'][];

const AUDIT_KINDS = [
  'project-created',
  'lessons-shown',
  'step-entered',
  'submitted',
  'round-opened',
  'approval-requested',
  'decided',
  'delegated',
  'reminder-sent',
  'escalated',
  'deadline-passed',
  'round-closed',
  'round-superseded',
  'signal-ignored',
  'settings-changed',
  'rfi-scheduled',
  'rfi-reminder-sent',
  'review-requested',
  'review-reminder-sent',
  'review-escalated',
  'review-recorded',
  'contract-amended',
  'standstill-started',
  'standstill-passed',
  'end-of-use-reminder-sent',
  'use-continuation-asked',
  'use-continuation-confirmed',
  'end-of-use-triggered',
  'lessons-published',
  'notification-failed',
  'cancelled',
  'completed',
] as const satisfies readonly AuditKind[];

export const links = z.object({
  self: z.string().meta({ description: 'This project in the API.' }),
  audit: z.string().meta({ description: 'Its audit trail.' }),
  temporalUi: z.string().meta({ description: 'Its workflow, as a path of the Temporal Web UI.' }),
});

export const projectCreated = z.object({
  id: z.string(),
  workflowId: z.string(),
  runId: z.string().meta({ description: 'The first run of the workflow (continue-as-new adds more).' }),
  links,
});

export const projectSummary = z.looseObject({
  id: z.string(),
  workflowId: z.string(),
  title: z.string(),
  step: stepId.optional(),
  status: projectStatus.optional(),
  productGroup: z.string().optional(),
  organisation: z.string().optional(),
  pendingApprovers: z.array(emailAddress),
  contractEndDate: day.optional(),
  nextReviewDue: day
    .optional()
    .meta({ description: 'The earliest follow-up moment of the contract not reviewed yet.' }),
  startedAt: instant,
  running: z.boolean(),
});

export const projectPage = z.object({
  items: z.array(projectSummary),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  query: z
    .string()
    .meta({ description: 'The visibility query, for the Temporal UI or `temporal workflow list -q`.' }),
});

const count = z.number().int().meta({ description: 'Projects that match, running or finished.' });

export const projectCounts = z.object({
  total: count,
  byStep: z
    .array(z.object({ step: stepId, count }))
    .meta({ description: 'Every step, in the order of the process.' }),
  byStatus: z.array(z.object({ status: projectStatus, count })).meta({ description: 'Every status.' }),
  query: z.string().meta({ description: 'The visibility query the counts narrow per step and per status.' }),
  countedAt: instant.meta({
    description:
      'When these counts were made (ISO 8601, UTC): at most COUNTS_CACHE_SECONDS ago, as requests for the same counts share them.',
  }),
});

const recordedDecision = z.object({
  kind: decisionKind,
  comment: z.string().optional(),
  at: instant,
  by: emailAddress,
  channel,
});
const recordedDelegation = z.object({
  from: person,
  to: person,
  at: instant,
  comment: z.string().optional(),
  channel,
});
const approvalSlot = z.object({
  approver: person,
  holder: person,
  delegations: z.array(recordedDelegation),
  decision: recordedDecision.optional(),
  requestedAt: instant.optional(),
  linksResent: z.number().int().optional(),
  remindersSent: z.number().int().optional(),
  lastRemindedAt: instant.optional(),
});
export const approvalRound = z.object({
  gate: gateId,
  number: z.number().int(),
  policy: approvalPolicy,
  slots: z.array(approvalSlot),
  openedAt: instant,
  submittedBy: emailAddress,
  digest: z.object({ nl: z.array(z.string()), en: z.array(z.string()) }),
  deadline: roundDeadline.extend({ at: instant, handled: z.boolean() }).optional(),
  reminders: z.object({
    everyHours: z.number(),
    escalateAfter: z.number(),
    sent: z.number().int(),
    lastAt: instant.optional(),
  }),
  escalatedAt: instant.optional(),
  status: z.enum(ROUND_STATUS_VALUES),
  closedAt: instant.optional(),
  supersededBy: z.number().int().optional(),
});

const followUpMoment = z.object({
  id: z.string(),
  kind: z.enum(['kick-off', 'periodic-review', 'strategic-review']),
  dueOn: day,
  sequence: z.number().int(),
  announcedTo: z.string().optional(),
  copiedTo: z.array(z.string()).optional(),
  announcedAt: instant.optional(),
  remindedAt: instant.optional(),
  escalatedAt: instant.optional(),
  reviewedAt: instant.optional(),
  cancelledAt: instant.optional(),
  linksResent: z.number().int().optional(),
});
export const contractState = z.object({
  supplier: z.string(),
  start: day,
  end: day,
  originalEnd: day,
  cadence: followUpCadence,
  awardedOn: day,
  anchor: day,
  manager: person,
  expectedLifetimeYears: z.number(),
  moments: z.array(followUpMoment),
  endOfUseReminderSentAt: instant.optional(),
  amendments: z.array(
    z.object({ at: instant, by: emailAddress, reason: z.string(), changes: z.array(z.string()) }),
  ),
  endedEarly: z.object({ at: instant, by: emailAddress, reason: z.string() }).optional(),
  useUntil: day.optional(),
  useQuestionAskedAt: instant.optional(),
  useQuestionRemindedAt: instant.optional(),
  endOfUseRules: z.literal(true).optional(),
  useConfirmations: z
    .array(
      z.object({
        at: instant,
        by: emailAddress,
        continues: z.boolean(),
        until: day.optional(),
        reason: z.string(),
      }),
    )
    .optional(),
});

export const lesson = z.object({
  projectId: z.string(),
  title: z.string(),
  organisation: z.string(),
  completedAt: instant,
  outcome: z.enum(['completed', 'purchase-avoided']),
  lessons: z.array(z.string()),
  nextTime: z.string().optional(),
  nextAmbitionLevel: z.string().optional(),
  targetMet: z.string().optional(),
});

const submissionOf = <G extends GateId>(gate: G) =>
  z.object({
    gate: z.literal(gate),
    data: deliverableSchemas[gate],
    submittedAt: instant,
    submittedBy: emailAddress,
    version: z.number().int(),
  });

/** The fields of ProjectView this document describes (internal bookkeeping such as outbox ids is left out). */
const projectViewFields = z.object({
  projectId: z.string(),
  workflowId: z.string(),
  title: z.string(),
  organisation: z.string(),
  productGroup: z.string(),
  description: z.string().optional(),
  requester: person,
  createdAt: instant,
  team: z.array(teamMember),
  approvals: approvalSettings,
  step: stepId,
  gate: gateId
    .optional()
    .meta({ description: 'The gate whose deliverable is expected now; absent in step 5 and after the end.' }),
  status: projectStatus,
  submissions: z.object({
    'circular-need': submissionOf('circular-need').optional(),
    'circular-ambitions': submissionOf('circular-ambitions').optional(),
    'market-dialogue': submissionOf('market-dialogue').optional(),
    'tender-documents': submissionOf('tender-documents').optional(),
    award: submissionOf('award').optional(),
    'end-of-use': submissionOf('end-of-use').optional(),
    evaluate: submissionOf('evaluate').optional(),
  }),
  rounds: z.array(approvalRound),
  currentRound: approvalRound.optional(),
  pendingApprovers: z.array(emailAddress),
  failedNotifications: z.number().int().optional(),
  rfi: z
    .object({
      closesOn: day,
      description: z.string(),
      scheduledBy: emailAddress,
      remindersSent: z.number().int(),
    })
    .optional(),
  standstill: z
    .object({
      until: day,
      decision: awardLegalFrame.shape.decision,
      passedAt: instant.optional(),
    })
    .optional()
    .meta({
      description:
        'The award is approved and the contract waits until the 15-day standstill after the award decision has passed (`until`).',
    }),
  nextTimer: z
    .object({ at: instant, summary: z.string() })
    .optional()
    .meta({ description: 'What the project waits for next on its own clock, and when.' }),
  contract: contractState.optional(),
  reviews: z.array(contractReview.extend({ recordedAt: instant, recordedBy: emailAddress, channel })),
  earlierLessons: z.array(lesson),
  outcome: z.enum(['completed', 'purchase-avoided', 'cancelled']).optional(),
  cancellation: z.object({ reason: z.string(), by: emailAddress, at: instant }).optional(),
  previousRuns: z.number().int(),
});
export const projectView = projectViewFields.extend({ links }).loose();

export const auditEntry = z.object({
  at: instant,
  kind: z.enum(AUDIT_KINDS),
  step: z.enum(STEP_IDS),
  gate: gateId.optional(),
  round: z.number().int().optional(),
  actor: z.string().meta({ description: 'Email of the person who acted, or "system".' }),
  channel: z.enum([...channel.options, 'timer']),
  comment: z.string().optional(),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
  requestId: z.string().optional().meta({
    description:
      'The API request that caused it (its X-Request-Id), as in the API and worker logs; absent for timers.',
  }),
});
export const auditTrail = z.object({
  entries: z.array(auditEntry),
  /** Runs whose history held older entries but is gone (past retention without archival). */
  unavailable: z
    .array(
      z.object({
        list: z.literal('audit'),
        runId: z.string(),
        count: z.number().int(),
        from: z.string(),
        to: z.string(),
      }),
    )
    .optional(),
});

export const submitted = z.object({
  gate: gateId,
  round: z.number().int(),
  version: z.number().int(),
  approvers: z.array(emailAddress),
  supersededRound: z.number().int().optional(),
});
const decidedFields = z.object({
  gate: gateId,
  round: z.number().int(),
  decision: decisionKind,
  decidedAt: instant,
  roundStatus: z.enum(ROUND_STATUS_VALUES),
  projectStatus,
});
export const decided = decidedFields.loose();
export const delegated = z.object({
  gate: gateId,
  round: z.number().int(),
  delegatedTo: emailAddress,
  delegatedAt: instant,
});
export const accepted = z.object({
  accepted: z.literal(true),
  note: z.string().optional(),
});
export const rfiScheduled = z.object({ closesOn: day });
export const reviewRecorded = z.object({ momentId: z.string(), recordedAt: instant });
export const endOfUseStarted = z.object({ step: z.literal('end-of-use') });
export const useConfirmed = z.union([
  z.object({ step: z.literal('use-and-execution'), useUntil: day }),
  endOfUseStarted,
]);
export const lessons = z.object({ productGroup: z.string(), lessons: z.array(lesson) });

const labelled = z.looseObject({ id: z.string(), nl: z.string(), en: z.string() });
export const catalogueBody = z
  .looseObject({
    schema_version: z.string(),
    steps: z.array(labelled),
    roles: z.array(labelled),
    contract_kpis: z.array(labelled),
  })
  .meta({ description: 'The catalogue as stored: every list has ids with nl and en labels.' });

// ---------------------------------------------------------------------------------------------
// Compile-time agreement with the workflow's types: a changed field fails `tsc` here.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agree<T extends true> = T;
type ViewFields = z.output<typeof projectViewFields>;
type DecidedFields = z.output<typeof decidedFields>;
export type _ResponsesAgreeWithTheWorkflow = [
  Agree<Same<ViewFields, Pick<ProjectView, keyof ViewFields>>>,
  Agree<Same<z.output<typeof approvalRound>, ApprovalRound>>,
  Agree<Same<z.output<typeof approvalSlot>, ApprovalSlot>>,
  Agree<Same<z.output<typeof recordedDecision>, RecordedDecision>>,
  Agree<Same<z.output<typeof recordedDelegation>, RecordedDelegation>>,
  Agree<Same<z.output<typeof contractState>, ContractState>>,
  Agree<Same<z.output<typeof lesson>, Lesson>>,
  Agree<Same<z.output<typeof auditEntry>, AuditEntry>>,
  Agree<Same<z.output<typeof submitted>, SubmitDeliverableResult>>,
  Agree<Same<z.output<typeof delegated>, DelegateResult>>,
  Agree<Same<DecidedFields, Pick<DecideResult, keyof DecidedFields>>>,
  Agree<Same<AuditKind, (typeof AUDIT_KINDS)[number]>>,
  Agree<Same<ProjectState['rfi'], ViewFields['rfi']>>,
];
