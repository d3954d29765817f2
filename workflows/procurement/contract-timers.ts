/** Timers of the contract: announcing, reminding and escalating follow-up moments, and its end. */
import { dueInstant, endOfUseReminderInstant, nextMomentAction } from '../../domain/follow-up';
import { type FollowUpMoment, isTerminal } from '../../domain/project';
import type { Person } from '../../domain/schemas';
import { nowIso } from './clock';
import type { ProjectContext } from './context';
import { enterEndOfUse } from './contract';
import { type Timer, earliest } from './timers';

export function contractTimer(project: ProjectContext): Timer | undefined {
  const s = project.state;
  const contract = s.contract;
  if (s.step !== 'use-and-execution' || !contract || isTerminal(s.status)) return undefined;
  const timers: Timer[] = [];
  for (const moment of contract.moments) {
    const next = nextMomentAction(moment, contract.cadence);
    if (!next) continue;
    timers.push({
      at: next.at,
      summary: `${next.action} ${moment.kind} of ${moment.dueOn}`,
      fire: () => momentAction(project, moment, next.action),
    });
  }
  if (!contract.endOfUseReminderSentAt) {
    timers.push({
      at: endOfUseReminderInstant(contract.end, contract.cadence.endOfUseLeadMonths),
      summary: `end-of-use reminder (contract ends ${contract.end})`,
      fire: () => {
        contract.endOfUseReminderSentAt = nowIso();
        const recipients = new Map<string, Person>([[contract.manager.email, contract.manager]]);
        for (const buyer of project.purchasing()) recipients.set(buyer.email, buyer);
        for (const recipient of recipients.values()) {
          project.enqueueMail({
            kind: 'end-of-use-reminder',
            project: project.projectRef,
            recipient,
            sequence: contract.amendments.length,
            contractEnd: contract.end,
            supplier: contract.supplier,
          });
        }
        project.audit({
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
    fire: () => enterEndOfUse(project, 'contract end reached', 'system', 'timer'),
  });
  return earliest(timers);
}

function momentAction(
  project: ProjectContext,
  moment: FollowUpMoment,
  action: 'announce' | 'remind' | 'escalate',
): void {
  const contract = project.state.contract;
  if (!contract) return;
  const at = nowIso();
  const ref = { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence };
  if (action === 'announce') {
    moment.announcedAt = at;
    moment.announcedTo = contract.manager.email;
    project.enqueueMail({
      kind: 'review-request',
      project: project.projectRef,
      recipient: contract.manager,
      sequence: moment.sequence,
      moment: ref,
      supplier: contract.supplier,
    });
    project.audit({
      kind: 'review-requested',
      actor: 'system',
      channel: 'timer',
      details: { moment: moment.id, dueOn: moment.dueOn, to: contract.manager.email },
    });
  } else if (action === 'remind') {
    moment.remindedAt = at;
    project.enqueueMail({
      kind: 'review-reminder',
      project: project.projectRef,
      recipient: contract.manager,
      sequence: moment.sequence,
      moment: ref,
      supplier: contract.supplier,
    });
    project.audit({
      kind: 'review-reminder-sent',
      actor: 'system',
      channel: 'timer',
      details: { moment: moment.id, to: contract.manager.email },
    });
  } else {
    moment.escalatedAt = at;
    const buyers = project.purchasing();
    for (const buyer of buyers) {
      project.enqueueMail({
        kind: 'review-escalation',
        project: project.projectRef,
        recipient: buyer,
        sequence: moment.sequence,
        moment: ref,
        contractManager: contract.manager,
      });
    }
    project.audit({
      kind: 'review-escalated',
      actor: 'system',
      channel: 'timer',
      details: { moment: moment.id, to: buyers.map((b) => b.email) },
    });
  }
}
