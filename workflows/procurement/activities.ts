/**
 * The activities the workflow calls, one proxy per kind of work with its own timeouts and retries.
 */
import { type ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { FailureType } from '../../domain/failure-types';

type Activities = ReturnType<typeof createActivities>;

// Mail goes out within a week or is reported: retries back off to one attempt an hour, so an
// SMTP outage of hours or days delays messages (by at most an hour once it ends) but drops none;
// a message still undelivered after MAIL_DELIVERY_WINDOW, or refused for good (bad address), is
// recorded as failed in the audit trail and the project carries on (see outbox.ts).
export const MAIL_DELIVERY_WINDOW = '7 days';
export const MAIL_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: MAIL_DELIVERY_WINDOW,
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: [FailureType.mailRejected],
  },
};
export const mail = proxyActivities<Activities>(MAIL_OPTIONS);

// Lessons of earlier projects are a nice-to-have at creation: a few quick attempts, then go on.
export const lookups = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

// Publishing lessons signals another workflow; like mail, it must happen eventually.
export const publishing = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});
