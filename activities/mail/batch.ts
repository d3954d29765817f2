/**
 * The mails one workflow task owes, sent by one activity: a submission that asks four approvers
 * costs one activity instead of four (each activity is three history events, a task to match and a
 * workflow task to take its result; on Temporal Cloud, billed actions).
 *
 * A batch tries each message once, in order, and reports what became of each: accepted, refused
 * for good, or not delivered yet (the server failed for now, or the attempt's time ran short). It
 * fails only when something other than a message fails. The workflow hands the messages not
 * delivered yet to the one-message activity, whose retries back off as before; so a refusal is
 * recorded when the batch ends, and one mail server that is down holds up nobody else's mail.
 */
import type { Notification } from '../../domain/notifications';

export interface MailBatchItem {
  /** The outbox item's id (unique within the project). */
  id: number;
  notification: Notification;
}

export interface MailBatchResult {
  /** Outbox id → Message-ID of each message the SMTP server accepted. */
  sent: Record<number, string>;
  /** Outbox id → the server's answer, for each message refused for good. */
  refused: Record<number, string>;
  /** Outbox id → why it is not delivered yet, for each message to try again on its own. */
  later: Record<number, string>;
}

export interface MailBatchDependencies {
  /** Sends one message. */
  sendOne(notification: Notification): Promise<{ messageId: string }>;
  /** Whether an error of sendOne means the server refused the message for good. */
  isRefusedForGood(error: unknown): boolean;
  /**
   * Milliseconds left in this attempt, and the longest one send can take (the SMTP timeouts): a
   * send is started only if it ends before the attempt times out, since a timed-out attempt is
   * retried while its send may still deliver.
   */
  remainingMs(): number;
  sendWorstCaseMs: number;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function sendMailBatch(
  items: MailBatchItem[],
  deps: MailBatchDependencies,
): Promise<MailBatchResult> {
  const result: MailBatchResult = { sent: {}, refused: {}, later: {} };
  for (const { id, notification } of items) {
    if (deps.remainingMs() < deps.sendWorstCaseMs) {
      result.later[id] = 'not tried: the batch ran out of time';
      continue;
    }
    try {
      result.sent[id] = (await deps.sendOne(notification)).messageId;
    } catch (error) {
      if (deps.isRefusedForGood(error)) result.refused[id] = reasonOf(error);
      else result.later[id] = reasonOf(error);
    }
  }
  return result;
}
