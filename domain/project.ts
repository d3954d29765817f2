/** The state of one procurement project, as the workflow keeps it and the API shows it. */
import type { ArchiveRef } from './carried-state';
import type { ApprovalRound } from './approval-policy';
import type { GateId, Locale, StepId } from './catalogue';
import type { Notification } from './notifications';
import type {
  ApprovalSettings,
  Channel,
  ContractReview,
  DeliverableByGate,
  FollowUpCadence,
  Person,
  TeamMember,
} from './schemas';

export type ProjectStatus =
  | 'awaiting-submission'
  | 'awaiting-approval'
  | 'changes-requested'
  | 'in-standstill'
  | 'in-contract'
  | 'completed'
  | 'purchase-avoided'
  | 'cancelled';

export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'awaiting-submission',
  'awaiting-approval',
  'changes-requested',
  'in-standstill',
  'in-contract',
  'completed',
  'purchase-avoided',
  'cancelled',
];

const STATUS_LABELS: Record<ProjectStatus, Record<Locale, string>> = {
  'awaiting-submission': { nl: 'wacht op een inzending', en: 'awaiting a submission' },
  'awaiting-approval': { nl: 'wacht op goedkeuring', en: 'awaiting approval' },
  'changes-requested': { nl: 'wijzigingen gevraagd', en: 'changes requested' },
  'in-standstill': { nl: 'wachttermijn na de gunning (standstill)', en: 'in the standstill after the award' },
  'in-contract': { nl: 'in uitvoering (contract)', en: 'in contract' },
  completed: { nl: 'afgerond', en: 'completed' },
  'purchase-avoided': { nl: 'afgesloten zonder aankoop', en: 'closed without a purchase' },
  cancelled: { nl: 'stopgezet', en: 'cancelled' },
};

/** A project's status in words. */
export const statusLabel = (status: ProjectStatus, locale: Locale): string => STATUS_LABELS[status][locale];

export type AuditKind =
  | 'project-created'
  | 'lessons-shown'
  | 'step-entered'
  | 'submitted'
  | 'round-opened'
  | 'approval-requested'
  | 'decided'
  | 'delegated'
  | 'reminder-sent'
  | 'escalated'
  | 'deadline-passed'
  | 'round-closed'
  | 'round-superseded'
  | 'signal-ignored'
  | 'settings-changed'
  | 'rfi-scheduled'
  | 'rfi-reminder-sent'
  | 'review-requested'
  | 'review-reminder-sent'
  | 'review-escalated'
  | 'review-recorded'
  | 'contract-amended'
  | 'standstill-started'
  | 'standstill-passed'
  | 'end-of-use-reminder-sent'
  | 'use-continuation-asked'
  | 'use-continuation-confirmed'
  | 'end-of-use-triggered'
  | 'lessons-published'
  | 'notification-failed'
  | 'cancelled'
  | 'completed';

export interface AuditEntry {
  at: string;
  kind: AuditKind;
  step: StepId;
  gate?: GateId;
  round?: number;
  /** Email of the person who acted, or "system" for timers and the workflow itself. */
  actor: string;
  channel: Channel | 'timer';
  comment?: string;
  details?: Record<string, string | number | boolean | string[]>;
  /** The API request that caused it (X-Request-Id, or the id the API gave it); absent for timers and older entries. */
  requestId?: string;
}

export interface Submission<G extends GateId = GateId> {
  gate: G;
  data: DeliverableByGate[G];
  submittedAt: string;
  submittedBy: string;
  version: number;
}

export type Submissions = { [G in GateId]?: Submission<G> };

export interface Lesson {
  projectId: string;
  title: string;
  organisation: string;
  completedAt: string;
  outcome: 'completed' | 'purchase-avoided';
  lessons: string[];
  nextTime?: string;
  nextAmbitionLevel?: string;
  targetMet?: string;
}

export type OutboxItem =
  | { id: number; kind: 'mail'; notification: Notification }
  | { id: number; kind: 'publish-lessons'; productGroup: string; lesson: Lesson };

export interface FollowUpMoment {
  /** Stable id (also the calendar UID's local part): kind + due date at first scheduling. */
  id: string;
  kind: 'kick-off' | 'periodic-review' | 'strategic-review';
  dueOn: string;
  /** Calendar SEQUENCE: raised each time an announced moment changes. */
  sequence: number;
  announcedTo?: string;
  /** Purchasers who got the review request beside the contract manager (they may record it too). */
  copiedTo?: string[];
  announcedAt?: string;
  remindedAt?: string;
  escalatedAt?: string;
  reviewedAt?: string;
  cancelledAt?: string;
  /** Fresh review links sent after an earlier one expired. */
  linksResent?: number;
}

export interface ContractState {
  supplier: string;
  start: string;
  end: string;
  originalEnd: string;
  cadence: FollowUpCadence;
  awardedOn: string;
  /** Periodic reviews count from here: the contract start, or the date of the last cadence change. */
  anchor: string;
  manager: Person;
  expectedLifetimeYears: number;
  moments: FollowUpMoment[];
  endOfUseReminderSentAt?: string;
  amendments: { at: string; by: string; reason: string; changes: string[] }[];
  endedEarly?: { at: string; by: string; reason: string };
  /**
   * Use beyond the contract end, as the owner confirmed it: the day use is now expected to end. The
   * end-of-use reminder and the next "does use go on?" question count from it. Absent: use ends
   * with the contract (or nobody was asked yet).
   */
  useUntil?: string;
  /** When the owner was asked whether use goes on; cleared by their answer. */
  useQuestionAskedAt?: string;
  /** When the owners were reminded of that unanswered question (graceDays later); cleared by their answer. */
  useQuestionRemindedAt?: string;
  /**
   * Set on contracts concluded under the step-6 rules (domain/end-of-use.ts endOfUseRules):
   * older contracts keep the rules they were concluded under.
   */
  endOfUseRules?: true;
  /** Every answer to that question, oldest first. */
  useConfirmations?: { at: string; by: string; continues: boolean; until?: string; reason: string }[];
}

export interface ProjectState {
  projectId: string;
  title: string;
  organisation: string;
  productGroup: string;
  description?: string;
  requester: Person;
  createdAt: string;
  /**
   * Rules the project started under that older projects do not follow (absent: started before
   * them). `completeStepRecords`: step 1 records the purchaser's mandate, the dialogue with the
   * internal client and a full inventory; a held market dialogue records its planning.
   */
  rules?: { completeStepRecords?: boolean };
  team: TeamMember[];
  approvals: ApprovalSettings;
  step: StepId;
  /** The gate whose deliverable is expected now; undefined in step 5 and after the end. */
  gate?: GateId;
  status: ProjectStatus;
  submissions: Submissions;
  rounds: ApprovalRound[];
  /**
   * Side effects owed by a state change, sent by the workflow's main loop. Handlers change state
   * and enqueue here in one synchronous step, so a query right after an update sees the new state
   * and a message is never lost (the outbox is carried across continue-as-new).
   */
  outbox: OutboxItem[];
  nextOutboxId: number;
  /** Messages that could not be delivered; shown to operators as the FailedNotifications search attribute. */
  failedNotifications?: number;
  rfi?: { closesOn: string; description: string; scheduledBy: string; remindersSent: number };
  /**
   * The award was approved and the contract waits for the 15-day standstill after the award
   * decision (absent for projects awarded without the legal frame, and before the patch).
   */
  standstill?: {
    until: string;
    decision: NonNullable<DeliverableByGate['award']['legalFrame']>['decision'];
    passedAt?: string;
  };
  contract?: ContractState;
  reviews: (ContractReview & { recordedAt: string; recordedBy: string; channel: Channel })[];
  earlierLessons: Lesson[];
  outcome?: 'completed' | 'purchase-avoided' | 'cancelled';
  cancellation?: { reason: string; by: string; at: string };
  audit: AuditEntry[];
  /** Number of earlier runs (continue-as-new) of this project's workflow. */
  previousRuns: number;
  /** Version of this shape (domain/carried-state.ts); absent in states of the first version. */
  stateVersion?: number;
  /** Where older audit entries, reviews and rounds are, once they left the carried state. */
  archive?: ArchiveRef[];
}

export function workflowIdFor(projectId: string): string {
  return `procurement-${projectId}`;
}

export function projectIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith('procurement-') ? workflowId.slice('procurement-'.length) : undefined;
}

export function lessonsWorkflowIdFor(productGroup: string): string {
  return `lessons-${productGroup}`;
}

export function productGroupFromLessonsWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith('lessons-') ? workflowId.slice('lessons-'.length) : undefined;
}

export function isTerminal(status: ProjectStatus): boolean {
  return status === 'completed' || status === 'purchase-avoided' || status === 'cancelled';
}

export function latestRound(state: Pick<ProjectState, 'rounds'>, gate: GateId): ApprovalRound | undefined {
  return state.rounds.filter((round) => round.gate === gate).at(-1);
}

export function openRound(state: Pick<ProjectState, 'rounds' | 'gate'>): ApprovalRound | undefined {
  return state.rounds.find((round) => round.status === 'open');
}
