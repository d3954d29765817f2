/**
 * All side effects of a project: mail (through a notifier that renders and sends) and the
 * product-group lessons workflow. Built by a factory that receives its dependencies, so tests and
 * the worker wire real SMTP and a real Temporal client in the same way.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { FailureType } from '../domain/failure-types';
import type { Notification } from '../domain/notifications';
import { type Lesson, lessonsWorkflowIdFor } from '../domain/project';
import { addLessonSignal, lessonsQuery, productGroupLessonsWorkflow } from '../workflows/lessons';

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
  client: Client;
  taskQueue: string;
}

export function createActivities({ notifier, client, taskQueue }: ActivityDependencies) {
  return {
    async sendNotification(notification: Notification): Promise<{ messageId: string }> {
      try {
        return await notifier.send(notification, {
          issuedAtMs: Context.current().info.currentAttemptScheduledTimestampMs,
        });
      } catch (error) {
        if (error instanceof MailRejectedError) {
          throw ApplicationFailure.nonRetryable(error.message, FailureType.mailRejected);
        }
        throw error;
      }
    },

    async fetchLessons(productGroup: string): Promise<Lesson[]> {
      try {
        return await client.workflow.getHandle(lessonsWorkflowIdFor(productGroup)).query(lessonsQuery);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return [];
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
