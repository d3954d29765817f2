/**
 * The workflow's own timing on the time-skipping test server: reminders, escalation, round
 * deadlines and the RFI reminder. Time moves only through env.sleep(); mail goes through the real
 * SMTP capture, updates and queries through the API as everywhere else.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, dueInstant, formatDate } from '../../domain/follow-up';
import { approvalSettings } from '../../domain/schemas';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import {
  advanceTo,
  auditOf,
  createProject,
  decide,
  getProject,
  keyOf,
  mailsFor,
  people,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(timeSkippingEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

const { requester, internalClient: bram, purchaser: chloe, manager: dirk } = people;
const HOUR = 3_600_000;

/** Whole minutes from `from` to an ISO instant (a skipped-time timer fires a few ms late). */
const minutesAfter = (from: number, at: string | undefined): number =>
  Math.floor((Date.parse(at ?? '') - from) / 60_000);

describe('reminders and escalation', () => {
  test('pending approvers are reminded at the configured interval, and the escalation contact hears after N reminders', async () => {
    const id = uniqueId('remind');
    await createProject(h, id, {
      approvals: approvalSettings.parse({
        reminders: { everyHours: 24, escalateAfter: 2 },
        escalationContact: dirk,
      }),
    });
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);

    await env.sleep(23 * HOUR);
    expect(mailsFor(h, id, 'approval-reminder')).toHaveLength(0);
    await env.sleep(2 * HOUR);
    await waitForMail(h, id, 'approval-reminder', bram.email);
    const [first] = await waitForMail(h, id, 'approval-reminder', chloe.email);
    expect(first?.subject).toMatch(/^Reminder: approval of Circular need/);
    expect(mailsFor(h, id, 'approval-escalation')).toHaveLength(0);

    expect((await decide(h, id, bram.email)).status).toBe(200);
    await env.sleep(24 * HOUR);
    await waitForMail(h, id, 'approval-reminder', chloe.email, 2);
    const [escalation] = await waitForMail(h, id, 'approval-escalation', dirk.email);
    expect(escalation?.text).toMatch(
      /Na 2 herinneringen is er nog geen beslissing over de circulaire behoefte van /,
    );
    expect(escalation?.text).toContain(chloe.email);
    expect(escalation?.text).not.toContain(bram.email);
    expect(mailsFor(h, id, 'approval-reminder', bram.email)).toHaveLength(1);

    const audit = await auditOf(h, id);
    expect(audit.filter((e) => e.kind === 'reminder-sent').map((e) => e.details?.to)).toEqual([
      [bram.email, chloe.email],
      [chloe.email],
    ]);
    expect(audit.find((e) => e.kind === 'escalated')).toMatchObject({
      channel: 'timer',
      details: { to: dirk.email, pending: [chloe.email] },
    });
    const project = await getProject(h, id);
    expect(project.currentRound.reminders).toMatchObject({ sent: 2 });
    const opened = Date.parse(project.currentRound.openedAt);
    const sent = audit.filter((e) => e.kind === 'reminder-sent');
    expect(sent.map((e) => minutesAfter(opened, e.at))).toEqual([24 * 60, 48 * 60]);
    expect(project.currentRound.escalatedAt).toBe(sent[1]?.at);
  });

  test('someone asked later (the next in a sequential order, or a delegate) is reminded an interval after they were asked', async () => {
    const id = uniqueId('remind-later');
    await createProject(h, id, {
      approvals: approvalSettings.parse({
        policy: { sequential: true },
        reminders: { everyHours: 24, escalateAfter: 2 },
        escalationContact: dirk,
      }),
    });
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', bram.email);
    await env.sleep(20 * HOUR);
    await decide(h, id, bram.email);
    await waitForMail(h, id, 'approval-request', chloe.email);
    const askedAt = Date.parse(
      (await auditOf(h, id)).filter((e) => e.kind === 'approval-requested').at(-1)?.at ?? '',
    );

    await env.sleep(10 * HOUR);
    await env.sleep(15 * HOUR);
    await waitForMail(h, id, 'approval-reminder', chloe.email);
    let audit = await auditOf(h, id);
    const reminded = audit.filter((e) => e.kind === 'reminder-sent');
    expect(reminded.map((e) => [e.details?.to, minutesAfter(askedAt, e.at)])).toEqual([
      [[chloe.email], 24 * 60],
    ]);
    expect(audit.some((e) => e.kind === 'escalated')).toBe(false);

    const delegated = await h
      .api(keyOf(chloe.email))
      .post(`/api/projects/${id}/delegations`)
      .send({ to: people.csr });
    expect(delegated.status).toBe(200);
    await env.sleep(23 * HOUR);
    await env.sleep(2 * HOUR);
    await waitForMail(h, id, 'approval-reminder', people.csr.email);
    audit = await auditOf(h, id);
    expect(audit.filter((e) => e.kind === 'reminder-sent').map((e) => e.details?.to)).toEqual([
      [chloe.email],
      [people.csr.email],
    ]);
    expect(audit.some((e) => e.kind === 'escalated')).toBe(false);
    expect(mailsFor(h, id, 'approval-reminder', chloe.email)).toHaveLength(1);
  });
});

describe('round deadlines', () => {
  test('a deadline with outcome "escalate" tells the escalation contact and keeps the round open', async () => {
    const id = uniqueId('deadline-escalate');
    await createProject(h, id, {
      approvals: approvalSettings.parse({
        reminders: { everyHours: 24 * 30, escalateAfter: 10 },
        escalationContact: dirk,
        deadline: { afterHours: 48, outcome: 'escalate' },
      }),
    });
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    expect((await getProject(h, id)).currentRound.deadline).toMatchObject({
      outcome: 'escalate',
      handled: false,
    });

    await env.sleep(49 * HOUR);
    const [escalation] = await waitForMail(h, id, 'approval-escalation', dirk.email);
    expect(escalation?.text).toMatch(
      /De termijn om de circulaire behoefte van .* goed te keuren \(ronde 1\) is verstreken/,
    );
    const audit = await auditOf(h, id);
    const passed = audit.find((e) => e.kind === 'deadline-passed');
    expect(passed).toMatchObject({ comment: 'escalate', channel: 'timer' });
    const opened = Date.parse((await getProject(h, id)).currentRound.openedAt);
    expect(minutesAfter(opened, passed?.at)).toBe(48 * 60);
    expect(audit.find((e) => e.kind === 'escalated')).toMatchObject({ comment: 'deadline passed' });
    const project = await getProject(h, id);
    expect(project).toMatchObject({
      status: 'awaiting-approval',
      pendingApprovers: [bram.email, chloe.email],
    });
    expect(project.currentRound.deadline.handled).toBe(true);
    expect(mailsFor(h, id, 'approval-reminder')).toHaveLength(0);
  });

  test('a deadline with outcome "reject" closes the round as timed out and reopens the step', async () => {
    const id = uniqueId('deadline-reject');
    await createProject(h, id, {
      approvals: approvalSettings.parse({
        reminders: { everyHours: 24 * 30, escalateAfter: 10 },
        deadline: { afterHours: 24, outcome: 'reject' },
      }),
    });
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    await decide(h, id, bram.email);

    await env.sleep(25 * HOUR);
    const [outcome] = await waitForMail(h, id, 'round-outcome', requester.email);
    expect(outcome?.subject).toMatch(/^Circulaire behoefte van .*: termijn verstreken$/);
    const project = await getProject(h, id);
    expect(project).toMatchObject({
      status: 'changes-requested',
      gate: 'circular-need',
      pendingApprovers: [],
    });
    expect(project.rounds[0]).toMatchObject({ status: 'timed-out' });
    const late = await decide(h, id, chloe.email, { gate: 'circular-need', decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('round 1 is closed (timed-out)');
    expect((await submit(h, id, 'circular-need')).round).toBe(2);
  });
});

describe('the RFI of step 3', () => {
  test('the purchaser is reminded to record the findings at the RFI closing date', async () => {
    const id = uniqueId('rfi');
    await createProject(h, id);
    await advanceTo(h, id, 'market-dialogue');
    const now = await env.currentTimeMs();
    const closesOn = addDays(formatDate(new Date(now)), 3);
    const scheduled = await h
      .api()
      .post(`/api/projects/${id}/rfi`)
      .send({ closesOn, description: 'RFI on furniture-as-a-service' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toEqual({ closesOn });

    await env.sleep(dueInstant(closesOn) - now - HOUR);
    expect(mailsFor(h, id, 'rfi-reminder')).toHaveLength(0);
    await env.sleep(2 * HOUR);
    const [reminder] = await waitForMail(h, id, 'rfi-reminder', requester.email);
    expect(reminder?.subject).toMatch(/^RFI afgesloten: leg de bevindingen vast/);
    expect(reminder?.text).toContain('RFI on furniture-as-a-service');
    const sent = (await auditOf(h, id)).filter((e) => e.kind === 'rfi-reminder-sent');
    expect(sent.map((e) => minutesAfter(dueInstant(closesOn), e.at))).toEqual([0]);

    await env.sleep(7 * 24 * HOUR);
    await waitForMail(h, id, 'rfi-reminder', requester.email, 2);
    await submit(h, id, 'market-dialogue');
    await env.sleep(14 * 24 * HOUR);
    const after = (await auditOf(h, id)).filter((e) => e.kind === 'rfi-reminder-sent');
    expect(after.map((e) => minutesAfter(dueInstant(closesOn), e.at))).toEqual([0, 7 * 24 * 60]);
  });
});
