/**
 * A contract end is not an end of use: goods that were bought often outlive their contract, and the
 * source asks to look at use terms critically rather than follow depreciation or habit. So at the
 * contract end the owners (contract manager and purchasers) are asked whether use goes on; they
 * answer with a reason, and until when. Step 6 starts when use really ends.
 */
import { contractualEndOfUseConditions } from '../../domain/end-of-use';
import { endOfUseReminderInstant } from '../../domain/follow-up';
import type { ContractState, ProjectState } from '../../domain/project';
import { type Person, useConfirmation } from '../../domain/schemas';
import type { ConfirmUseArgs } from '../messages';
import { now, nowIso, today } from './clock';
import type { ProjectContext } from './context';
import { enterEndOfUse } from './contract';
import { conflict, invalid, parseNormalized } from './errors';
import { ruleProblem } from '../../domain/problems';

/** The day use is expected to end: the contract end, or the later day the owners confirmed. */
export function useEnd(contract: ContractState): string {
  return contract.useUntil !== undefined && contract.useUntil > contract.end
    ? contract.useUntil
    : contract.end;
}

/** Who owns the decision to keep using the goods: the contract manager and the purchasers. */
export function useOwners(project: ProjectContext, contract: ContractState): Map<string, Person> {
  const owners = new Map<string, Person>([[contract.manager.email, contract.manager]]);
  for (const buyer of project.purchasing()) owners.set(buyer.email, buyer);
  return owners;
}

/** What the contract agreed for the end of use, for the mails that prepare it (6.1). */
export function endOfUseConditionsOf(project: ProjectContext): string[] {
  return contractualEndOfUseConditions(project.state.submissions['tender-documents']?.data);
}

/** Mail sequence of the contract's project-wide messages: each amendment or answer starts a new one. */
export function contractSequence(contract: ContractState): number {
  return contract.amendments.length + (contract.useConfirmations?.length ?? 0);
}

export function askWhetherUseGoesOn(project: ProjectContext, contract: ContractState): void {
  contract.useQuestionAskedAt = nowIso();
  sendUseQuestion(project, contract, false);
}

/** The question again to owners who did not answer within the contract's grace period. */
export function remindUseQuestion(project: ProjectContext, contract: ContractState): void {
  contract.useQuestionRemindedAt = nowIso();
  sendUseQuestion(project, contract, true);
}

function sendUseQuestion(project: ProjectContext, contract: ContractState, reminder: boolean): void {
  const owners = useOwners(project, contract);
  for (const recipient of owners.values()) {
    project.enqueueMail({
      kind: 'use-continuation-request',
      project: project.projectRef,
      recipient,
      sequence: contractSequence(contract),
      ...(reminder ? { resend: 1, reminder: true } : {}),
      contractEnd: contract.end,
      ...(contract.useUntil !== undefined ? { useUntil: contract.useUntil } : {}),
      supplier: contract.supplier,
      conditions: endOfUseConditionsOf(project),
    });
  }
  project.audit({
    kind: 'use-continuation-asked',
    actor: 'system',
    channel: 'timer',
    ...(reminder ? { comment: 'reminder' } : {}),
    details: { to: [...owners.keys()], useEnd: useEnd(contract) },
  });
}

export function validateUseConfirmation(project: ProjectContext, args: unknown): void {
  const s: ProjectState = project.state;
  const contract = s.contract;
  if (s.step !== 'use-and-execution' || !contract)
    throw conflict(ruleProblem('contract.use-confirmed-in-step-5', {}));
  const answer = parseNormalized(useConfirmation, args, 'confirmation');
  if (answer.until !== undefined) {
    if (answer.until <= today())
      throw invalid(ruleProblem('use.until-not-future', { until: answer.until }, 'until'));
    if (answer.until <= contract.end)
      throw invalid(ruleProblem('use.until-within-contract', { end: contract.end }, 'until'));
  }
}

export function confirmUse(project: ProjectContext, args: ConfirmUseArgs) {
  // Validated before it was accepted (see recordReview in contract.ts).
  const contract = project.state.contract as ContractState;
  const at = nowIso();
  contract.useConfirmations = [
    ...(contract.useConfirmations ?? []),
    {
      at,
      by: args.by,
      continues: args.continues,
      ...(args.until !== undefined ? { until: args.until } : {}),
      reason: args.reason,
    },
  ];
  delete contract.useQuestionAskedAt;
  delete contract.useQuestionRemindedAt;
  project.audit({
    kind: 'use-continuation-confirmed',
    actor: args.by,
    channel: 'api',
    comment: args.reason,
    details: { continues: args.continues, ...(args.until !== undefined ? { until: args.until } : {}) },
  });
  if (!args.continues || args.until === undefined) {
    enterEndOfUse(project, args.reason, args.by, 'api');
    return { step: 'end-of-use' as const };
  }
  contract.useUntil = args.until;
  // The reminder to prepare the end of use moves with it; one that would be due already is not
  // sent again to the people who have just answered.
  if (endOfUseReminderInstant(args.until, contract.cadence.endOfUseLeadMonths) > now().getTime()) {
    delete contract.endOfUseReminderSentAt;
  } else {
    contract.endOfUseReminderSentAt ??= at;
  }
  project.changed();
  return { step: 'use-and-execution' as const, useUntil: args.until };
}
