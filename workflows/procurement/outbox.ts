/**
 * The outbox: side effects a handler owes (mail, publishing lessons) are queued in the state in the
 * same synchronous step as the change, and sent from here through activities.
 */
import { ActivityFailure } from '@temporalio/workflow';
import { MAIL_OPTIONS, mail, publishing } from './activities';
import type { ProjectContext } from './context';

export async function drainOutbox(project: ProjectContext): Promise<void> {
  const batch = [...project.state.outbox];
  await Promise.all(
    batch.map(async (item) => {
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
        // Only a permanent refusal gets here (everything else retries): note it and go on.
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
      }
      project.state.outbox = project.state.outbox.filter((queued) => queued.id !== item.id);
    }),
  );
}
