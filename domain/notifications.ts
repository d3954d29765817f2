/**
 * What the workflow asks the mail activity to send. Plain data with no secrets: the activity mints
 * link tokens and renders the message, so neither the signing key nor a token enters workflow
 * history.
 */
import type { ApprovalPolicy, Person } from './schemas';
import type { GateId, Locale, StepId } from './catalogue';

export interface ProjectRef {
  projectId: string;
  title: string;
  organisation: string;
  productGroup: string;
}

interface Base {
  project: ProjectRef;
  recipient: Person;
  /** Distinguishes repeated messages of one kind (reminder 1, 2, …) in the deterministic Message-ID. */
  sequence: number;
  /** Set when a fresh link is sent because the earlier one expired (a new message, not a retry). */
  resend?: number;
  /** The API request that caused this mail, for the mail activity's log lines. */
  requestId?: string;
  /** That request's W3C trace context, so the mail activity's span joins its trace. */
  trace?: Record<string, string>;
}

export interface RoundRef {
  gate: GateId;
  round: number;
}

/** Where the project stands once a gate is approved: its step, the gate it waits on, or its end. */
export interface NextAfterApproval {
  step: StepId;
  gate?: GateId;
  outcome?: 'completed' | 'purchase-avoided' | 'cancelled';
  /** The award was approved and the contract waits for the standstill until this date. */
  standstillUntil?: string;
}

export type Notification =
  | (Base &
      RoundRef & {
        kind: 'approval-request' | 'approval-reminder';
        /** Sequence of the request this person got in the round (reminders thread to it). */
        requestSequence?: number;
        policy: ApprovalPolicy;
        approvers: Person[];
        submittedBy: string;
        /** Who submitted, by name (absent in mail queued before it was added). */
        submitter?: Person;
        digest: Record<Locale, string[]>;
        deadlineAt?: string;
        delegatedBy?: Person;
      })
  | (Base &
      RoundRef & {
        kind: 'approval-escalation';
        pending: Person[];
        reason: 'reminders' | 'deadline';
        remindersSent: number;
      })
  | (Base &
      RoundRef & {
        kind: 'round-outcome';
        outcome: 'approved' | 'changes-requested' | 'rejected' | 'timed-out' | 'cancelled';
        comments: { by: string; decision: string; comment: string }[];
        /** Where an approval took the project (absent in mail queued before it was added). */
        next?: NextAfterApproval;
      })
  | (Base & RoundRef & { kind: 'round-replaced'; replacedBy: number })
  | (Base & { kind: 'rfi-reminder'; closesOn: string; description: string })
  | (Base & {
      kind: 'review-request' | 'review-reminder';
      moment: { id: string; kind: string; dueOn: string; sequence: number };
      supplier: string;
    })
  | (Base & {
      kind: 'review-escalation';
      moment: { id: string; kind: string; dueOn: string };
      contractManager: Person;
    })
  | (Base & {
      kind: 'calendar-update';
      moment: { id: string; kind: string; dueOn: string; sequence: number };
      method: 'REQUEST' | 'CANCEL';
      supplier: string;
    })
  | (Base & {
      kind: 'end-of-use-reminder';
      contractEnd: string;
      supplier: string;
      /** The day use is expected to end, when the owner confirmed use beyond the contract end. */
      useUntil?: string;
      /** The contract's end-of-use conditions (take-back, buy-back, …: domain/end-of-use.ts). */
      conditions?: string[];
    })
  | (Base & {
      kind: 'use-continuation-request';
      contractEnd: string;
      /** Set when use already went on past the contract end and that period is over now. */
      useUntil?: string;
      supplier: string;
      conditions?: string[];
      /** The question again, unanswered after the grace period. */
      reminder?: boolean;
    })
  | (Base & {
      kind: 'project-closed';
      step: StepId;
      outcome: 'completed' | 'purchase-avoided' | 'cancelled';
      reason?: string;
    });

export type NotificationKind = Notification['kind'];
