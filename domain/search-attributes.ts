/** Typed custom search attributes: one definition used by the workflow, the API's list filters and the dev server. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProcurementStep = defineSearchAttributeKey('ProcurementStep', SearchAttributeType.KEYWORD);
export const ProcurementStatus = defineSearchAttributeKey('ProcurementStatus', SearchAttributeType.KEYWORD);
export const ProductGroup = defineSearchAttributeKey('ProductGroup', SearchAttributeType.KEYWORD);
export const Organisation = defineSearchAttributeKey('Organisation', SearchAttributeType.KEYWORD);
export const PendingApprovers = defineSearchAttributeKey(
  'PendingApprovers',
  SearchAttributeType.KEYWORD_LIST,
);
export const ContractEndDate = defineSearchAttributeKey('ContractEndDate', SearchAttributeType.DATETIME);
/** Messages that could not be delivered (refused for good, or still failing after the mail window). */
export const FailedNotifications = defineSearchAttributeKey('FailedNotifications', SearchAttributeType.INT);

/**
 * Everyone with a part in the project (requester, team, contract manager, approvers and delegates),
 * lower-case email addresses: who sees the project outside their own organisations.
 */
export const Participants = defineSearchAttributeKey('Participants', SearchAttributeType.KEYWORD_LIST);

/**
 * Who owes the project's next deliverable: the requester and the team's purchasing team (the
 * procurement officer's role), lower-case. My work lists "deliverables I must submit" with it.
 */
export const Submitters = defineSearchAttributeKey('Submitters', SearchAttributeType.KEYWORD_LIST);
/** The earliest follow-up moment of the contract not reviewed yet (absent without a contract). */
export const NextReviewDue = defineSearchAttributeKey('NextReviewDue', SearchAttributeType.DATETIME);
/** The open round's deadline passed and it still waits (escalated); absent or false otherwise. */
export const RoundPastDeadline = defineSearchAttributeKey('RoundPastDeadline', SearchAttributeType.BOOL);
/**
 * The day (00:00 UTC) of the project's last change anyone sees: a day, not an instant, so that
 * a busy day costs one upsert, not one per change.
 */
export const LastChangedOn = defineSearchAttributeKey('LastChangedOn', SearchAttributeType.DATETIME);

export const PROCUREMENT_SEARCH_ATTRIBUTES = [
  ProcurementStep,
  ProcurementStatus,
  ProductGroup,
  Organisation,
  PendingApprovers,
  ContractEndDate,
  FailedNotifications,
  Participants,
  Submitters,
  NextReviewDue,
  RoundPastDeadline,
  LastChangedOn,
];

/** The `--search-attribute Name=Type` arguments of `temporal server start-dev` and `temporal operator`. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = {
  ProcurementStep: 'Keyword',
  ProcurementStatus: 'Keyword',
  ProductGroup: 'Keyword',
  Organisation: 'Keyword',
  PendingApprovers: 'KeywordList',
  ContractEndDate: 'Datetime',
  FailedNotifications: 'Int',
  Participants: 'KeywordList',
  Submitters: 'KeywordList',
  NextReviewDue: 'Datetime',
  RoundPastDeadline: 'Bool',
  LastChangedOn: 'Datetime',
};
