/**
 * All side effects of a project: mail (through a notifier that renders and sends) and the
 * product-group lessons workflow. Built by a factory that receives its dependencies, so tests and
 * the worker wire real SMTP and a real Temporal client in the same way.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
// The API's classification of Temporal's answers: one place says what "did not answer" means.
import { isTemporalUnavailable } from '../config/temporal-errors';
import { runWithRequestId } from '../config/request-context';
import { FailureType } from '../domain/failure-types';
import type { Notification } from '../domain/notifications';
import { MAIL_ATTEMPT_MARGIN_MS } from '../config/config';
import { type MailBatchItem, type MailBatchResult, sendMailBatch } from './mail/batch';
import { DEFAULT_SMTP_TIMEOUTS, sendWorstCaseMs } from './mail/transport';
import { type Lesson, lessonsWorkflowIdFor } from '../domain/project';
import { addLessonSignal, lessonsQuery, productGroupLessonsWorkflow } from '../workflows/lessons';

/** How long a new project waits for its product group's lessons (a query answers in milliseconds). */
const LESSONS_QUERY_DEADLINE_MS = 5_000;

export interface Notifier {
  /**
   * Renders and delivers one notification; returns the Message-ID it was sent with. `issuedAtMs` is
   * the server's time of this attempt (links expire relative to it, also under time-skipping).
   */
  send(notification: Notification, context: { issuedAtMs: number }): Promise<{ messageId: string }>;
}

/** Thrown by a notifier when the mail server refuses a message for good (e.g. 550 no such user). */
export class MailRejectedError extends Error {
  override name = FailureType.mailRejected;
}

export interface ActivityDependencies {
  notifier: Notifier;
  /** The longest one send can take (the SMTP timeouts); the defaults' when not given. */
  mailSendWorstCaseMs?: number;
  client: Client;
  taskQueue: string;
}

/**
 * Mails sent and failed, on the worker's Prometheus endpoint (WORKER_METRICS_PORT) beside the SDK's
 * own metrics: counted through the activity's metric meter, which the SDK runtime exports.
 */
export const MAIL_METRICS = {
  sent: 'procurement_mails_sent',
  failed: 'procurement_mails_failed',
} as const;

/** Renders and sends one message, with its log line and metrics; a refusal for good stays a MailRejectedError. */
async function deliver(
  notifier: Notifier,
  context: Context,
  notification: Notification,
): Promise<{ messageId: string }> {
  const { requestId } = notification;
  // The request that caused the mail (absent for timers): on this line and on any logged below it.
  const about = {
    ...(requestId ? { requestId } : {}),
    projectId: notification.project.projectId,
    kind: notification.kind,
    attempt: context.info.attempt,
  };
  const send = () =>
    notifier.send(notification, { issuedAtMs: context.info.currentAttemptScheduledTimestampMs });
  try {
    const sent = await (requestId ? runWithRequestId(requestId, send) : send());
    context.metricMeter
      .createCounter(MAIL_METRICS.sent, 'mails', 'Mails accepted by the SMTP server')
      .add(1, { kind: notification.kind });
    context.log.info('mail sent', { ...about, messageId: sent.messageId });
    return sent;
  } catch (error) {
    const rejected = error instanceof MailRejectedError;
    context.metricMeter
      .createCounter(MAIL_METRICS.failed, 'mails', 'Mail attempts that failed (rejected: for good)')
      .add(1, { kind: notification.kind, reason: rejected ? 'rejected' : 'error' });
    context.log.warn('mail failed', { ...about, error });
    throw error;
  }
}

export function createActivities({
  notifier,
  client,
  taskQueue,
  mailSendWorstCaseMs = sendWorstCaseMs(DEFAULT_SMTP_TIMEOUTS),
}: ActivityDependencies) {
  return {
    /** One message per activity: what runs started before the `batched-mail` patch still call. */
    async sendNotification(notification: Notification): Promise<{ messageId: string }> {
      try {
        return await deliver(notifier, Context.current(), notification);
      } catch (error) {
        if (error instanceof MailRejectedError) {
          throw ApplicationFailure.nonRetryable(error.message, FailureType.mailRejected);
        }
        throw error;
      }
    },

    /** The mails one workflow task owes, in one activity (mail/batch.ts). */
    async sendNotifications(items: MailBatchItem[]): Promise<MailBatchResult> {
      const context = Context.current();
      const deadline = Date.now() + context.info.startToCloseTimeoutMs - MAIL_ATTEMPT_MARGIN_MS;
      return sendMailBatch(items, {
        sendOne: (notification) => deliver(notifier, context, notification),
        isRefusedForGood: (error) => error instanceof MailRejectedError,
        remainingMs: () => deadline - Date.now(),
        sendWorstCaseMs: mailSendWorstCaseMs,
      });
    },

    async fetchLessons(productGroup: string): Promise<Lesson[]> {
      try {
        // A query waits for a worker of the lessons workflow; a new project does not wait long on
        // lessons that are a help, not a condition (the workflow goes on without them and logs it).
        return await client.withDeadline(Date.now() + LESSONS_QUERY_DEADLINE_MS, () =>
          client.workflow.getHandle(lessonsWorkflowIdFor(productGroup)).query(lessonsQuery),
        );
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return [];
        if (isTemporalUnavailable(error))
          throw ApplicationFailure.nonRetryable(
            `no worker answered the lessons of ${productGroup}: ${(error as Error).message}`,
            'LessonsUnavailable',
          );
        throw error;
      }
    },

    async publishLessons(productGroup: string, lesson: Lesson): Promise<void> {
      await client.workflow.signalWithStart(productGroupLessonsWorkflow, {
        workflowId: lessonsWorkflowIdFor(productGroup),
        taskQueue,
        args: [{ productGroup }],
        signal: addLessonSignal,
        signalArgs: [lesson],
        staticSummary: `Lessons of product group ${productGroup}`,
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
