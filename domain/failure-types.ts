/**
 * The `type` of every ApplicationFailure the workflow and the activities throw on purpose. The API
 * turns the update rejections into HTTP statuses, and the workflow stops retrying the mail activity
 * on a rejected mail, so both sides must spell them the same.
 */
export const FailureType = {
  /** The input breaks a rule (a deliverable or a request that does not validate): HTTP 422. */
  invalidInput: 'InvalidInput',
  /** The project is not in a state that allows it (round closed, already decided): HTTP 409. */
  wrongState: 'WrongState',
  /** This person may not do it (not an approver in the round): HTTP 403. */
  notAllowed: 'NotAllowed',
  /** The mail server refused the message for good: retrying cannot help. */
  mailRejected: 'MailRejected',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];
