/**
 * Approval rounds: asking the approvers, their decisions and delegations, and closing a round
 * (approved, changes requested, rejected, timed out, superseded or cancelled) with its mail.
 */
import {
  type ApprovalRound,
  type ApprovalSlot,
  applyDecision,
  applyDelegation,
  decisionRuleProblem,
  delegationRuleProblem,
  pendingSlots,
  slotHeldBy,
} from '../../domain/approval-policy';
import type { GateId } from '../../domain/catalogue';
import type { Notification } from '../../domain/notifications';
import { isTerminal, latestRound, openRound } from '../../domain/project';
import {
  type Person,
  decisionInput,
  delegationInput,
  signalledDecisionInput,
  email as emailSchema,
} from '../../domain/schemas';
import type { DecideArgs, DelegateArgs } from '../messages';
import { nowIso } from './clock';
import type { ProjectContext } from './context';
import { conflict, forbidden, invalid, parseNormalized, parseOrReject } from './errors';
import { ruleProblem } from '../../domain/problems';
import { completeGate } from './transitions';

export function targetRound(
  project: ProjectContext,
  gate: GateId | undefined,
  number: number | undefined,
): ApprovalRound {
  const s = project.state;
  const g = gate ?? openRound(s)?.gate ?? s.gate;
  if (!g) throw conflict(ruleProblem('round.none-open', {}));
  const round =
    number === undefined ? latestRound(s, g) : s.rounds.find((r) => r.gate === g && r.number === number);
  if (!round) {
    throw conflict(
      number === undefined
        ? ruleProblem('round.none-for-gate', { gate: g })
        : ruleProblem('round.not-found', { number, gate: g }),
    );
  }
  return round;
}

export function askPending(project: ProjectContext, round: ApprovalRound): void {
  const at = nowIso();
  for (const slot of pendingSlots(round)) {
    if (slot.requestedAt) continue;
    slot.requestedAt = at;
    const delegatedBy = slot.delegations.at(-1)?.from;
    project.audit({
      kind: 'approval-requested',
      gate: round.gate,
      round: round.number,
      actor: 'system',
      channel: 'system',
      details: { to: slot.holder.email },
    });
    project.enqueueMail(
      approvalMail(
        project,
        round,
        slot,
        'approval-request',
        slot.delegations.length,
        delegatedBy ? { delegatedBy } : {},
      ),
    );
  }
}

export function approvalMail(
  project: ProjectContext,
  round: ApprovalRound,
  slot: ApprovalSlot,
  kind: 'approval-request' | 'approval-reminder',
  sequence: number,
  extra: { resend?: number; delegatedBy?: Person } = {},
): Notification {
  return {
    kind,
    project: project.projectRef,
    recipient: slot.holder,
    sequence,
    requestSequence: slot.delegations.length,
    gate: round.gate,
    round: round.number,
    policy: round.policy,
    approvers: round.slots.map((other) => other.holder),
    submittedBy: round.submittedBy,
    submitter: project.person(round.submittedBy),
    digest: round.digest,
    ...(round.deadline ? { deadlineAt: round.deadline.at } : {}),
    ...extra,
  };
}

export function closeRound(
  project: ProjectContext,
  round: ApprovalRound,
  status: ApprovalRound['status'],
  at: string,
  supersededBy?: number,
): void {
  const s = project.state;
  const waiting = pendingSlots(round).filter((slot) => slot.requestedAt);
  round.status = status;
  round.closedAt = at;
  if (supersededBy !== undefined) round.supersededBy = supersededBy;
  project.audit({
    kind: status === 'superseded' ? 'round-superseded' : 'round-closed',
    gate: round.gate,
    round: round.number,
    actor: 'system',
    channel: 'system',
    comment: status,
  });
  if (status === 'superseded') {
    for (const slot of waiting) {
      project.enqueueMail({
        kind: 'round-replaced',
        project: project.projectRef,
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
  recipients.set(round.submittedBy, project.person(round.submittedBy));
  if (status === 'cancelled') {
    recipients.clear();
    for (const slot of waiting) recipients.set(slot.holder.email, slot.holder);
  }
  for (const recipient of recipients.values()) {
    project.enqueueMail({
      kind: 'round-outcome',
      project: project.projectRef,
      recipient,
      sequence: 0,
      gate: round.gate,
      round: round.number,
      outcome: status,
      comments,
    });
  }
  if (status === 'approved') {
    const outcomeMails = s.outbox.slice(-recipients.size);
    completeGate(project, round.gate);
    // The outcome mails say what happens next, known only now; their place in the outbox (and so
    // the order of the activities that send them) stays as it was.
    const next = {
      step: s.step,
      ...(s.gate ? { gate: s.gate } : {}),
      ...(s.outcome ? { outcome: s.outcome } : {}),
      ...(s.status === 'in-standstill' && s.standstill ? { standstillUntil: s.standstill.until } : {}),
    };
    for (const item of outcomeMails) {
      if (item.kind === 'mail' && item.notification.kind === 'round-outcome') item.notification.next = next;
    }
  } else if (status !== 'cancelled') {
    s.status = 'changes-requested';
  }
}

export function validateDecision(project: ProjectContext, args: DecideArgs): ApprovalRound {
  parseOrReject(decisionInput, args);
  return checkDecision(project, args);
}

/** A decision signal has no validator: checked when handled (see signalledDecisionInput). */
export function validateSignalledDecision(project: ProjectContext, args: DecideArgs): ApprovalRound {
  parseOrReject(signalledDecisionInput, args);
  return checkDecision(project, args);
}

/** Whether this person may decide in the round now: the project's side of a decision. */
function checkDecision(project: ProjectContext, args: DecideArgs): ApprovalRound {
  if (!emailSchema.safeParse(args.approver).success)
    throw invalid(ruleProblem('email.invalid', {}, 'approver'));
  if (isTerminal(project.state.status))
    throw conflict(ruleProblem('project.ended', { status: project.state.status }));
  const round = targetRound(project, args.gate, args.round);
  const problem = decisionRuleProblem(round, args.approver.toLowerCase());
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

/** Records a decision that was validated (validateDecision, validateSignalledDecision). */
export function decide(project: ProjectContext, args: DecideArgs) {
  const round = targetRound(project, args.gate, args.round);
  const at = nowIso();
  const approver = args.approver.toLowerCase();
  const outcome = applyDecision(round, {
    kind: args.decision,
    at,
    by: approver,
    channel: args.channel,
    ...(args.comment ? { comment: args.comment } : {}),
  });
  project.audit({
    kind: 'decided',
    gate: round.gate,
    round: round.number,
    actor: approver,
    channel: args.channel,
    ...(args.comment ? { comment: args.comment } : {}),
    details: { decision: args.decision },
  });
  if (outcome === 'open') askPending(project, round);
  else closeRound(project, round, outcome, at);
  project.changed();
  return {
    gate: round.gate,
    round: round.number,
    decision: args.decision,
    decidedAt: at,
    roundStatus: round.status,
    projectStatus: project.state.status,
    decider: slotHeldBy(round, approver)?.holder ?? project.person(approver),
  };
}

export function validateDelegation(project: ProjectContext, args: DelegateArgs): ApprovalRound {
  const parsed = parseNormalized(
    delegationInput,
    { gate: args.gate, round: args.round, to: args.to, comment: args.comment },
    'delegation',
  );
  if (!emailSchema.safeParse(args.from).success) throw invalid(ruleProblem('email.invalid', {}, 'from'));
  if (isTerminal(project.state.status))
    throw conflict(ruleProblem('project.ended', { status: project.state.status }));
  const round = targetRound(project, args.gate, args.round);
  const problem = delegationRuleProblem(round, args.from.toLowerCase(), parsed.to);
  if (problem) throw slotHeldBy(round, args.from.toLowerCase()) ? conflict(problem) : forbidden(problem);
  return round;
}

export function delegate(project: ProjectContext, args: DelegateArgs) {
  // Validated before it was accepted: a schema check here would also run on replay.
  const round = targetRound(project, args.gate, args.round);
  const to = args.to;
  const from = slotHeldBy(round, args.from.toLowerCase())?.holder ?? project.person(args.from.toLowerCase());
  const at = nowIso();
  applyDelegation(round, {
    from,
    to,
    at,
    channel: args.channel,
    ...(args.comment ? { comment: args.comment } : {}),
  });
  project.audit({
    kind: 'delegated',
    gate: round.gate,
    round: round.number,
    actor: from.email,
    channel: args.channel,
    ...(args.comment ? { comment: args.comment } : {}),
    details: { to: to.email },
  });
  askPending(project, round);
  project.changed();
  return { gate: round.gate, round: round.number, delegatedTo: to.email, delegatedAt: at };
}
