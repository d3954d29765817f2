/**
 * The outbox: side effects a handler owes (mail, publishing lessons) are queued in the state in the
 * same synchronous step as the change, and sent from here through activities.
 *
 * Runs that carry the `detached-outbox` patch send every item on its own (`dispatchOutbox`): the
 * main loop goes on with its timers while mail is retried, and a message that cannot be delivered
 * within the mail activity's window is recorded as failed and counted in the FailedNotifications
 * search attribute. Runs started before the patch keep draining the whole batch (`drainOutbox`).
 *
 * Runs that also carry the `batched-mail` patch send the mails queued since the last dispatch in
 * one activity (activities/mail/batch.ts); before it, each mail was an activity of its own.
 */
import { ActivityFailure } from '@temporalio/workflow';
import type { MailBatchResult } from '../../activities/mail/batch';
import type { OutboxItem } from '../../domain/project';
import { isPatched, BATCHED_MAIL } from './patches';
import { MAIL_OPTIONS, mail, publishing } from './activities';
import type { ProjectContext } from './context';

type MailItem = Extract<OutboxItem, { kind: 'mail' }>;

/** A summary is a line in the UI's event list, not a report. */
const SUMMARY_MAX_CHARACTERS = 200;

const describeMail = (item: MailItem) => `${item.notification.kind} → ${item.notification.recipient.email}`;

/** A batch's summary in the UI: each kind with its recipients, cut short with a count past a line. */
function batchSummary(items: MailItem[]): string {
  const byKind = new Map<string, string[]>();
  for (const { notification } of items) {
    byKind.set(notification.kind, [...(byKind.get(notification.kind) ?? []), notification.recipient.email]);
  }
  const full = [...byKind].map(([kind, emails]) => `${kind} → ${emails.join(', ')}`).join('; ');
  if (full.length <= SUMMARY_MAX_CHARACTERS) return full;
  const first = items[0] as MailItem;
  return `${describeMail(first)} and ${items.length - 1} more`;
}

function noteFailed(project: ProjectContext, item: OutboxItem, reason: string, countFailures: boolean): void {
  project.audit({
    kind: 'notification-failed',
    actor: 'system',
    channel: 'system',
    comment: reason,
    details: { item: item.kind === 'mail' ? describeMail(item) : item.kind },
  });
  if (countFailures) project.state.failedNotifications = (project.state.failedNotifications ?? 0) + 1;
}

function removeFromOutbox(project: ProjectContext, ids: Set<number>): void {
  project.state.outbox = project.state.outbox.filter((queued) => !ids.has(queued.id));
}

async function sendItem(project: ProjectContext, item: OutboxItem, countFailures: boolean): Promise<void> {
  try {
    if (item.kind === 'mail') {
      await mail.sendNotification.executeWithOptions({ ...MAIL_OPTIONS, summary: describeMail(item) }, [
        item.notification,
      ]);
    } else {
      await publishing.publishLessons(item.productGroup, item.lesson);
      project.audit({
        kind: 'lessons-published',
        actor: 'system',
        channel: 'system',
        details: { productGroup: item.productGroup },
      });
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // A permanent refusal, or a message still undelivered when its window closed: note it and go on.
    noteFailed(project, item, error.cause?.message ?? error.message, countFailures);
  }
  removeFromOutbox(project, new Set([item.id]));
}

/** Runs before the `detached-outbox` patch: send the whole batch and wait for all of it. */
export async function drainOutbox(project: ProjectContext): Promise<void> {
  const batch = [...project.state.outbox];
  await Promise.all(batch.map((item) => sendItem(project, item, false)));
}

/**
 * Sends a batch of mails in one activity (activities/mail/batch.ts). A message refused for good is
 * noted at once; one not delivered yet goes on as an activity of its own, retried with backoff
 * like any message before the patch. Should the batch itself keep failing until its window
 * closes, its messages are noted as failed.
 */
async function sendMailBatch(project: ProjectContext, items: MailItem[]): Promise<void> {
  const summary = batchSummary(items);
  let result: MailBatchResult;
  try {
    result = await mail.sendNotifications.executeWithOptions({ ...MAIL_OPTIONS, summary }, [
      items.map(({ id, notification }) => ({ id, notification })),
    ]);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    for (const item of items) noteFailed(project, item, error.cause?.message ?? error.message, true);
    removeFromOutbox(project, new Set(items.map((item) => item.id)));
    return;
  }
  const retried: Promise<void>[] = [];
  const done = new Set<number>();
  for (const item of items) {
    const refusal = result.refused[item.id];
    if (refusal !== undefined) noteFailed(project, item, refusal, true);
    if (item.id in result.later) retried.push(sendItem(project, item, true));
    else done.add(item.id);
  }
  removeFromOutbox(project, done);
  // Operators see a refusal now, not once the retried messages are through.
  if (Object.keys(result.refused).length > 0) project.changed();
  await Promise.all(retried);
}

/** Starts one send, keeping it in `sending` until it ends; its end wakes the main loop. */
function startSending(project: ProjectContext, ids: number[], send: () => Promise<void>): void {
  for (const id of ids) project.sending.add(id);
  const failedBefore = project.state.failedNotifications ?? 0;
  void send().then(() => {
    for (const id of ids) project.sending.delete(id);
    // A failure changes what operators see; a delivery only wakes the loop (it may be waiting
    // to continue as new or to complete).
    if ((project.state.failedNotifications ?? 0) !== failedBefore) project.changed();
    else project.wake();
  });
}

/**
 * Starts sending every queued item that is not on its way yet, without waiting for any. Each
 * finished send wakes the main loop (it may be waiting to continue as new or to complete).
 */
export function dispatchOutbox(project: ProjectContext): void {
  const waiting = project.state.outbox.filter((item) => !project.sending.has(item.id));
  if (waiting.length === 0) return;
  const mails = waiting.filter((item): item is MailItem => item.kind === 'mail');
  const batched = mails.length > 0 && isPatched(BATCHED_MAIL);
  for (const item of waiting) {
    if (batched && item.kind === 'mail') continue;
    startSending(project, [item.id], () => sendItem(project, item, true));
  }
  if (batched) {
    startSending(
      project,
      mails.map((item) => item.id),
      () => sendMailBatch(project, mails),
    );
  }
}
