/** What the team and operators change on a running project: approval settings, fresh links, cancellation. */
import { decisionRuleProblem, slotHeldBy } from '../../domain/approval-policy';
import type { GateId } from '../../domain/catalogue';
import { type ContractState, type FollowUpMoment, isTerminal, openRound } from '../../domain/project';
import {
  type ApprovalSettings,
  type ApprovalSettingsChange,
  approvalSettings,
  approvalSettingsChange,
  cancelInput,
  describeIssues,
} from '../../domain/schemas';
import type { CancelArgs, ChangeApprovalSettingsArgs, DecideArgs, ResendLinkArgs } from '../messages';
import { nowIso } from './clock';
import type { ProjectContext } from './context';
import { calendarMail } from './contract';
import { conflict, invalid, parseNormalized } from './errors';
import { ruleProblem } from '../../domain/problems';
import { approvalMail, closeRound, targetRound } from './rounds';

export function validateSettingsChange(
  project: ProjectContext,
  args: ChangeApprovalSettingsArgs,
): ApprovalSettingsChange {
  if (isTerminal(project.state.status))
    throw conflict(ruleProblem('project.ended', { status: project.state.status }));
  const change = parseNormalized(approvalSettingsChange, args.change, 'change');
  // The settings as they would be: small changes can add up to more than a project may carry.
  const copy = JSON.parse(JSON.stringify(project.state.approvals)) as ApprovalSettings;
  const after = applySettingsChange(copy, change);
  const problem = approvalSettings.safeParse(after);
  if (!problem.success) throw invalid(`change: ${describeIssues(problem.error, 5)}`);
  return change;
}

/** Applies the change to `settings` in place: absent fields keep their value, null removes one. */
function applySettingsChange(settings: ApprovalSettings, change: ApprovalSettingsChange): ApprovalSettings {
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
  return settings;
}

export function changeApprovalSettings(project: ProjectContext, args: ChangeApprovalSettingsArgs) {
  // No schema check here: the validator ran before the update was accepted, and validators do not
  // run on replay, so a tighter schema later cannot make a replayed handler refuse what it took.
  const settings = applySettingsChange(project.state.approvals, args.change);
  project.audit({
    kind: 'settings-changed',
    actor: args.by,
    channel: 'api',
    comment: 'applies to rounds opened from now on',
  });
  project.changed();
  return settings;
}

export function validateResendLink(project: ProjectContext, args: ResendLinkArgs): void {
  if (isTerminal(project.state.status))
    throw conflict(ruleProblem('project.ended', { status: project.state.status }));
  if (args.kind === 'decision') {
    const round = targetRound(project, args.gate, args.round);
    const problem = decisionRuleProblem(round, args.approver);
    if (problem) throw conflict(problem);
    return;
  }
  const contract = project.state.contract;
  const moment = contract?.moments.find((m) => m.id === args.momentId);
  if (!contract || !moment || project.state.step !== 'use-and-execution')
    throw conflict(ruleProblem('link.moment-closed', {}));
  if (moment.reviewedAt)
    throw conflict(ruleProblem('link.already-reviewed', { reviewedAt: moment.reviewedAt }));
  if (moment.cancelledAt) throw conflict(ruleProblem('link.moment-cancelled', {}));
  // A purchaser who got the request beside the contract manager (5.3) may ask for a fresh link too.
  if (contract.manager.email !== args.recipient && !moment.copiedTo?.includes(args.recipient))
    throw conflict(ruleProblem('link.other-manager', { email: contract.manager.email }));
}

export function resendLink(project: ProjectContext, args: ResendLinkArgs) {
  validateResendLink(project, args);
  if (args.kind === 'decision') {
    const round = targetRound(project, args.gate, args.round);
    const slot = slotHeldBy(round, args.approver);
    if (!slot) throw conflict(ruleProblem('link.not-deciding', { email: args.approver }));
    slot.linksResent = (slot.linksResent ?? 0) + 1;
    project.enqueueMail(
      approvalMail(project, round, slot, 'approval-request', slot.delegations.length, {
        resend: slot.linksResent,
      }),
    );
    project.audit({
      kind: 'approval-requested',
      gate: round.gate,
      round: round.number,
      actor: args.approver,
      channel: 'email',
      comment: 'fresh link after expiry',
      details: { to: args.approver },
    });
    project.changed();
    return { sentTo: slot.holder.email };
  }
  const contract = project.state.contract as ContractState;
  const moment = contract.moments.find((m) => m.id === args.momentId) as FollowUpMoment;
  moment.linksResent = (moment.linksResent ?? 0) + 1;
  project.enqueueMail({
    kind: 'review-reminder',
    project: project.projectRef,
    recipient: args.recipient === contract.manager.email ? contract.manager : project.person(args.recipient),
    sequence: moment.sequence,
    resend: moment.linksResent,
    moment: { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence },
    supplier: contract.supplier,
  });
  project.audit({
    kind: 'review-requested',
    actor: args.recipient,
    channel: 'email',
    comment: 'fresh link after expiry',
    details: { moment: moment.id },
  });
  project.changed();
  return { sentTo: args.recipient };
}

export function noteIgnoredSignal(project: ProjectContext, args: DecideArgs, error: unknown): void {
  project.audit({
    kind: 'signal-ignored',
    actor: typeof args.approver === 'string' ? args.approver : 'unknown',
    channel: 'signal',
    comment: error instanceof Error ? error.message : String(error),
    details: { decision: String(args.decision) },
  });
  project.changed();
}

export function cancel(project: ProjectContext, args: CancelArgs): void {
  const s = project.state;
  // Same rule as the API: a cancellation sent past it (CLI, Temporal UI) still needs a reason.
  const reason = cancelInput.safeParse({ reason: args.reason });
  if (isTerminal(s.status) || !reason.success) {
    const problem =
      isTerminal(s.status) || reason.success ? `the project is ${s.status}` : describeIssues(reason.error);
    project.audit({
      kind: 'signal-ignored',
      actor: typeof args.by === 'string' ? args.by : 'unknown',
      channel: 'signal',
      comment: `cancel ignored: ${problem}`,
    });
    return;
  }
  const at = nowIso();
  const round = openRound(s);
  if (round) closeRound(project, round, 'cancelled', at);
  if (s.contract) {
    for (const moment of s.contract.moments) {
      if (moment.reviewedAt || moment.cancelledAt) continue;
      moment.cancelledAt = at;
      if (moment.announcedAt) {
        moment.sequence++;
        calendarMail(
          project,
          moment,
          project.person(moment.announcedTo ?? s.contract.manager.email),
          'CANCEL',
        );
      }
    }
  }
  s.cancellation = { reason: reason.data.reason, by: args.by, at };
  s.outcome = 'cancelled';
  s.status = 'cancelled';
  delete s.gate;
  project.audit({ kind: 'cancelled', actor: args.by, channel: 'signal', comment: reason.data.reason });
  project.enqueueMail({
    kind: 'project-closed',
    project: project.projectRef,
    recipient: s.requester,
    sequence: 0,
    step: s.step,
    outcome: 'cancelled',
    reason: reason.data.reason,
  });
  project.changed();
}
