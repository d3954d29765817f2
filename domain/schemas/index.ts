/**
 * zod schemas for everything a person submits. The API validates requests with them and the
 * workflow's update validators run them again, so a message that bypasses the API (the CLI, the
 * Temporal UI, another integration) meets the same rules.
 *
 * One file per concern: building blocks (common), approval settings and decisions (approvals),
 * creating and cancelling a project (project), one file per gate's deliverable, the contract's
 * follow-up (contract) and the per-gate map (deliverables). This index re-exports their public names.
 */
export {
  type Channel,
  type Person,
  channel,
  describeIssues,
  email,
  gateId,
  isoDate,
  locale,
  person,
  roleId,
  COMMENT_MAX_CHARACTERS,
  INPUT_MAX_BYTES,
  slug,
  stepId,
  timeZone,
} from './common';
export {
  type ApprovalPolicy,
  type ApprovalSettings,
  type ApprovalSettingsChange,
  type DecisionInput,
  type DecisionKind,
  type DelegationInput,
  type GateApprovalOverride,
  type ReminderSettings,
  type RoundDeadline,
  approvalPolicy,
  approvalSettings,
  approvalSettingsChange,
  decisionInput,
  signalledDecisionInput,
  decisionKind,
  delegationInput,
  gateApprovalOverride,
  reminderSettings,
  roundDeadline,
} from './approvals';
export {
  type CreateProject,
  type TeamMember,
  cancelInput,
  createProject,
  createProjectRequest,
  teamMember,
} from './project';
export { type NeedDeliverable, needDeliverable } from './need';
export { type AmbitionsDeliverable, ambitionsDeliverable } from './ambitions';
export {
  type MarketDialogueDeliverable,
  type RfiSchedule,
  marketDialogueDeliverable,
  rfiSchedule,
} from './market-dialogue';
export { type TenderDocumentsDeliverable, tenderDocumentsDeliverable } from './tender-documents';
export {
  type AwardDeliverable,
  type FollowUpCadence,
  DEFAULT_FOLLOW_UP_CADENCE,
  awardDeliverable,
  cadenceChange,
  followUpCadence,
} from './award';
export {
  type ContractAmendment,
  type ContractReview,
  type GrowthCommitment,
  type UseConfirmation,
  contractAmendment,
  contractReview,
  startEndOfUse,
  useConfirmation,
} from './contract';
export {
  type AwardLegalFrame,
  type DecisionBody,
  type TenderLegalFrame,
  DECISION_BODIES,
  awardLegalFrame,
  tenderLegalFrame,
} from './legal-frame';
export { type EndOfUseDeliverable, endOfUseDeliverable } from './end-of-use';
export { type EvaluationDeliverable, evaluationDeliverable } from './evaluation';
export { type DeliverableByGate, deliverableSchemas } from './deliverables';
