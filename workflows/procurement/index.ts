/**
 * One circular procurement project, from the need to the evaluation, as one durable workflow.
 *
 * Shape: every message handler validates, changes state and enqueues the side effects it owes
 * (mail, publishing lessons) in one synchronous step; the main loop drains that outbox through
 * activities and sleeps until the next timer (reminders, deadlines, follow-up moments, contract
 * end) or the next state change. So a query right after an update already shows its effect, a
 * rejected update writes nothing, and continue-as-new carries everything including unsent mail.
 *
 * This file only wires the messages to the project's parts (as Temporal's safe-message-handlers
 * sample does); the entity is in context.ts, each concept in a file of its own.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { migrateCarriedState } from '../../domain/carried-state';
import type { ProjectState } from '../../domain/project';
import { createProject, describeIssues, email as emailSchema } from '../../domain/schemas';
import {
  type AmendContractArgs,
  type ChangeApprovalSettingsArgs,
  type ConfirmUseArgs,
  type DecideArgs,
  type DelegateArgs,
  type RecordReviewArgs,
  type ResendLinkArgs,
  type ScheduleRfiArgs,
  type StartEndOfUseArgs,
  type SubmitDeliverableArgs,
  amendContractUpdate,
  auditRecordQuery,
  auditTrailQuery,
  cancelSignal,
  changeApprovalSettingsUpdate,
  confirmUseUpdate,
  decideUpdate,
  decisionSignal,
  delegateUpdate,
  linkViewQuery,
  projectQuery,
  recordReviewUpdate,
  resendLinkUpdate,
  scheduleRfiUpdate,
  startEndOfUseUpdate,
  submitDeliverableUpdate,
} from '../messages';
import {
  cancel,
  changeApprovalSettings,
  noteIgnoredSignal,
  resendLink,
  validateResendLink,
  validateSettingsChange,
} from './admin';
import {
  type ProcurementWorkflowInput,
  type ProcurementWorkflowResult,
  ProjectContext,
  initialState,
} from './context';
import {
  amend,
  recordReview,
  startEndOfUse,
  validateAmendment,
  validateReview,
  validateStartEndOfUse,
} from './contract';
import { run } from './main-loop';
import { confirmUse, validateUseConfirmation } from './use-beyond-contract';
import { linkView, projectView } from './queries';
import { rulesOfNewProject } from './record-rules';
import { scheduleRfi, validateRfi } from './rfi';
import { decide, delegate, validateDecision, validateDelegation, validateSignalledDecision } from './rounds';
import { submit, validateSubmission } from './submissions';

export { HISTORY_EVENT_BUDGET } from './main-loop';
export { type ProcurementWorkflowInput, type ProcurementWorkflowResult, initialState } from './context';

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
    // Only an address: anything else in the field would be recorded as the actor.
    const createdBy = emailSchema.safeParse(input.createdBy?.email);
    state = initialState(
      parsed.data,
      new Date().toISOString(),
      createdBy.success ? createdBy.data : undefined,
    );
    const rules = rulesOfNewProject();
    if (rules) state.rules = rules;
  } else {
    state = migrateCarriedState(input.state);
  }
  const project = new ProjectContext(state, input.kind === 'continued');

  // Handlers first, before any await, so no message arriving with the first task is lost.
  setHandler(projectQuery, () => projectView(project));
  setHandler(linkViewQuery, (args) => linkView(project, args));
  setHandler(auditTrailQuery, () => project.state.audit);
  setHandler(auditRecordQuery, () => ({
    entries: project.state.audit,
    archive: project.state.archive ?? [],
  }));
  setHandler(submitDeliverableUpdate, (args) => submit(project, args), {
    validator: (args: SubmitDeliverableArgs) => validateSubmission(project, args),
  });
  setHandler(decideUpdate, (args) => decide(project, args), {
    validator: (args: DecideArgs) => void validateDecision(project, args),
  });
  setHandler(delegateUpdate, (args) => delegate(project, args), {
    validator: (args: DelegateArgs) => void validateDelegation(project, args),
  });
  setHandler(changeApprovalSettingsUpdate, (args) => changeApprovalSettings(project, args), {
    validator: (args: ChangeApprovalSettingsArgs) => void validateSettingsChange(project, args),
  });
  setHandler(scheduleRfiUpdate, (args) => scheduleRfi(project, args), {
    validator: (args: ScheduleRfiArgs) => void validateRfi(project, args),
  });
  setHandler(recordReviewUpdate, (args) => recordReview(project, args), {
    validator: (args: RecordReviewArgs) => void validateReview(project, args),
  });
  setHandler(amendContractUpdate, (args) => amend(project, args), {
    validator: (args: AmendContractArgs) => validateAmendment(project, args),
  });
  setHandler(startEndOfUseUpdate, (args) => startEndOfUse(project, args), {
    validator: (args: StartEndOfUseArgs) => validateStartEndOfUse(project, args),
  });
  setHandler(confirmUseUpdate, (args) => confirmUse(project, args), {
    validator: (args: ConfirmUseArgs) => validateUseConfirmation(project, args),
  });
  setHandler(resendLinkUpdate, (args) => resendLink(project, args), {
    validator: (args: ResendLinkArgs) => validateResendLink(project, args),
  });
  setHandler(decisionSignal, (args) => {
    try {
      const decision = { ...args, channel: 'signal' as const };
      validateSignalledDecision(project, decision);
      decide(project, decision);
    } catch (error) {
      noteIgnoredSignal(project, args, error);
    }
  });
  setHandler(cancelSignal, (args) => cancel(project, args));

  return run(project, input.kind === 'new');
}
