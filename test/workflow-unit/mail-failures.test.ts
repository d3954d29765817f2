/**
 * Mail that cannot be delivered, in the workflow alone: the stub mail activity refuses a recipient
 * for good (MailRejected) or keeps failing retryably, and the round's timers go on regardless.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Notification } from '../../domain/notifications';
import { FailedNotifications } from '../../domain/search-attributes';
import { HOUR, minutesAfter, people, refusedForGood, refusedForNow, workflowUnitSuite } from './harness';

const suite = workflowUnitSuite();
const { internalClient: bram, purchaser: chloe, manager: dirk } = people;

test('a message refused for good is recorded as notification-failed and counted once, without a retry, and the round is still reminded on time', () =>
  suite.run(
    'mail-rejected',
    {
      approvals: { reminders: { everyHours: 24, escalateAfter: 5 } },
      refuse: (n) =>
        n.recipient.email === bram.email ? refusedForGood('550 5.1.1 no such user') : undefined,
    },
    async (p) => {
      await p.submit('circular-need');
      const [failed] = await p.untilAudit('notification-failed');
      expect(failed).toMatchObject({
        actor: 'system',
        comment: '550 5.1.1 no such user',
        details: { item: `approval-request → ${bram.email}` },
      });
      expect((await p.state()).failedNotifications).toBe(1);
      expect(p.mail.attemptsTo(bram.email)).toHaveLength(1);
      await p.mail.waitFor('approval-request', chloe.email);

      await suite.env.sleep(25 * HOUR);
      await p.mail.waitFor('approval-reminder', chloe.email);
      const [reminded] = await p.audit('reminder-sent');
      const opened = (await p.state()).currentRound?.openedAt ?? '';
      expect(minutesAfter(opened, reminded?.at)).toBe(24 * 60);
      expect(reminded?.details?.to).toEqual([bram.email, chloe.email]);

      const failures = await p.untilAudit('notification-failed', 2);
      expect(failures.map((e) => e.details?.item)).toEqual([
        `approval-request → ${bram.email}`,
        `approval-reminder → ${bram.email}`,
      ]);
      expect((await p.state()).failedNotifications).toBe(2);
      const described = await p.handle.describe();
      expect(described.typedSearchAttributes.get(FailedNotifications)).toBe(2);
      expect(p.mail.attemptsTo(bram.email)).toHaveLength(2);
      expect(p.mail.of(undefined, bram.email)).toEqual([]);
    },
  ));

test('a message that keeps failing retryably does not hold up the round deadline, and is not yet counted as failed', () =>
  suite.run(
    'mail-retrying',
    {
      approvals: {
        reminders: { everyHours: 24 * 30, escalateAfter: 10 },
        deadline: { afterHours: 2, outcome: 'escalate' },
        escalationContact: dirk,
      },
      refuse: (n) =>
        n.recipient.email === chloe.email ? refusedForNow('451 4.7.1 try again later') : undefined,
    },
    async (p) => {
      await p.submit('circular-need');
      await p.mail.waitForAttempts(chloe.email);
      await suite.env.sleep(1 * HOUR);
      expect(await p.audit('deadline-passed')).toEqual([]);
      await suite.env.sleep(2 * HOUR);

      const [escalation] = await p.mail.waitFor('approval-escalation', dirk.email);
      expect(escalation).toMatchObject({ reason: 'deadline', pending: [bram, chloe] });
      const state = await p.state();
      const [passed] = await p.audit('deadline-passed');
      expect(minutesAfter(state.currentRound?.openedAt ?? '', passed?.at)).toBe(2 * 60);
      // Meanwhile chloe's request was tried again and again, and is still within its delivery window.
      expect(p.mail.attemptsTo(chloe.email).length).toBeGreaterThan(3);
      expect(p.mail.of(undefined, chloe.email)).toEqual([]);
      expect(await p.audit('notification-failed')).toEqual([]);
      expect(state.failedNotifications ?? 0).toBe(0);
      expect(state).toMatchObject({
        status: 'awaiting-approval',
        pendingApprovers: [bram.email, chloe.email],
      });
      // Both requests left in one batch; bram's went at once and was not sent again, chloe's went
      // on as an activity of its own, retried with backoff.
      expect(p.mail.attemptsTo(bram.email)).toHaveLength(1);
      const scheduled = await scheduledActivities(p.handle);
      expect(scheduled.filter((a) => a.type === 'sendNotifications')[0]?.items).toEqual([
        `approval-request → ${bram.email}`,
        `approval-request → ${chloe.email}`,
      ]);
      expect(scheduled.filter((a) => a.type === 'sendNotification')[0]?.items).toEqual([
        `approval-request → ${chloe.email}`,
      ]);
    },
  ));

/** The activities the workflow scheduled, with the messages each was given. */
async function scheduledActivities(handle: WorkflowHandle): Promise<{ type: string; items: string[] }[]> {
  const history = await handle.fetchHistory();
  const converter = defaultPayloadConverter;
  return (history.events ?? []).flatMap((event) => {
    const attributes = event.activityTaskScheduledEventAttributes;
    const type = attributes?.activityType?.name ?? '';
    if (!attributes || !type.startsWith('sendNotification')) return [];
    const [input] = (attributes.input?.payloads ?? []).map((payload) => converter.fromPayload(payload));
    const notifications = (
      Array.isArray(input) ? input.map((item) => item.notification) : [input]
    ) as Notification[];
    return [
      {
        type,
        items: notifications.map((n) => `${n.kind} → ${n.recipient.email}`),
      },
    ];
  });
}
