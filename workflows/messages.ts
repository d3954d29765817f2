/**
 * Messages of the procurement workflow. The API imports these same objects, so each name lives in
 * exactly one place.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApprovalRound } from '../domain/approval-policy';
import type { ArchiveRef } from '../domain/carried-state';
import type { GateId } from '../domain/catalogue';
import type { DocumentRef } from '../domain/documents';
import type { TrackedCommitment } from '../domain/growth-commitments';
import type { AuditEntry, ProjectState, ProjectStatus } from '../domain/project';
import type {
  ApprovalSettingsChange,
  Channel,
  ContractAmendment,
  ContractReview,
  DecisionKind,
  Person,
  UseConfirmation,
} from '../domain/schemas';

export interface SubmitDeliverableArgs {
  gate: GateId;
  deliverable: unknown;
  /** Email of the person submitting. */
  submittedBy: string;
  channel: Channel;
}

export interface SubmitDeliverableResult {
  gate: GateId;
  round: number;
  version: number;
  approvers: string[];
  supersededRound?: number;
}

export interface DecideArgs {
  gate?: GateId;
  round?: number;
  /** Email of the person deciding: an approver of the round or their delegate. */
  approver: string;
  decision: DecisionKind;
  comment?: string;
  channel: Channel;
}

export interface DecideResult {
  gate: GateId;
  round: number;
  decision: DecisionKind;
  decidedAt: string;
  /** The round's status after this decision: still open, or its outcome. */
  roundStatus: ApprovalRound['status'];
  projectStatus: ProjectStatus;
  /**
   * The person who decided as the project knows them (name, language, time zone), so the decision
   * page confirms in their language without reading the project. Absent from older workers.
   */
  decider?: Person;
}

export interface DelegateArgs {
  gate?: GateId;
  round?: number;
  from: string;
  to: Person;
  comment?: string;
  channel: Channel;
}

export interface DelegateResult {
  gate: GateId;
  round: number;
  delegatedTo: string;
  delegatedAt: string;
}

export interface ChangeApprovalSettingsArgs {
  change: ApprovalSettingsChange;
  by: string;
}

export interface ScheduleRfiArgs {
  closesOn: string;
  description: string;
  by: string;
}

export interface RecordReviewArgs {
  review: ContractReview;
  by: string;
  channel: Channel;
}

/** A new end date (extension or early end), cadence or contract manager, with the reason. */
export type AmendContractArgs = ContractAmendment & { by: string };

export interface StartEndOfUseArgs {
  reason: string;
  by: string;
}

/** The owner's answer, at or before the contract end, to whether use goes on. */
export type ConfirmUseArgs = UseConfirmation & { by: string };

/** A fresh link for someone whose emailed link expired (asked for on the expired-link page). */
export type ResendLinkArgs =
  | { kind: 'decision'; gate: GateId; round: number; approver: string }
  | { kind: 'review'; momentId: string; recipient: string };

export interface CancelArgs {
  reason: string;
  by: string;
}

/** The project as the API shows it: the state without the audit trail (its own query) and the outbox. */
export type ProjectView = Omit<ProjectState, 'audit' | 'outbox'> & {
  workflowId: string;
  pendingApprovers: string[];
  currentRound?: ApprovalRound;
  /** What the project waits for next on its own clock (a reminder, the standstill, a follow-up moment). */
  nextTimer?: { at: string; summary: string };
  /**
   * linkView only: the documents of the gate's latest submission, which its decision page links
   * (the page gets no deliverables). Absent from workers older than the field.
   */
  documents?: DocumentRef[];
  /**
   * linkView of a review link only: the growth commitments earlier reviews left open, which the
   * review form lists (4.23). Absent from workers older than the field.
   */
  openGrowthCommitments?: TrackedCommitment[];
};

export const submitDeliverableUpdate = defineUpdate<SubmitDeliverableResult, [SubmitDeliverableArgs]>(
  'submitDeliverable',
);
export const decideUpdate = defineUpdate<DecideResult, [DecideArgs]>('decide');
export const delegateUpdate = defineUpdate<DelegateResult, [DelegateArgs]>('delegate');
export const changeApprovalSettingsUpdate = defineUpdate<
  ProjectState['approvals'],
  [ChangeApprovalSettingsArgs]
>('changeApprovalSettings');
export const scheduleRfiUpdate = defineUpdate<{ closesOn: string }, [ScheduleRfiArgs]>('scheduleRfi');
export const recordReviewUpdate = defineUpdate<{ momentId: string; recordedAt: string }, [RecordReviewArgs]>(
  'recordReview',
);
export const amendContractUpdate = defineUpdate<ProjectState['contract'], [AmendContractArgs]>(
  'amendContract',
);
export const startEndOfUseUpdate = defineUpdate<{ step: 'end-of-use' }, [StartEndOfUseArgs]>('startEndOfUse');
export const confirmUseUpdate = defineUpdate<
  { step: 'use-and-execution'; useUntil: string } | { step: 'end-of-use' },
  [ConfirmUseArgs]
>('confirmUse');

export const resendLinkUpdate = defineUpdate<{ sentTo: string }, [ResendLinkArgs]>('resendLink');

/** Decisions for integrations that must not wait on a worker: same rules, invalid ones are noted and ignored. */
export const decisionSignal = defineSignal<[DecideArgs]>('decision');
export const cancelSignal = defineSignal<[CancelArgs]>('cancel');

export const projectQuery = defineQuery<ProjectView>('project');

/** What a mailed link's page needs: one gate's rounds, or one follow-up moment (see linkViewQuery). */
export interface LinkViewArgs {
  gate?: GateId;
  momentId?: string;
}
/**
 * The project for a link page, without what the page never shows (other gates' rounds, the
 * deliverables, other moments, reviews): a few KiB instead of the whole state of a long project.
 */
export const linkViewQuery = defineQuery<ProjectView, [LinkViewArgs]>('linkView');
export const auditTrailQuery = defineQuery<AuditEntry[]>('auditTrail');
/** The audit entries the run carries and where older ones are (one query for the API's audit route). */
export const auditRecordQuery = defineQuery<{ entries: AuditEntry[]; archive: ArchiveRef[] }>('auditRecord');
