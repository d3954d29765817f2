/**
 * Step 5: the contract. Its follow-up moments are planned at the award; reviews, amendments and the
 * start of end of use change it; every change of a moment that was announced sends a calendar update.
 */
import { mergeTeam } from '../../domain/approval-policy';
import { planMoments, reconcileMoments } from '../../domain/follow-up';
import { extensionRuleProblem } from '../../domain/legal-frame/contract-dates';
import { ruleProblem } from '../../domain/problems';
import type { AuditEntry, ContractState, FollowUpMoment } from '../../domain/project';
import {
  type ContractAmendment,
  type DeliverableByGate,
  type Person,
  contractAmendment,
  contractReview,
  startEndOfUse as startEndOfUseSchema,
} from '../../domain/schemas';
import type { AmendContractArgs, RecordReviewArgs, StartEndOfUseArgs } from '../messages';
import { isPatched, END_OF_USE_RULES } from './patches';
import { nowIso, today } from './clock';
import type { ProjectContext } from './context';
import { conflict, invalid, parseNormalized } from './errors';

export function startContract(project: ProjectContext, award: DeliverableByGate['award']): void {
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
  contract.moments = reconcileMoments([], planMoments(contract, [], awardedOn), awardedOn, nowIso()).moments;
  if (isPatched(END_OF_USE_RULES)) contract.endOfUseRules = true;
  project.state.contract = contract;
  const manager = award.contractManager;
  if (!project.state.team.some((m) => m.email === manager.email && m.roles.includes('contract-manager'))) {
    project.state.team = mergeTeam(project.state.team, [{ ...manager, roles: ['contract-manager'] }]);
  }
}

export function calendarMail(
  project: ProjectContext,
  moment: FollowUpMoment,
  recipient: Person,
  method: 'REQUEST' | 'CANCEL',
): void {
  const contract = project.state.contract;
  if (!contract) return;
  project.enqueueMail({
    kind: 'calendar-update',
    project: project.projectRef,
    recipient,
    sequence: moment.sequence,
    moment: { id: moment.id, kind: moment.kind, dueOn: moment.dueOn, sequence: moment.sequence },
    method,
    supplier: contract.supplier,
  });
}

/** The purchasers who got a moment's review request beside the contract manager: its calendar changes reach them too. */
export function copiesOf(project: ProjectContext, moment: FollowUpMoment): Person[] {
  return (moment.copiedTo ?? []).map((email) => project.person(email));
}

export function validateReview(project: ProjectContext, args: RecordReviewArgs): FollowUpMoment {
  const contract = project.state.contract;
  if (project.state.step !== 'use-and-execution' || !contract) {
    throw conflict(ruleProblem('contract.reviews-in-step-5', {}));
  }
  const review = parseNormalized(contractReview, args.review, 'review');
  const moment = reviewedMoment(contract, review.momentId);
  if (!moment) throw invalid(ruleProblem('moment.unknown', { momentId: review.momentId }, 'momentId'));
  const { kind, dueOn } = moment;
  if (moment.cancelledAt) throw conflict(ruleProblem('moment.cancelled', { kind, dueOn }));
  if (moment.reviewedAt)
    throw conflict(ruleProblem('moment.already-reviewed', { kind, dueOn, reviewedAt: moment.reviewedAt }));
  if (!moment.announcedAt) throw conflict(ruleProblem('moment.not-due', { kind, dueOn }));
  return moment;
}

const reviewedMoment = (contract: ContractState, momentId: string) =>
  contract.moments.find((m) => m.id === momentId);

export function recordReview(project: ProjectContext, args: RecordReviewArgs) {
  // The validator checked the review (schema and state) before the update was accepted; a schema
  // check here would run on replay too, where a tighter schema could refuse what was accepted.
  const moment = reviewedMoment(
    project.state.contract as ContractState,
    args.review.momentId,
  ) as FollowUpMoment;
  const review = args.review;
  const at = nowIso();
  moment.reviewedAt = at;
  project.state.reviews.push({
    ...review,
    recordedAt: at,
    recordedBy: args.by.toLowerCase(),
    channel: args.channel,
  });
  project.audit({
    kind: 'review-recorded',
    actor: args.by,
    channel: args.channel,
    details: { moment: moment.id },
  });
  project.changed();
  return { momentId: moment.id, recordedAt: at };
}

export function validateAmendment(project: ProjectContext, args: unknown): void {
  const s = project.state;
  const contract = s.contract;
  if (s.step !== 'use-and-execution' || !contract)
    throw conflict(ruleProblem('contract.amendments-in-step-5', {}));
  const amendment = parseNormalized(contractAmendment, args, 'amendment');
  if (amendment.contractEnd !== undefined) {
    const end = amendment.contractEnd;
    if (end <= today()) throw invalid(ruleProblem('amendment.end-not-future', { end }, 'contractEnd'));
    if (end <= contract.start)
      throw invalid(ruleProblem('amendment.end-before-start', { start: contract.start }, 'contractEnd'));
    if (end === contract.end) throw invalid(ruleProblem('amendment.end-unchanged', { end }, 'contractEnd'));
    const options = s.submissions['tender-documents']?.data.scope.extensionOptions ?? [];
    const problem = extensionRuleProblem(contract, end, options);
    if (problem) throw invalid(problem);
  }
  if (amendment.contractManager && amendment.contractManager.email === contract.manager.email) {
    throw invalid(
      ruleProblem('amendment.same-manager', { email: contract.manager.email }, 'contractManager'),
    );
  }
}

export function amend(project: ProjectContext, args: AmendContractArgs) {
  // Validated before it was accepted (see recordReview).
  const contract = project.state.contract as ContractState;
  const amendment = args as ContractAmendment;
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
    // An extension after the owners were asked whether use goes on answers the question for now.
    delete contract.useQuestionAskedAt;
    delete contract.useQuestionRemindedAt;
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
  for (const moment of reconciled.moved) {
    calendarMail(project, moment, contract.manager, 'REQUEST');
    for (const copy of copiesOf(project, moment)) calendarMail(project, moment, copy, 'REQUEST');
  }
  for (const moment of reconciled.dropped) {
    calendarMail(project, moment, project.person(moment.announcedTo ?? contract.manager.email), 'CANCEL');
    for (const copy of copiesOf(project, moment)) calendarMail(project, moment, copy, 'CANCEL');
  }
  if (amendment.contractManager) {
    contract.manager = amendment.contractManager;
    changes.push(`contract manager: ${previousManager.email} → ${amendment.contractManager.email}`);
    project.state.team = mergeTeam(project.state.team, [
      { ...amendment.contractManager, roles: ['contract-manager'] },
    ]);
    for (const moment of contract.moments) {
      if (!moment.announcedAt || moment.reviewedAt || moment.cancelledAt) continue;
      moment.sequence++;
      calendarMail(project, moment, previousManager, 'CANCEL');
      moment.announcedTo = amendment.contractManager.email;
      calendarMail(project, moment, amendment.contractManager, 'REQUEST');
    }
  }
  contract.amendments.push({ at, by: args.by, reason: amendment.reason, changes });
  project.audit({
    kind: 'contract-amended',
    actor: args.by,
    channel: 'api',
    comment: amendment.reason,
    details: { changes },
  });
  project.changed();
  return contract;
}

export function validateStartEndOfUse(project: ProjectContext, args: unknown): void {
  if (project.state.step !== 'use-and-execution')
    throw conflict(ruleProblem('contract.end-of-use-from-step-5', {}));
  parseNormalized(startEndOfUseSchema, args, 'endOfUse');
}

export function enterEndOfUse(
  project: ProjectContext,
  reason: string,
  by: string,
  channel: AuditEntry['channel'],
): void {
  const contract = project.state.contract;
  if (contract) {
    for (const moment of contract.moments) {
      if (moment.reviewedAt || moment.cancelledAt) continue;
      moment.cancelledAt = nowIso();
      if (moment.announcedAt && moment.dueOn >= today()) {
        moment.sequence++;
        calendarMail(project, moment, project.person(moment.announcedTo ?? contract.manager.email), 'CANCEL');
        for (const copy of copiesOf(project, moment)) calendarMail(project, moment, copy, 'CANCEL');
      }
    }
  }
  project.audit({ kind: 'end-of-use-triggered', actor: by, channel, comment: reason });
  project.enterStep('end-of-use', reason);
  project.changed();
}

export function startEndOfUse(project: ProjectContext, args: StartEndOfUseArgs) {
  // Validated before it was accepted (see recordReview).
  enterEndOfUse(project, args.reason, args.by, 'api');
  return { step: 'end-of-use' as const };
}
