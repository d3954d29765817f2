/**
 * The markdown shown as "current details" in the Temporal UI: in a few lines, what the project
 * waits for, from whom and until when — so an operator reads the case without opening history.
 */
import { GATE_LABELS, stepLabel } from './catalogue';
import { pendingSlots, requiredApprovals } from './approval-policy';
import { type ProjectState, openRound } from './project';

function policyText(
  rule: string,
  quorum: number | undefined,
  sequential: boolean,
  approvers: number,
): string {
  const base =
    rule === 'quorum'
      ? `${quorum ?? '?'} of ${approvers} must approve`
      : rule === 'any'
        ? 'any one approves'
        : 'all must approve';
  return sequential ? `${base}, in order` : base;
}

export function projectDetails(state: ProjectState, now: Date): string {
  const lines = [
    `**${stepLabel(state.step, 'en')}** · ${state.status} · ${state.organisation} · ${state.productGroup}`,
  ];
  const round = openRound(state);
  if (round) {
    const pending = pendingSlots(round);
    const approvals = round.slots.filter((s) => s.decision?.kind === 'approve').length;
    lines.push(
      `Waiting for approval of **${GATE_LABELS[round.gate].en}**, round ${round.number} (${policyText(
        round.policy.rule,
        round.policy.quorum,
        round.policy.sequential,
        round.slots.length,
      )}; ${approvals}/${requiredApprovals(round.policy, round.slots.length)} so far).`,
      `From: ${pending.map((s) => `${s.holder.name} <${s.holder.email}>`).join(', ') || 'nobody'}`,
    );
    if (round.deadline) lines.push(`Deadline: ${round.deadline.at} (then ${round.deadline.outcome})`);
    lines.push(
      `Reminders sent: ${round.reminders.sent}${round.escalatedAt ? `, escalated ${round.escalatedAt}` : ''}`,
    );
  } else if (state.gate && (state.status === 'awaiting-submission' || state.status === 'changes-requested')) {
    lines.push(
      `Waiting for the **${GATE_LABELS[state.gate].en}** deliverable from ${state.requester.name} <${state.requester.email}>` +
        (state.status === 'changes-requested' ? ' (changes were requested).' : '.'),
    );
    if (state.rfi && state.gate === 'market-dialogue') lines.push(`RFI closes on ${state.rfi.closesOn}.`);
  } else if (state.status === 'in-standstill' && state.standstill) {
    const { until, decision } = state.standstill;
    lines.push(
      `Award approved (decision ${decision.reference} of ${decision.date}); waiting for the standstill: the contract is concluded on **${until}**.`,
    );
  } else if (state.status === 'in-contract' && state.contract) {
    const contract = state.contract;
    const next = contract.moments.find(
      (m) => !m.reviewedAt && !m.cancelledAt && m.dueOn >= now.toISOString().slice(0, 10),
    );
    lines.push(
      `Contract with ${contract.supplier} until **${contract.end}**; contract manager ${contract.manager.name} <${contract.manager.email}>.`,
    );
    if (next) lines.push(`Next follow-up: ${next.kind} on ${next.dueOn}.`);
    const overdue = contract.moments.filter((m) => m.remindedAt && !m.reviewedAt && !m.cancelledAt).length;
    if (overdue > 0) lines.push(`Reviews overdue: ${overdue}.`);
  } else if (state.outcome) {
    lines.push(
      state.cancellation ? `Cancelled: ${state.cancellation.reason}` : `Finished: ${state.outcome}.`,
    );
  }
  if (state.step === 'circular-need' && state.earlierLessons.length > 0) {
    lines.push(
      `Lessons from ${state.earlierLessons.length} earlier project(s) of ${state.productGroup} are in the project state.`,
    );
  }
  if (state.previousRuns > 0)
    lines.push(`_Run ${state.previousRuns + 1} of this project (continued as new)._`);
  return lines.join('\n\n');
}
