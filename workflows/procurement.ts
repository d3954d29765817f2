/**
 * One circular procurement project, from the need to the evaluation, as one durable workflow.
 *
 * Shape: every message handler validates, changes state and enqueues the side effects it owes
 * (mail, publishing lessons) in one synchronous step; the main loop drains that outbox through
 * activities and sleeps until the next timer (reminders, deadlines, follow-up moments, contract
 * end) or the next state change. So a query right after an update already shows its effect, a
 * rejected update writes nothing, and continue-as-new carries everything including unsent mail.
 */
import {
  type ActivityOptions,
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { createActivities } from '../activities';
import {
  type ApprovalRound,
  type ApprovalSlot,
  type GateApprovers,
  applyDecision,
  applyDelegation,
  decisionProblem,
  delegationProblem,
  mergeTeam,
  pendingEmails,
  pendingSlots,
  reminderDueAt,
  resolveGateApprovers,
  slotHeldBy,
} from '../domain/approval-policy';
import { type GateId, type StepId, gatesOfStep } from '../domain/catalogue';
import { projectDetails } from '../domain/details';
import { submissionDigest } from '../domain/digest';
import {
  addDays,
  dueInstant,
  endOfUseReminderInstant,
  formatDate,
  nextMomentAction,
  planMoments,
  reconcileMoments,
} from '../domain/follow-up';
import type { Notification } from '../domain/notifications';
import {
  type AuditEntry,
  type ContractState,
  type FollowUpMoment,
  type Lesson,
  type ProjectState,
  type Submission,
  isTerminal,
  latestRound,
  openRound,
  workflowIdFor,
} from '../domain/project';
import {
  type ApprovalSettingsChange,
  type CreateProject,
  type DeliverableByGate,
  type Person,
  type RfiSchedule,
  approvalSettings,
  approvalSettingsChange,
  cancelInput,
  contractAmendment,
  contractReview,
  createProject,
  decisionInput,
  delegationInput,
  deliverableSchemas,
  describeIssues,
  email as emailSchema,
  rfiSchedule,
  startEndOfUse,
} from '../domain/schemas';
import {
  ContractEndDate,
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
} from '../domain/search-attributes';
import {
  type AmendContractArgs,
  type CancelArgs,
  type ChangeApprovalSettingsArgs,
  type DecideArgs,
  type DelegateArgs,
  type ProjectView,
  type RecordReviewArgs,
  type ResendLinkArgs,
  type ScheduleRfiArgs,
  type StartEndOfUseArgs,
  type SubmitDeliverableArgs,
  amendContractUpdate,
  auditTrailQuery,
  cancelSignal,
  changeApprovalSettingsUpdate,
  decideUpdate,
  decisionSignal,
  delegateUpdate,
  projectQuery,
  recordReviewUpdate,
  resendLinkUpdate,
  scheduleRfiUpdate,
  startEndOfUseUpdate,
  submitDeliverableUpdate,
} from './messages';

type Activities = ReturnType<typeof createActivities>;

// Mail must never be lost: retry without a limit, backing off to one attempt every 15 minutes, so
// an SMTP outage of hours or days delays messages but drops none. A message the server refuses
// for good (bad address) is not retried.
const MAIL_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '15 minutes',
    nonRetryableErrorTypes: ['MailRejected'],
  },
};
const mail = proxyActivities<Activities>(MAIL_OPTIONS);

// Lessons of earlier projects are a nice-to-have at creation: a few quick attempts, then go on.
const lookups = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

// Publishing lessons signals another workflow; like mail, it must happen eventually.
const publishing = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * Above this many events the run continues as new. Temporal warns at 10,240 events and stops a
 * run at 51,200; a run this short also replays in milliseconds when a worker picks it up.
 */
export const HISTORY_EVENT_BUDGET = 1_000;

export type ProcurementWorkflowInput =
  { kind: 'new'; project: CreateProject } | { kind: 'continued'; state: ProjectState };

export interface ProcurementWorkflowResult {
  projectId: string;
  outcome: NonNullable<ProjectState['outcome']>;
  step: StepId;
}

/** Errors that reject an update; the API maps the type to an HTTP status. */
function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'InvalidInput');
}
function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'WrongState');
}
function forbidden(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'NotAllowed');
}

function parseOrReject<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(describeIssues(result.error));
  return result.data;
}

const now = (): Date => new Date();
const nowIso = (): string => now().toISOString();
const today = (): string => formatDate(now());

export function initialState(project: CreateProject, createdAt: string): ProjectState {
  return {
    projectId: project.id,
    title: project.title,
    organisation: project.organisation,
    productGroup: project.productGroup,
    ...(project.description ? { description: project.description } : {}),
    requester: project.requester,
    createdAt,
    team: project.approvers,
    approvals: project.approvals ?? approvalSettings.parse({}),
    step: 'circular-need',
    gate: 'circular-need',
    status: 'awaiting-submission',
    submissions: {},
    rounds: [],
    outbox: [],
    nextOutboxId: 1,
    reviews: [],
    earlierLessons: [],
    audit: [
      {
        at: createdAt,
        kind: 'project-created',
        step: 'circular-need',
        actor: project.requester.email,
        channel: 'api',
      },
    ],
    previousRuns: 0,
  };
}

class ProcurementProject {
  /** Bumped by every state change; the main loop wakes on it. */
  private revision = 0;
  private lastSearchAttributes = '';

  constructor(readonly state: ProjectState) {}

  // -------------------------------------------------------------------------------------------
  // Bookkeeping

  private audit(entry: Omit<AuditEntry, 'at' | 'step'> & { at?: string }): void {
    this.state.audit.push({ at: nowIso(), step: this.state.step, ...entry });
  }

  private enqueueMail(notification: Notification): void {
    this.state.outbox.push({ id: this.state.nextOutboxId++, kind: 'mail', notification });
  }

  private changed(): void {
    this.revision++;
    this.refreshVisibility();
  }

  private get projectRef(): Notification['project'] {
    const { projectId, title, organisation, productGroup } = this.state;
    return { projectId, title, organisation, productGroup };
  }

  /** A known person for an email address (team, requester, contract manager), else a bare one. */
  private person(email: string): Person {
    const s = this.state;
    const known =
      s.team.find((m) => m.email === email) ??
      (s.requester.email === email ? s.requester : undefined) ??
      (s.contract?.manager.email === email ? s.contract.manager : undefined) ??
      s.rounds
        .flatMap((r) => r.slots.flatMap((slot) => [slot.approver, slot.holder]))
        .find((p) => p.email === email);
    if (!known) return { name: email, email };
    const { name, locale, timeZone } = known;
    return { name, email, ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
  }

  private purchasing(): Person[] {
    const buyers = this.state.team
      .filter((m) => m.roles.includes('purchasing-team'))
      .map((m) => this.person(m.email));
    return buyers.length > 0 ? buyers : [this.state.requester];
  }

  refreshVisibility(): void {
    const s = this.state;
    const attributes = {
      step: s.step,
      status: s.status,
      productGroup: s.productGroup,
      organisation: s.organisation,
      pending: pendingEmails(openRound(s)),
      contractEnd: s.contract?.end,
    };
    const key = JSON.stringify(attributes);
    if (key !== this.lastSearchAttributes) {
      this.lastSearchAttributes = key;
      upsertSearchAttributes([
        { key: ProcurementStep, value: attributes.step },
        { key: ProcurementStatus, value: attributes.status },
        { key: ProductGroup, value: attributes.productGroup },
        { key: Organisation, value: attributes.organisation },
        { key: PendingApprovers, value: attributes.pending },
        ...(attributes.contractEnd
          ? [{ key: ContractEndDate, value: new Date(`${attributes.contractEnd}T00:00:00.000Z`) }]
          : []),
      ]);
    }
    setCurrentDetails(projectDetails(s, now()));
  }

  view(): ProjectView {
    const { audit: _audit, outbox: _outbox, ...rest } = this.state;
    const current = openRound(this.state);
    return {
      ...rest,
      workflowId: workflowIdFor(this.state.projectId),
      pendingApprovers: pendingEmails(current),
      ...(current ? { currentRound: current } : {}),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Steps

  private enterStep(step: StepId, reason?: string): void {
    const s = this.state;
    s.step = step;
    const gate = gatesOfStep(step)[0];
    if (gate) {
      s.gate = gate;
      s.status = 'awaiting-submission';
    } else {
      delete s.gate;
      s.status = 'in-contract';
    }
    this.audit({
      kind: 'step-entered',
      actor: 'system',
      channel: 'system',
      ...(reason ? { comment: reason } : {}),
    });
  }

  /** What approval of a gate does to the project: the process's transitions, all in one place. */
  private completeGate(gate: GateId): void {
    const s = this.state;
    switch (gate) {
      case 'circular-need': {
        const need = s.submissions['circular-need']?.data;
        if (need?.decision.outcome === 'no-purchase') {
          this.enterStep(
            'evaluate',
            `no purchase: ${need.decision.alternative} instead — a purchase avoided`,
          );
        } else {
          this.enterStep('circular-ambitions');
        }
        return;
      }
      case 'circular-ambitions': {
        const ambitions = s.submissions['circular-ambitions']?.data;
        if (ambitions) s.team = mergeTeam(s.team, ambitions.internalActors);
        this.enterStep('market-dialogue');
        return;
      }
      case 'market-dialogue':
        this.enterStep('specify-and-award');
        return;
      case 'tender-documents':
        s.gate = 'award';
        s.status = 'awaiting-submission';
        return;
      case 'award': {
        const award = s.submissions.award?.data;
        if (award) this.startContract(award);
        this.enterStep('use-and-execution');
        return;
      }
      case 'end-of-use':
        this.enterStep('evaluate');
        return;
      case 'evaluate': {
        const evaluation = s.submissions.evaluate?.data;
        const avoided = s.submissions['circular-need']?.data.decision.outcome === 'no-purchase';
        s.outcome = avoided ? 'purchase-avoided' : 'completed';
        s.status = s.outcome;
        delete s.gate;
        this.audit({ kind: 'completed', actor: 'system', channel: 'system', comment: s.outcome });
        if (evaluation) {
          const lesson: Lesson = {
            projectId: s.projectId,
            title: s.title,
            organisation: s.organisation,
            completedAt: nowIso(),
            outcome: s.outcome,
            lessons: evaluation.lessons,
            ...(evaluation.nextTime ? { nextTime: evaluation.nextTime } : {}),
            ...(evaluation.nextAmbitionLevel ? { nextAmbitionLevel: evaluation.nextAmbitionLevel } : {}),
            targetMet: evaluation.targetMet,
          };
          s.outbox.push({
            id: s.nextOutboxId++,
            kind: 'publish-lessons',
            productGroup: s.productGroup,
            lesson,
          });
        }
        this.enqueueMail({
          kind: 'project-closed',
          project: this.projectRef,
          recipient: s.requester,
          sequence: 0,
          step: s.step,
          outcome: s.outcome,
        });
        return;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Submissions and rounds

  private targetRound(gate: GateId | undefined, number: number | undefined): ApprovalRound {
    const s = this.state;
    const g = gate ?? openRound(s)?.gate ?? s.gate;
    if (!g) throw conflict('no approval round is open for this project');
    const round =
      number === undefined ? latestRound(s, g) : s.rounds.find((r) => r.gate === g && r.number === number);
    if (!round) {
      throw conflict(
        number === undefined ? `no approval round exists for ${g}` : `round ${number} of ${g} does not exist`,
      );
    }
    return round;
  }

  validateSubmission(args: { gate: GateId; deliverable: unknown; submittedBy: string }): void {
    const s = this.state;
    if (isTerminal(s.status)) throw conflict(`the project is ${s.status}`);
    if (!emailSchema.safeParse(args.submittedBy).success)
      throw invalid('submittedBy: must be an email address');
    if (!s.gate) throw conflict(`step ${s.step} takes no deliverable submission now`);
    if (args.gate !== s.gate) {
      throw conflict(`the project expects the "${s.gate}" deliverable now, not "${args.gate}"`);
    }
    const data = parseOrReject(deliverableSchemas[args.gate], args.deliverable);
    this.approversFor(args.gate, data);
    if (args.gate === 'award') {
      const award = data as DeliverableByGate['award'];
      if (award.contractEnd <= today()) throw invalid('contractEnd: the contract must end in the future');
    }
  }

  private approversFor(gate: GateId, data: unknown): GateApprovers {
    const skipped =
      gate === 'market-dialogue' && (data as DeliverableByGate['market-dialogue']).mode === 'skipped';
    const resolved = resolveGateApprovers(
      gate,
      this.state.team,
      this.state.approvals,
      skipped ? ['management'] : [],
    );
    if ('problem' in resolved) throw conflict(resolved.problem);
    return resolved;
  }

  submit(args: SubmitDeliverableArgs) {
    const s = this.state;
    const gate = args.gate;
    const data = deliverableSchemas[gate].parse(args.deliverable);
    const { approvers, policy, deadline } = this.approversFor(gate, data);
    const at = nowIso();
    const previous = latestRound(s, gate);
    const number = (previous?.number ?? 0) + 1;
    let supersededRound: number | undefined;
    if (previous?.status === 'open') {
      this.closeRound(previous, 'superseded', at, number);
      supersededRound = previous.number;
    }
    const version = (s.submissions[gate]?.version ?? 0) + 1;
    const submission: Submission = { gate, data, submittedAt: at, submittedBy: args.submittedBy, version };
    (s.submissions as Record<GateId, Submission>)[gate] = submission;
    const round: ApprovalRound = {
      gate,
      number,
      policy,
      slots: approvers.map((approver) => ({ approver, holder: approver, delegations: [] })),
      openedAt: at,
      submittedBy: args.submittedBy,
      digest: submissionDigest(gate, data),
      ...(deadline
        ? {
            deadline: {
              ...deadline,
              at: new Date(now().getTime() + deadline.afterHours * 3_600_000).toISOString(),
              handled: false,
            },
          }
        : {}),
      reminders: {
        everyHours: s.approvals.reminders.everyHours,
        escalateAfter: s.approvals.reminders.escalateAfter,
        sent: 0,
      },
      status: 'open',
    };
    s.rounds.push(round);
    s.status = 'awaiting-approval';
    this.audit({
      kind: 'submitted',
      gate,
      round: number,
      actor: args.submittedBy,
      channel: args.channel,
      details: { version },
    });
    this.audit({
      kind: 'round-opened',
      gate,
      round: number,
      actor: 'system',
      channel: 'system',
      details: {
        approvers: approvers.map((a) => a.email),
        rule: policy.rule,
        sequential: policy.sequential,
        ...(policy.quorum ? { quorum: policy.quorum } : {}),
      },
    });
    this.askPending(round);
    this.changed();
    return {
      gate,
      round: number,
      version,
      approvers: approvers.map((a) => a.email),
      ...(supersededRound ? { supersededRound } : {}),
    };
  }

  /** Sends the request to everyone the round now waits for who has not had it yet. */
  private askPending(round: ApprovalRound): void {
    const at = nowIso();
    for (const slot of pendingSlots(round)) {
      if (slot.requestedAt) continue;
      slot.requestedAt = at;
      const delegatedBy = slot.delegations.at(-1)?.from;
      this.audit({
        kind: 'approval-requested',
        gate: round.gate,
        round: round.number,
        actor: 'system',
        channel: 'system',
        details: { to: slot.holder.email },
      });
      this.enqueueMail(
        this.approvalMail(
          round,
          slot,
          'approval-request',
          slot.delegations.length,
          delegatedBy ? { delegatedBy } : {},
        ),
      );
    }
  }

  /** A request or reminder: what the approver needs to decide (a digest, who else, the deadline), no secrets. */
  private approvalMail(
    round: ApprovalRound,
    slot: ApprovalSlot,
    kind: 'approval-request' | 'approval-reminder',
    sequence: number,
    extra: { resend?: number; delegatedBy?: Person } = {},
  ): Notification {
    return {
      kind,
      project: this.projectRef,
      recipient: slot.holder,
      sequence,
      requestSequence: slot.delegations.length,
      gate: round.gate,
      round: round.number,
      policy: round.policy,
      approvers: round.slots.map((other) => other.holder),
      submittedBy: round.submittedBy,
      digest: round.digest,
      ...(round.deadline ? { deadlineAt: round.deadline.at } : {}),
      ...extra,
    };
  }

  private closeRound(
    round: ApprovalRound,
    status: ApprovalRound['status'],
    at: string,
    supersededBy?: number,
  ): void {
    const s = this.state;
    const waiting = pendingSlots(round).filter((slot) => slot.requestedAt);
    round.status = status;
    round.closedAt = at;
    if (supersededBy !== undefined) round.supersededBy = supersededBy;
    this.audit({
      kind: status === 'superseded' ? 'round-superseded' : 'round-closed',
      gate: round.gate,
      round: round.number,
      actor: 'system',
      channel: 'system',
      comment: status,
    });
    if (status === 'superseded') {
      for (const slot of waiting) {
        this.enqueueMail({
          kind: 'round-replaced',
          project: this.projectRef,
          recipient: slot.holder,
          sequence: 0,
          gate: round.gate,
          round: round.number,
          replacedBy: supersededBy ?? round.number + 1,
        });
      }
      return;
    }
    if (status === 'open') return;
    const comments = round.slots.flatMap((slot) =>
      slot.decision?.comment
        ? [{ by: slot.holder.name, decision: slot.decision.kind, comment: slot.decision.comment }]
        : [],
    );
    const recipients = new Map<string, Person>();
    recipients.set(round.submittedBy, this.person(round.submittedBy));
    if (status === 'cancelled') {
      recipients.clear();
      for (const slot of waiting) recipients.set(slot.holder.email, slot.holder);
    }
    for (const recipient of recipients.values()) {
      this.enqueueMail({
        kind: 'round-outcome',
        project: this.projectRef,
        recipient,
        sequence: 0,
        gate: round.gate,
        round: round.number,
        outcome: status,
        comments,
      });
    }
    if (status === 'approved') {
      this.completeGate(round.gate);
    } else if (status !== 'cancelled') {
      s.status = 'changes-requested';
    }
  }

  validateDecision(args: DecideArgs): ApprovalRound {
    parseOrReject(decisionInput, args);
    if (!emailSchema.safeParse(args.approver).success) throw invalid('approver: must be an email address');
    if (isTerminal(this.state.status)) throw conflict(`the project is ${this.state.status}`);
    const round = this.targetRound(args.gate, args.round);
    const problem = decisionProblem(round, args.approver.toLowerCase());
    if (problem) {
      const involved = round.slots.some(
        (slot) =>
          slot.holder.email === args.approver.toLowerCase() ||
          slot.approver.email === args.approver.toLowerCase() ||
          slot.delegations.some((d) => d.to.email === args.approver.toLowerCase()),
      );
      throw involved ? conflict(problem) : forbidden(problem);
    }
    return round;
  }

  decide(args: DecideArgs) {
    const round = this.validateDecision(args);
    const at = nowIso();
    const approver = args.approver.toLowerCase();
    const outcome = applyDecision(round, {
      kind: args.decision,
      at,
      by: approver,
      channel: args.channel,
      ...(args.comment ? { comment: args.comment } : {}),
    });
    this.audit({
      kind: 'decided',
      gate: round.gate,
      round: round.number,
      actor: approver,
      channel: args.channel,
      ...(args.comment ? { comment: args.comment } : {}),
      details: { decision: args.decision },
    });
    if (outcome === 'open') this.askPending(round);
    else this.closeRound(round, outcome, at);
    this.changed();
    return {
      gate: round.gate,
      round: round.number,
      decision: args.decision,
      decidedAt: at,
      roundStatus: round.status,
      projectStatus: this.state.status,
    };
  }

  validateDelegation(args: DelegateArgs): ApprovalRound {
    const parsed = parseOrReject(delegationInput, {
      gate: args.gate,
      round: args.round,
      to: args.to,
      comment: args.comment,
    });
    if (!emailSchema.safeParse(args.from).success) throw invalid('from: must be an email address');
    if (isTerminal(this.state.status)) throw conflict(`the project is ${this.state.status}`);
    const round = this.targetRound(args.gate, args.round);
    const problem = delegationProblem(round, args.from.toLowerCase(), parsed.to);
    if (problem) throw slotHeldBy(round, args.from.toLowerCase()) ? conflict(problem) : forbidden(problem);
    return round;
  }

  delegate(args: DelegateArgs) {
    const round = this.validateDelegation(args);
    const to = delegationInput.parse({ to: args.to }).to;
    const from = slotHeldBy(round, args.from.toLowerCase())?.holder ?? this.person(args.from.toLowerCase());
    const at = nowIso();
    applyDelegation(round, {
      from,
      to,
      at,
      channel: args.channel,
      ...(args.comment ? { comment: args.comment } : {}),
    });
    this.audit({
      kind: 'delegated',
      gate: round.gate,
      round: round.number,
      actor: from.email,
      channel: args.channel,
      ...(args.comment ? { comment: args.comment } : {}),
      details: { to: to.email },
    });
    this.askPending(round);
    this.changed();
    return { gate: round.gate, round: round.number, delegatedTo: to.email, delegatedAt: at };
  }

  // -------------------------------------------------------------------------------------------
  // Timers of an open round: reminders, escalation, deadline

  private roundTimer(round: ApprovalRound): Timer | undefined {
    const timers: Timer[] = [];
    const lastAt = round.reminders.lastAt ?? round.openedAt;
    if (round.reminders.sent < MAX_REMINDERS_PER_ROUND) {
      // Each holder gets a full interval from when they were asked; runs started earlier keep the
      // round-wide clock that reminded a later turn or a delegate hours after their request.
      const at = patched(REMINDERS_PER_HOLDER)
        ? Math.min(...pendingSlots(round).flatMap((slot) => reminderDueAt(round, slot) ?? []))
        : Date.parse(lastAt) + round.reminders.everyHours * 3_600_000;
      if (Number.isFinite(at)) {
        timers.push({
          at,
          summary: `reminder ${round.reminders.sent + 1} · ${round.gate} round ${round.number}`,
          fire: () => this.remind(round),
        });
      }
    }
    if (round.deadline && !round.deadline.handled) {
      timers.push({
        at: Date.parse(round.deadline.at),
        summary: `deadline (${round.deadline.outcome}) · ${round.gate} round ${round.number}`,
        fire: () => this.deadlinePassed(round),
      });
    }
    return earliest(timers);
  }

  private remind(round: ApprovalRound): void {
    const perHolder = patched(REMINDERS_PER_HOLDER);
    const pending = pendingSlots(round).filter(
      (slot) => !perHolder || (reminderDueAt(round, slot) ?? Infinity) <= now().getTime(),
    );
    round.reminders.sent++;
    round.reminders.lastAt = nowIso();
    for (const slot of pending) {
      slot.remindersSent = (slot.remindersSent ?? 0) + 1;
      slot.lastRemindedAt = round.reminders.lastAt;
      this.enqueueMail(this.approvalMail(round, slot, 'approval-reminder', round.reminders.sent));
    }
    this.audit({
      kind: 'reminder-sent',
      gate: round.gate,
      round: round.number,
      actor: 'system',
      channel: 'timer',
      details: { to: pending.map((slot) => slot.holder.email), reminder: round.reminders.sent },
    });
    // Escalate once someone still pending has had the configured number of reminders.
    const most = perHolder
      ? Math.max(0, ...pending.map((slot) => slot.remindersSent ?? 0))
      : round.reminders.sent;
    if (most >= round.reminders.escalateAfter && !round.escalatedAt) this.escalate(round, 'reminders', most);
  }

  private escalate(
    round: ApprovalRound,
    reason: 'reminders' | 'deadline',
    reminders = round.reminders.sent,
  ): void {
    round.escalatedAt = nowIso();
    const contact = this.state.approvals.escalationContact ?? this.state.requester;
    const pending = pendingSlots(round).map((slot) => slot.holder);
    this.enqueueMail({
      kind: 'approval-escalation',
      project: this.projectRef,
      recipient: contact,
      sequence: reason === 'deadline' ? 1 : 0,
      gate: round.gate,
      round: round.number,
      pending,
      reason,
      remindersSent: reminders,
    });
    this.audit({
      kind: 'escalated',
      gate: round.gate,
      round: round.number,
      actor: 'system',
      channel: 'timer',
      comment: reason === 'deadline' ? 'deadline passed' : `${reminders} reminders without a decision`,
      details: { to: contact.email, pending: pending.map((p) => p.email) },
    });
  }

  private deadlinePassed(round: ApprovalRound): void {
    if (!round.deadline) return;
    round.deadline.handled = true;
    this.audit({
      kind: 'deadline-passed',
      gate: round.gate,
      round: round.number,
      actor: 'system',
      channel: 'timer',
      comment: round.deadline.outcome,
    });
    if (round.deadline.outcome === 'reject') {
      this.closeRound(round, 'timed-out', nowIso());
    } else {
      this.escalate(round, 'deadline');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step 3: RFI closing date

  validateRfi(args: ScheduleRfiArgs): RfiSchedule {
    if (this.state.gate !== 'market-dialogue')
      throw conflict('an RFI can be scheduled during the market dialogue only');
    if (this.state.submissions['market-dialogue'])
      throw conflict('the market dialogue findings were already submitted');
    const rfi = parseOrReject(rfiSchedule, { closesOn: args.closesOn, description: args.description });
    if (rfi.closesOn < today()) throw invalid('closesOn: the closing date is in the past');
    return rfi;
  }

  scheduleRfi(args: ScheduleRfiArgs) {
    const rfi = this.validateRfi(args);
    this.state.rfi = {
      closesOn: rfi.closesOn,
      description: rfi.description,
      scheduledBy: args.by.toLowerCase(),
      remindersSent: 0,
    };
    this.audit({
      kind: 'rfi-scheduled',
      actor: args.by,
      channel: 'api',
      details: { closesOn: rfi.closesOn },
    });
    this.changed();
    return { closesOn: rfi.closesOn };
  }

  private rfiTimer(): Timer | undefined {
    const s = this.state;
    const rfi = s.rfi;
    if (!rfi || s.gate !== 'market-dialogue' || s.submissions['market-dialogue'] || rfi.remindersSent >= 2)
      return undefined;
    return {
      at: dueInstant(addDays(rfi.closesOn, 7 * rfi.remindersSent)),
      summary: `RFI closed ${rfi.closesOn}: remind to record findings`,
      fire: () => {
        rfi.remindersSent++;
        this.enqueueMail({
          kind: 'rfi-reminder',
          project: this.projectRef,
          recipient: this.person(rfi.scheduledBy),
          sequence: rfi.remindersSent,
          closesOn: rfi.closesOn,
          description: rfi.description,
        });
        this.audit({
          kind: 'rfi-reminder-sent',
          actor: 'system',
          channel: 'timer',
          details: { to: rfi.scheduledBy },
        });
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Step 5: the contract

  private startContract(award: DeliverableByGate['award']): void {
    const awardedOn = today();
    const contract: ContractState = {
      supplier: award.supplier.name,
      start: award.contractStart,
      end: award.contractEnd,
      originalEnd: award.contractEnd,
      cadence: award.followUpCadence,
      awardedOn,
      anchor: award.contractStart,
      manager: award.contractManager,
      expectedLifetimeYears: award.expectedLifetimeYears,
      moments: [],
      amendments: [],
    };
    contract.moments = reconcileMoments(
      [],
      planMoments(contract, [], awardedOn),
      awardedOn,
      nowIso(),
    ).moments;
    this.state.contract = contract;
    const manager = award.contractManager;
    if (!this.state.team.some((m) => m.email === manager.email && m.roles.includes('contract-manager'))) {
      this.state.team = mergeTeam(this.state.team, [{ ...manager, roles: ['contract-manager'] }]);
    }
  }

  private calendarMail(moment: FollowUpMoment, recipient: Person, method: 'REQUEST' | 'CANCEL'): void {
    const contract = this.state.contract;
    if (!contract) return;
    this.enqueueMail({
      kind: 'calendar-update',
      project: this.projectRef,
      recipient,
      sequence: moment.sequence,
      moment: { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence },
      method,
      supplier: contract.supplier,
    });
  }

  private contractTimer(): Timer | undefined {
    const s = this.state;
    const contract = s.contract;
    if (s.step !== 'use-and-execution' || !contract || isTerminal(s.status)) return undefined;
    const timers: Timer[] = [];
    for (const moment of contract.moments) {
      const next = nextMomentAction(moment, contract.cadence);
      if (!next) continue;
      timers.push({
        at: next.at,
        summary: `${next.action} ${moment.kind} of ${moment.dueOn}`,
        fire: () => this.momentAction(moment, next.action),
      });
    }
    if (!contract.endOfUseReminderSentAt) {
      timers.push({
        at: endOfUseReminderInstant(contract.end, contract.cadence.endOfUseLeadMonths),
        summary: `end-of-use reminder (contract ends ${contract.end})`,
        fire: () => {
          contract.endOfUseReminderSentAt = nowIso();
          const recipients = new Map<string, Person>([[contract.manager.email, contract.manager]]);
          for (const buyer of this.purchasing()) recipients.set(buyer.email, buyer);
          for (const recipient of recipients.values()) {
            this.enqueueMail({
              kind: 'end-of-use-reminder',
              project: this.projectRef,
              recipient,
              sequence: contract.amendments.length,
              contractEnd: contract.end,
              supplier: contract.supplier,
            });
          }
          this.audit({
            kind: 'end-of-use-reminder-sent',
            actor: 'system',
            channel: 'timer',
            details: { to: [...recipients.keys()], contractEnd: contract.end },
          });
        },
      });
    }
    timers.push({
      at: dueInstant(contract.end),
      summary: `contract ends ${contract.end}: move to end of use`,
      fire: () => this.enterEndOfUse('contract end reached', 'system', 'timer'),
    });
    return earliest(timers);
  }

  private momentAction(moment: FollowUpMoment, action: 'announce' | 'remind' | 'escalate'): void {
    const contract = this.state.contract;
    if (!contract) return;
    const at = nowIso();
    const ref = { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence };
    if (action === 'announce') {
      moment.announcedAt = at;
      moment.announcedTo = contract.manager.email;
      this.enqueueMail({
        kind: 'review-request',
        project: this.projectRef,
        recipient: contract.manager,
        sequence: moment.sequence,
        moment: ref,
        supplier: contract.supplier,
      });
      this.audit({
        kind: 'review-requested',
        actor: 'system',
        channel: 'timer',
        details: { moment: moment.id, dueOn: moment.dueOn, to: contract.manager.email },
      });
    } else if (action === 'remind') {
      moment.remindedAt = at;
      this.enqueueMail({
        kind: 'review-reminder',
        project: this.projectRef,
        recipient: contract.manager,
        sequence: moment.sequence,
        moment: ref,
        supplier: contract.supplier,
      });
      this.audit({
        kind: 'review-reminder-sent',
        actor: 'system',
        channel: 'timer',
        details: { moment: moment.id, to: contract.manager.email },
      });
    } else {
      moment.escalatedAt = at;
      const buyers = this.purchasing();
      for (const buyer of buyers) {
        this.enqueueMail({
          kind: 'review-escalation',
          project: this.projectRef,
          recipient: buyer,
          sequence: moment.sequence,
          moment: ref,
          contractManager: contract.manager,
        });
      }
      this.audit({
        kind: 'review-escalated',
        actor: 'system',
        channel: 'timer',
        details: { moment: moment.id, to: buyers.map((b) => b.email) },
      });
    }
  }

  validateReview(args: RecordReviewArgs): FollowUpMoment {
    const contract = this.state.contract;
    if (this.state.step !== 'use-and-execution' || !contract) {
      throw conflict('reviews are recorded during use and execution (step 5)');
    }
    const review = parseOrReject(contractReview, args.review);
    const moment = contract.moments.find((m) => m.id === review.momentId);
    if (!moment) throw invalid(`momentId: no follow-up moment "${review.momentId}"`);
    if (moment.cancelledAt) throw conflict(`the ${moment.kind} of ${moment.dueOn} was cancelled`);
    if (moment.reviewedAt)
      throw conflict(`the ${moment.kind} of ${moment.dueOn} was already reviewed on ${moment.reviewedAt}`);
    if (!moment.announcedAt) throw conflict(`the ${moment.kind} of ${moment.dueOn} is not due yet`);
    return moment;
  }

  recordReview(args: RecordReviewArgs) {
    const moment = this.validateReview(args);
    const review = contractReview.parse(args.review);
    const at = nowIso();
    moment.reviewedAt = at;
    this.state.reviews.push({
      ...review,
      recordedAt: at,
      recordedBy: args.by.toLowerCase(),
      channel: args.channel,
    });
    this.audit({
      kind: 'review-recorded',
      actor: args.by,
      channel: args.channel,
      details: { moment: moment.id },
    });
    this.changed();
    return { momentId: moment.id, recordedAt: at };
  }

  validateAmendment(args: unknown): void {
    const s = this.state;
    const contract = s.contract;
    if (s.step !== 'use-and-execution' || !contract)
      throw conflict('the contract can be amended during use and execution (step 5)');
    const amendment = parseOrReject(contractAmendment, args);
    if (amendment.contractEnd !== undefined) {
      if (amendment.contractEnd <= today())
        throw invalid(`contractEnd: ${amendment.contractEnd} is not in the future`);
      if (amendment.contractEnd <= contract.start)
        throw invalid(`contractEnd: must be after the contract start ${contract.start}`);
      if (amendment.contractEnd === contract.end)
        throw invalid(`contractEnd: the contract already ends on ${contract.end}`);
    }
    if (amendment.contractManager && amendment.contractManager.email === contract.manager.email) {
      throw invalid(`contractManager: ${contract.manager.email} already manages this contract`);
    }
  }

  amend(args: AmendContractArgs) {
    this.validateAmendment(args);
    const contract = this.state.contract as ContractState;
    const amendment = contractAmendment.parse(args);
    const at = nowIso();
    const day = today();
    const changes: string[] = [];
    const previousManager = contract.manager;
    if (amendment.contractEnd) {
      changes.push(
        `${amendment.contractEnd > contract.end ? 'extended' : 'ended early'}: ${contract.end} → ${amendment.contractEnd}`,
      );
      if (amendment.contractEnd < contract.end) {
        contract.endedEarly = { at, by: args.by, reason: amendment.reason };
      }
      // The end-of-use reminder belongs to the end date: a new end date gets a new reminder.
      if (contract.endOfUseReminderSentAt && amendment.contractEnd > contract.end)
        delete contract.endOfUseReminderSentAt;
      contract.end = amendment.contractEnd;
    }
    if (amendment.cadence) {
      const before = contract.cadence;
      contract.cadence = { ...contract.cadence, ...amendment.cadence };
      if (
        before.reviewEveryMonths !== contract.cadence.reviewEveryMonths ||
        before.strategicReviewEveryMonths !== contract.cadence.strategicReviewEveryMonths
      ) {
        contract.anchor = day;
      }
      changes.push(`cadence: ${JSON.stringify(amendment.cadence)}`);
    }
    const reconciled = reconcileMoments(
      contract.moments,
      planMoments(contract, contract.moments, day),
      day,
      at,
    );
    contract.moments = reconciled.moments;
    for (const moment of reconciled.moved) this.calendarMail(moment, contract.manager, 'REQUEST');
    for (const moment of reconciled.dropped)
      this.calendarMail(moment, this.person(moment.announcedTo ?? contract.manager.email), 'CANCEL');
    if (amendment.contractManager) {
      contract.manager = amendment.contractManager;
      changes.push(`contract manager: ${previousManager.email} → ${amendment.contractManager.email}`);
      this.state.team = mergeTeam(this.state.team, [
        { ...amendment.contractManager, roles: ['contract-manager'] },
      ]);
      for (const moment of contract.moments) {
        if (!moment.announcedAt || moment.reviewedAt || moment.cancelledAt) continue;
        moment.sequence++;
        this.calendarMail(moment, previousManager, 'CANCEL');
        moment.announcedTo = amendment.contractManager.email;
        this.calendarMail(moment, amendment.contractManager, 'REQUEST');
      }
    }
    contract.amendments.push({ at, by: args.by, reason: amendment.reason, changes });
    this.audit({
      kind: 'contract-amended',
      actor: args.by,
      channel: 'api',
      comment: amendment.reason,
      details: { changes },
    });
    this.changed();
    return contract;
  }

  validateStartEndOfUse(args: unknown): void {
    if (this.state.step !== 'use-and-execution')
      throw conflict('end of use starts from use and execution (step 5)');
    parseOrReject(startEndOfUse, args);
  }

  private enterEndOfUse(reason: string, by: string, channel: AuditEntry['channel']): void {
    const contract = this.state.contract;
    if (contract) {
      for (const moment of contract.moments) {
        if (moment.reviewedAt || moment.cancelledAt) continue;
        moment.cancelledAt = nowIso();
        if (moment.announcedAt && moment.dueOn >= today()) {
          moment.sequence++;
          this.calendarMail(moment, this.person(moment.announcedTo ?? contract.manager.email), 'CANCEL');
        }
      }
    }
    this.audit({ kind: 'end-of-use-triggered', actor: by, channel, comment: reason });
    this.enterStep('end-of-use', reason);
    this.changed();
  }

  startEndOfUse(args: StartEndOfUseArgs) {
    this.validateStartEndOfUse(args);
    this.enterEndOfUse(args.reason, args.by, 'api');
    return { step: 'end-of-use' as const };
  }

  // -------------------------------------------------------------------------------------------
  // Settings and cancellation

  validateSettingsChange(args: ChangeApprovalSettingsArgs): ApprovalSettingsChange {
    if (isTerminal(this.state.status)) throw conflict(`the project is ${this.state.status}`);
    return parseOrReject(approvalSettingsChange, args.change);
  }

  changeApprovalSettings(args: ChangeApprovalSettingsArgs) {
    const change = this.validateSettingsChange(args);
    const settings = this.state.approvals;
    if (change.policy) settings.policy = change.policy;
    if (change.reminders) settings.reminders = change.reminders;
    if (change.escalationContact === null) delete settings.escalationContact;
    else if (change.escalationContact) settings.escalationContact = change.escalationContact;
    if (change.deadline === null) delete settings.deadline;
    else if (change.deadline) settings.deadline = change.deadline;
    for (const [gate, override] of Object.entries(change.gates ?? {})) {
      if (override === null) delete settings.gates[gate as GateId];
      else if (override) settings.gates[gate as GateId] = override;
    }
    this.audit({
      kind: 'settings-changed',
      actor: args.by,
      channel: 'api',
      comment: 'applies to rounds opened from now on',
    });
    this.changed();
    return settings;
  }

  validateResendLink(args: ResendLinkArgs): void {
    if (isTerminal(this.state.status)) throw conflict(`the project is ${this.state.status}`);
    if (args.kind === 'decision') {
      const round = this.targetRound(args.gate, args.round);
      const problem = decisionProblem(round, args.approver);
      if (problem) throw conflict(problem);
      return;
    }
    const contract = this.state.contract;
    const moment = contract?.moments.find((m) => m.id === args.momentId);
    if (!contract || !moment || this.state.step !== 'use-and-execution')
      throw conflict('this follow-up moment is no longer open');
    if (moment.reviewedAt) throw conflict(`the review was already recorded on ${moment.reviewedAt}`);
    if (moment.cancelledAt) throw conflict('this follow-up moment was cancelled');
    if (contract.manager.email !== args.recipient)
      throw conflict(`${contract.manager.email} manages this contract now`);
  }

  /** Sends the same request again with a new link (the old one expired). */
  resendLink(args: ResendLinkArgs) {
    this.validateResendLink(args);
    if (args.kind === 'decision') {
      const round = this.targetRound(args.gate, args.round);
      const slot = slotHeldBy(round, args.approver);
      if (!slot) throw conflict(`${args.approver} does not decide in this round`);
      slot.linksResent = (slot.linksResent ?? 0) + 1;
      this.enqueueMail(
        this.approvalMail(round, slot, 'approval-request', slot.delegations.length, {
          resend: slot.linksResent,
        }),
      );
      this.audit({
        kind: 'approval-requested',
        gate: round.gate,
        round: round.number,
        actor: args.approver,
        channel: 'email',
        comment: 'fresh link after expiry',
        details: { to: args.approver },
      });
      this.changed();
      return { sentTo: slot.holder.email };
    }
    const contract = this.state.contract as ContractState;
    const moment = contract.moments.find((m) => m.id === args.momentId) as FollowUpMoment;
    moment.linksResent = (moment.linksResent ?? 0) + 1;
    this.enqueueMail({
      kind: 'review-reminder',
      project: this.projectRef,
      recipient: contract.manager,
      sequence: moment.sequence,
      resend: moment.linksResent,
      moment: { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence },
      supplier: contract.supplier,
    });
    this.audit({
      kind: 'review-requested',
      actor: args.recipient,
      channel: 'email',
      comment: 'fresh link after expiry',
      details: { moment: moment.id },
    });
    this.changed();
    return { sentTo: contract.manager.email };
  }

  noteIgnoredSignal(args: DecideArgs, error: unknown): void {
    this.audit({
      kind: 'signal-ignored',
      actor: typeof args.approver === 'string' ? args.approver : 'unknown',
      channel: 'signal',
      comment: error instanceof Error ? error.message : String(error),
      details: { decision: String(args.decision) },
    });
    this.changed();
  }

  cancel(args: CancelArgs): void {
    const s = this.state;
    // Same rule as the API: a cancellation sent past it (CLI, Temporal UI) still needs a reason.
    const reason = cancelInput.safeParse({ reason: args.reason });
    if (isTerminal(s.status) || !reason.success) {
      const problem =
        isTerminal(s.status) || reason.success ? `the project is ${s.status}` : describeIssues(reason.error);
      this.audit({
        kind: 'signal-ignored',
        actor: typeof args.by === 'string' ? args.by : 'unknown',
        channel: 'signal',
        comment: `cancel ignored: ${problem}`,
      });
      return;
    }
    const at = nowIso();
    const round = openRound(s);
    if (round) this.closeRound(round, 'cancelled', at);
    if (s.contract) {
      for (const moment of s.contract.moments) {
        if (moment.reviewedAt || moment.cancelledAt) continue;
        moment.cancelledAt = at;
        if (moment.announcedAt) {
          moment.sequence++;
          this.calendarMail(moment, this.person(moment.announcedTo ?? s.contract.manager.email), 'CANCEL');
        }
      }
    }
    s.cancellation = { reason: reason.data.reason, by: args.by, at };
    s.outcome = 'cancelled';
    s.status = 'cancelled';
    delete s.gate;
    this.audit({ kind: 'cancelled', actor: args.by, channel: 'signal', comment: reason.data.reason });
    this.enqueueMail({
      kind: 'project-closed',
      project: this.projectRef,
      recipient: s.requester,
      sequence: 0,
      step: s.step,
      outcome: 'cancelled',
      reason: reason.data.reason,
    });
    this.changed();
  }

  // -------------------------------------------------------------------------------------------
  // The main loop

  private nextTimer(): Timer | undefined {
    const round = openRound(this.state);
    return earliest([round ? this.roundTimer(round) : undefined, this.rfiTimer(), this.contractTimer()]);
  }

  private async drainOutbox(): Promise<void> {
    const batch = [...this.state.outbox];
    await Promise.all(
      batch.map(async (item) => {
        try {
          if (item.kind === 'mail') {
            await mail.sendNotification.executeWithOptions(
              {
                ...MAIL_OPTIONS,
                summary: `${item.notification.kind} → ${item.notification.recipient.email}`,
              },
              [item.notification],
            );
          } else {
            await publishing.publishLessons(item.productGroup, item.lesson);
            this.audit({
              kind: 'lessons-published',
              actor: 'system',
              channel: 'system',
              details: { productGroup: item.productGroup },
            });
          }
        } catch (error) {
          if (!(error instanceof ActivityFailure)) throw error;
          // Only a permanent refusal gets here (everything else retries): note it and go on.
          this.audit({
            kind: 'notification-failed',
            actor: 'system',
            channel: 'system',
            comment: error.cause?.message ?? error.message,
            details: {
              item:
                item.kind === 'mail'
                  ? `${item.notification.kind} → ${item.notification.recipient.email}`
                  : item.kind,
            },
          });
        }
        this.state.outbox = this.state.outbox.filter((queued) => queued.id !== item.id);
      }),
    );
  }

  private shouldContinueAsNew(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= HISTORY_EVENT_BUDGET;
  }

  async run(isNew: boolean): Promise<ProcurementWorkflowResult> {
    this.refreshVisibility();
    if (isNew) await this.loadEarlierLessons();
    for (;;) {
      if (this.state.outbox.length > 0) {
        await this.drainOutbox();
        continue;
      }
      if (this.state.outcome) break;
      if (this.shouldContinueAsNew()) {
        await condition(allHandlersFinished);
        this.state.previousRuns++;
        return continueAsNew<typeof procurementWorkflow>({ kind: 'continued', state: this.state });
      }
      const timer = this.nextTimer();
      const seen = this.revision;
      if (timer) {
        const wait = Math.max(0, timer.at - now().getTime());
        const woken =
          wait > 0 && (await condition(() => this.revision !== seen, wait, { summary: timer.summary }));
        if (!woken) {
          timer.fire();
          this.changed();
        }
      } else {
        await condition(() => this.revision !== seen);
      }
    }
    await condition(allHandlersFinished);
    return { projectId: this.state.projectId, outcome: this.state.outcome, step: this.state.step };
  }

  private async loadEarlierLessons(): Promise<void> {
    try {
      const lessons = await lookups.fetchLessons(this.state.productGroup);
      this.state.earlierLessons = lessons.filter((lesson) => lesson.projectId !== this.state.projectId);
      if (this.state.earlierLessons.length > 0) {
        this.audit({
          kind: 'lessons-shown',
          actor: 'system',
          channel: 'system',
          details: { fromProjects: this.state.earlierLessons.map((lesson) => lesson.projectId) },
        });
        this.changed();
      }
    } catch (error) {
      log.warn('lessons of earlier projects could not be loaded', { error: String(error) });
    }
  }
}

/** Patch: reminders count per holder from when that holder was asked (see roundTimer). */
const REMINDERS_PER_HOLDER = 'reminders-per-holder';

/** A round nobody answers stops reminding after this many; escalation and the deadline still apply. */
const MAX_REMINDERS_PER_ROUND = 20;

interface Timer {
  at: number;
  summary: string;
  fire: () => void;
}

function earliest(timers: (Timer | undefined)[]): Timer | undefined {
  return timers.reduce<Timer | undefined>(
    (first, timer) => (timer && (!first || timer.at < first.at) ? timer : first),
    undefined,
  );
}

export async function procurementWorkflow(
  input: ProcurementWorkflowInput,
): Promise<ProcurementWorkflowResult> {
  let state: ProjectState;
  if (input.kind === 'new') {
    const parsed = createProject.safeParse(input.project);
    if (!parsed.success) {
      throw ApplicationFailure.nonRetryable(
        `invalid project: ${describeIssues(parsed.error)}`,
        'InvalidInput',
      );
    }
    state = initialState(parsed.data, new Date().toISOString());
  } else {
    state = input.state;
  }
  const project = new ProcurementProject(state);

  // Handlers first, before any await, so no message arriving with the first task is lost.
  setHandler(projectQuery, () => project.view());
  setHandler(auditTrailQuery, () => project.state.audit);
  setHandler(submitDeliverableUpdate, (args) => project.submit(args), {
    validator: (args: SubmitDeliverableArgs) => project.validateSubmission(args),
  });
  setHandler(decideUpdate, (args) => project.decide(args), {
    validator: (args: DecideArgs) => void project.validateDecision(args),
  });
  setHandler(delegateUpdate, (args) => project.delegate(args), {
    validator: (args: DelegateArgs) => void project.validateDelegation(args),
  });
  setHandler(changeApprovalSettingsUpdate, (args) => project.changeApprovalSettings(args), {
    validator: (args: ChangeApprovalSettingsArgs) => void project.validateSettingsChange(args),
  });
  setHandler(scheduleRfiUpdate, (args) => project.scheduleRfi(args), {
    validator: (args: ScheduleRfiArgs) => void project.validateRfi(args),
  });
  setHandler(recordReviewUpdate, (args) => project.recordReview(args), {
    validator: (args: RecordReviewArgs) => void project.validateReview(args),
  });
  setHandler(amendContractUpdate, (args) => project.amend(args), {
    validator: (args: AmendContractArgs) => project.validateAmendment(args),
  });
  setHandler(startEndOfUseUpdate, (args) => project.startEndOfUse(args), {
    validator: (args: StartEndOfUseArgs) => project.validateStartEndOfUse(args),
  });
  setHandler(resendLinkUpdate, (args) => project.resendLink(args), {
    validator: (args: ResendLinkArgs) => project.validateResendLink(args),
  });
  setHandler(decisionSignal, (args) => {
    try {
      project.decide({ ...args, channel: 'signal' });
    } catch (error) {
      project.noteIgnoredSignal(args, error);
    }
  });
  setHandler(cancelSignal, (args) => project.cancel(args));

  return project.run(input.kind === 'new');
}
