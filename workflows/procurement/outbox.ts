/**
 * The outbox: side effects a handler owes (mail, publishing lessons) are queued in the state in the
 * same synchronous step as the change, and sent from here through activities.
 *
 * Runs that carry the `detached-outbox` patch send every item on its own (`dispatchOutbox`): the
 * main loop goes on with its timers while mail is retried, and a message that cannot be delivered
 * within the mail activity's window is recorded as failed and counted in the FailedNotifications
 * search attribute. Runs started before the patch keep draining the whole batch (`drainOutbox`).
 */
import { ActivityFailure } from '@temporalio/workflow';
import type { OutboxItem } from '../../domain/project';
import { MAIL_OPTIONS, mail, publishing } from './activities';
import type { ProjectContext } from './context';

/** Patch: outbox items go out independently of the main loop (see main-loop.ts). */
export const DETACHED_OUTBOX = 'detached-outbox';

async function sendItem(project: ProjectContext, item: OutboxItem, countFailures: boolean): Promise<void> {
  try {
    if (item.kind === 'mail') {
      await mail.sendNotification.executeWithOptions(
        {
          ...MAIL_OPTIONS,
          summary: `${item.notification.kind} → ${item.notification.recipient.email}`,
        },
        [item.notification],
      );
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
    project.audit({
      kind: 'notification-failed',
      actor: 'system',
      channel: 'system',
      comment: error.cause?.message ?? error.message,
      details: {
        item:
          item.kind === 'mail'
            ? `${item.notification.kind} → ${item.notification.recipient.email}`
            : item.kind,
      },
    });
    if (countFailures) project.state.failedNotifications = (project.state.failedNotifications ?? 0) + 1;
  }
  project.state.outbox = project.state.outbox.filter((queued) => queued.id !== item.id);
}

/** Runs before the `detached-outbox` patch: send the whole batch and wait for all of it. */
export async function drainOutbox(project: ProjectContext): Promise<void> {
  const batch = [...project.state.outbox];
  await Promise.all(batch.map((item) => sendItem(project, item, false)));
}

/**
 * Starts sending every queued item that is not on its way yet, without waiting for any. Each
 * finished item wakes the main loop (it may be waiting to continue as new or to complete).
 */
export function dispatchOutbox(project: ProjectContext): void {
  for (const item of project.state.outbox) {
    if (project.sending.has(item.id)) continue;
    project.sending.add(item.id);
    const failedBefore = project.state.failedNotifications ?? 0;
    void sendItem(project, item, true).then(() => {
      project.sending.delete(item.id);
      // A failure changes what operators see; a delivery only wakes the loop (it may be waiting
      // to continue as new or to complete).
      if ((project.state.failedNotifications ?? 0) !== failedBefore) project.changed();
      else project.wake();
    });
  }
}
