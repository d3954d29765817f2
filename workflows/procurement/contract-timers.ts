/** Timers of the contract: announcing, reminding and escalating follow-up moments, and the end of use. */
import { addDays, dueInstant, endOfUseReminderInstant, nextMomentAction } from '../../domain/follow-up';
import { type FollowUpMoment, isTerminal } from '../../domain/project';
import { isPatched, REVIEW_REQUEST_TO_PURCHASERS, USE_BEYOND_CONTRACT_END } from './patches';
import { nowIso } from './clock';
import type { ProjectContext } from './context';
import { enterEndOfUse } from './contract';
import { type Timer, earliest } from './timers';
import {
  askWhetherUseGoesOn,
  contractSequence,
  endOfUseConditionsOf,
  remindUseQuestion,
  useEnd,
  useOwners,
} from './use-beyond-contract';

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
  // Until the owners confirmed use beyond it, the use ends with the contract (useEnd = end).
  const endOfUse = useEnd(contract);
  if (!contract.endOfUseReminderSentAt) {
    timers.push({
      at: endOfUseReminderInstant(endOfUse, contract.cadence.endOfUseLeadMonths),
      summary:
        contract.useUntil === undefined
          ? `end-of-use reminder (contract ends ${contract.end})`
          : `end-of-use reminder (use ends ${endOfUse})`,
      fire: () => {
        contract.endOfUseReminderSentAt = nowIso();
        const recipients = useOwners(project, contract);
        for (const recipient of recipients.values()) {
          project.enqueueMail({
            kind: 'end-of-use-reminder',
            project: project.projectRef,
            recipient,
            sequence: contractSequence(contract),
            contractEnd: contract.end,
            ...(contract.useUntil !== undefined ? { useUntil: endOfUse } : {}),
            supplier: contract.supplier,
            conditions: endOfUseConditionsOf(project),
          });
        }
        project.audit({
          kind: 'end-of-use-reminder-sent',
          actor: 'system',
          channel: 'timer',
          details: {
            to: [...recipients.keys()],
            contractEnd: contract.end,
            ...(contract.useUntil !== undefined ? { useUntil: endOfUse } : {}),
          },
        });
      },
    });
  }
  // Asked and not answered yet: nothing more is due until the owners answer (or amend the contract).
  if (!contract.useQuestionAskedAt) {
    timers.push({
      at: dueInstant(endOfUse),
      // The summary older runs recorded, kept while nothing moved the end of use.
      summary:
        contract.useUntil === undefined
          ? `contract ends ${contract.end}: move to end of use`
          : `use planned to end ${endOfUse}: ask whether use goes on`,
      fire: () => {
        if (isPatched(USE_BEYOND_CONTRACT_END)) askWhetherUseGoesOn(project, contract);
        else enterEndOfUse(project, 'contract end reached', 'system', 'timer');
      },
    });
  }
  // Only contracts asked under the patch have an open question: older histories never get here.
  if (contract.useQuestionAskedAt && !contract.useQuestionRemindedAt) {
    const askedOn = contract.useQuestionAskedAt.slice(0, 10);
    timers.push({
      at: dueInstant(addDays(askedOn, contract.cadence.graceDays)),
      summary: `remind the owners: does use go on after ${endOfUse}?`,
      fire: () => remindUseQuestion(project, contract),
    });
  }
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
    // Purchasers and the contract manager follow the contract up together (5.3).
    const copies = isPatched(REVIEW_REQUEST_TO_PURCHASERS)
      ? project.purchasing().filter((buyer) => buyer.email !== contract.manager.email)
      : [];
    if (copies.length > 0) moment.copiedTo = copies.map((buyer) => buyer.email);
    for (const recipient of [contract.manager, ...copies]) {
      project.enqueueMail({
        kind: 'review-request',
        project: project.projectRef,
        recipient,
        sequence: moment.sequence,
        moment: ref,
        supplier: contract.supplier,
      });
    }
    project.audit({
      kind: 'review-requested',
      actor: 'system',
      channel: 'timer',
      details: {
        moment: moment.id,
        dueOn: moment.dueOn,
        to: contract.manager.email,
        ...(copies.length > 0 ? { copiedTo: copies.map((buyer) => buyer.email) } : {}),
      },
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
