/**
 * The timers of an approval round in the workflow alone: reminders per holder, escalation after N
 * reminders, the round deadline (escalate or reject). Time moves only through env.sleep.
 */
import { HOUR, minutesAfter, people, workflowUnitSuite } from './harness';

const suite = workflowUnitSuite();
const { requester, internalClient: bram, purchaser: chloe, manager: dirk } = people;

describe('reminders and escalation', () => {
  test('pending approvers are reminded at the configured interval, and the escalation contact hears once someone has had N reminders', () =>
    suite.run(
      'remind',
      {
        approvals: {
          reminders: { everyHours: 24, escalateAfter: 2 },
          escalationContact: dirk,
        },
      },
      async (p) => {
        await p.submit('circular-need');
        await p.mail.waitFor('approval-request', undefined, 2);

        await suite.env.sleep(23 * HOUR);
        expect(await p.audit('reminder-sent')).toEqual([]);
        await suite.env.sleep(2 * HOUR);
        const first = await p.mail.waitFor('approval-reminder', undefined, 2);
        expect(first.map((n) => [n.recipient.email, n.sequence]).sort()).toEqual([
          [bram.email, 1],
          [chloe.email, 1],
        ]);
        expect(p.mail.of('approval-escalation')).toEqual([]);

        await p.decide(bram.email);
        await suite.env.sleep(24 * HOUR);
        const [escalation] = await p.mail.waitFor('approval-escalation', dirk.email);
        expect(escalation).toMatchObject({ reason: 'reminders', remindersSent: 2, pending: [chloe] });
        await p.mail.waitFor('approval-reminder', chloe.email, 2);
        expect(p.mail.of('approval-reminder', bram.email)).toHaveLength(1);

        const state = await p.state();
        const opened = state.currentRound?.openedAt ?? '';
        const reminded = await p.audit('reminder-sent');
        expect(reminded.map((e) => [e.details?.to, minutesAfter(opened, e.at)])).toEqual([
          [[bram.email, chloe.email], 24 * 60],
          [[chloe.email], 48 * 60],
        ]);
        expect(await p.audit('escalated')).toEqual([
          expect.objectContaining({
            channel: 'timer',
            comment: '2 reminders without a decision',
            details: { to: dirk.email, pending: [chloe.email] },
          }),
        ]);
        expect(state.currentRound?.escalatedAt).toBe(reminded[1]?.at);
      },
    ));

  test('someone asked later (the next in a sequential round) is reminded a full interval after they were asked', () =>
    suite.run(
      'remind-later',
      {
        approvals: {
          policy: { sequential: true },
          reminders: { everyHours: 24, escalateAfter: 2 },
          escalationContact: dirk,
        },
      },
      async (p) => {
        await p.submit('circular-need');
        await suite.env.sleep(20 * HOUR);
        await p.decide(bram.email);
        await p.mail.waitFor('approval-request', chloe.email);
        const askedAt = (await p.audit('approval-requested')).at(-1)?.at ?? '';

        // 24 hours after the round opened, but only 4 after chloe was asked: nobody is reminded.
        await suite.env.sleep(23 * HOUR);
        expect(await p.audit('reminder-sent')).toEqual([]);
        await suite.env.sleep(2 * HOUR);
        await p.mail.waitFor('approval-reminder', chloe.email);
        const reminded = await p.audit('reminder-sent');
        expect(reminded.map((e) => [e.details?.to, minutesAfter(askedAt, e.at)])).toEqual([
          [[chloe.email], 24 * 60],
        ]);
        expect(p.mail.of('approval-reminder', bram.email)).toEqual([]);
        expect(await p.audit('escalated')).toEqual([]);
      },
    ));

  test('a round nobody answers stops reminding after 20 reminders, and its deadline still fires', () =>
    suite.run(
      'remind-cap',
      {
        approvals: {
          reminders: { everyHours: 1, escalateAfter: 10 },
          deadline: { afterHours: 30, outcome: 'escalate' },
          escalationContact: dirk,
        },
      },
      async (p) => {
        await p.submit('circular-need');
        await suite.env.sleep(31 * HOUR);
        await p.mail.waitFor('approval-escalation', dirk.email, 2);
        const reminded = await p.audit('reminder-sent');
        expect(reminded.map((e) => e.details?.reminder)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect((await p.audit('escalated')).map((e) => e.comment)).toEqual([
          '10 reminders without a decision',
          'deadline passed',
        ]);
        expect((await p.state()).currentRound?.reminders.sent).toBe(20);
      },
    ));
});

describe('round deadlines', () => {
  test('a deadline with outcome "escalate" tells the escalation contact at the deadline and keeps the round open', () =>
    suite.run(
      'deadline-escalate',
      {
        approvals: {
          reminders: { everyHours: 24 * 30, escalateAfter: 10 },
          escalationContact: dirk,
          deadline: { afterHours: 48, outcome: 'escalate' },
        },
      },
      async (p) => {
        await p.submit('circular-need');
        expect((await p.state()).currentRound?.deadline).toMatchObject({
          outcome: 'escalate',
          handled: false,
        });

        await suite.env.sleep(47 * HOUR);
        expect(await p.audit('deadline-passed')).toEqual([]);
        await suite.env.sleep(2 * HOUR);
        const [escalation] = await p.mail.waitFor('approval-escalation', dirk.email);
        expect(escalation).toMatchObject({ reason: 'deadline', sequence: 1, pending: [bram, chloe] });

        const state = await p.state();
        const [passed] = await p.audit('deadline-passed');
        expect(passed).toMatchObject({ comment: 'escalate', channel: 'timer' });
        expect(minutesAfter(state.currentRound?.openedAt ?? '', passed?.at)).toBe(48 * 60);
        expect(state).toMatchObject({
          status: 'awaiting-approval',
          pendingApprovers: [bram.email, chloe.email],
        });
        expect(state.currentRound?.deadline?.handled).toBe(true);
        expect(p.mail.of('approval-reminder')).toEqual([]);
      },
    ));

  test('a deadline with outcome "reject" closes the round as timed out, reopens the step and refuses a late decision', () =>
    suite.run(
      'deadline-reject',
      {
        approvals: {
          reminders: { everyHours: 24 * 30, escalateAfter: 10 },
          deadline: { afterHours: 24, outcome: 'reject' },
        },
      },
      async (p) => {
        await p.submit('circular-need');
        await p.decide(bram.email);
        await suite.env.sleep(23 * HOUR);
        expect((await p.state()).status).toBe('awaiting-approval');
        await suite.env.sleep(2 * HOUR);

        const [outcome] = await p.mail.waitFor('round-outcome', requester.email);
        expect(outcome).toMatchObject({ round: 1, outcome: 'timed-out' });
        const state = await p.state();
        expect(state).toMatchObject({
          status: 'changes-requested',
          gate: 'circular-need',
          pendingApprovers: [],
        });
        expect(state.rounds[0]?.status).toBe('timed-out');
        await expect(p.decide(chloe.email, 'approve', { gate: 'circular-need' })).rejects.toMatchObject({
          cause: { message: 'round 1 is closed (timed-out)' },
        });
        expect((await p.submit('circular-need')).round).toBe(2);
      },
    ));
});
