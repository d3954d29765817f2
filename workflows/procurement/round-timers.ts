/** Timers of an open round: reminders, escalation, deadline. */
import { type ApprovalRound, pendingSlots, reminderDueAt } from '../../domain/approval-policy';
import { isPatched, REMINDERS_PER_HOLDER } from './patches';
import { now, nowIso } from './clock';
import type { ProjectContext } from './context';
import { approvalMail, closeRound } from './rounds';
import { type Timer, earliest } from './timers';

/** A round nobody answers stops reminding after this many; escalation and the deadline still apply. */
const MAX_REMINDERS_PER_ROUND = 20;

export function roundTimer(project: ProjectContext, round: ApprovalRound): Timer | undefined {
  const timers: Timer[] = [];
  const lastAt = round.reminders.lastAt ?? round.openedAt;
  if (round.reminders.sent < MAX_REMINDERS_PER_ROUND) {
    // Each holder gets a full interval from when they were asked; runs started earlier keep the
    // round-wide clock that reminded a later turn or a delegate hours after their request.
    const at = isPatched(REMINDERS_PER_HOLDER)
      ? Math.min(...pendingSlots(round).flatMap((slot) => reminderDueAt(round, slot) ?? []))
      : Date.parse(lastAt) + round.reminders.everyHours * 3_600_000;
    if (Number.isFinite(at)) {
      timers.push({
        at,
        summary: `reminder ${round.reminders.sent + 1} · ${round.gate} round ${round.number}`,
        fire: () => remind(project, round),
      });
    }
  }
  if (round.deadline && !round.deadline.handled) {
    timers.push({
      at: Date.parse(round.deadline.at),
      summary: `deadline (${round.deadline.outcome}) · ${round.gate} round ${round.number}`,
      fire: () => deadlinePassed(project, round),
    });
  }
  return earliest(timers);
}

function remind(project: ProjectContext, round: ApprovalRound): void {
  const perHolder = isPatched(REMINDERS_PER_HOLDER);
  const pending = pendingSlots(round).filter(
    (slot) => !perHolder || (reminderDueAt(round, slot) ?? Infinity) <= now().getTime(),
  );
  round.reminders.sent++;
  round.reminders.lastAt = nowIso();
  for (const slot of pending) {
    slot.remindersSent = (slot.remindersSent ?? 0) + 1;
    slot.lastRemindedAt = round.reminders.lastAt;
    project.enqueueMail(approvalMail(project, round, slot, 'approval-reminder', round.reminders.sent));
  }
  project.audit({
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
  if (most >= round.reminders.escalateAfter && !round.escalatedAt)
    escalate(project, round, 'reminders', most);
}

function escalate(
  project: ProjectContext,
  round: ApprovalRound,
  reason: 'reminders' | 'deadline',
  reminders = round.reminders.sent,
): void {
  round.escalatedAt = nowIso();
  const contact = project.state.approvals.escalationContact ?? project.state.requester;
  const pending = pendingSlots(round).map((slot) => slot.holder);
  project.enqueueMail({
    kind: 'approval-escalation',
    project: project.projectRef,
    recipient: contact,
    sequence: reason === 'deadline' ? 1 : 0,
    gate: round.gate,
    round: round.number,
    pending,
    reason,
    remindersSent: reminders,
  });
  project.audit({
    kind: 'escalated',
    gate: round.gate,
    round: round.number,
    actor: 'system',
    channel: 'timer',
    comment: reason === 'deadline' ? 'deadline passed' : `${reminders} reminders without a decision`,
    details: { to: contact.email, pending: pending.map((p) => p.email) },
  });
}

function deadlinePassed(project: ProjectContext, round: ApprovalRound): void {
  if (!round.deadline) return;
  round.deadline.handled = true;
  project.audit({
    kind: 'deadline-passed',
    gate: round.gate,
    round: round.number,
    actor: 'system',
    channel: 'timer',
    comment: round.deadline.outcome,
  });
  if (round.deadline.outcome === 'reject') {
    closeRound(project, round, 'timed-out', nowIso());
  } else {
    escalate(project, round, 'deadline');
  }
}
