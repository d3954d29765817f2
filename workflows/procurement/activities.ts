/**
 * The activities the workflow calls, one proxy per kind of work with its own timeouts and retries.
 */
import { type ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

// Mail must never be lost: retry without a limit, backing off to one attempt every 15 minutes, so
// an SMTP outage of hours or days delays messages but drops none. A message the server refuses
// for good (bad address) is not retried.
export const MAIL_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '15 minutes',
    nonRetryableErrorTypes: ['MailRejected'],
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
