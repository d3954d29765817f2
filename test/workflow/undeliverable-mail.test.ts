/**
 * Mail that cannot be delivered never holds up a project. A real SMTP server (the capture) refuses
 * one approver for good (550), another for a while (451, then accepts), and a third for longer than
 * the mail window; on the time-skipping server the round's deadline, its escalation and later mail
 * still happen on time, and what could not be delivered is in the audit trail and in the
 * FailedNotifications search attribute an operator filters on in the Temporal UI.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { workflowIdFor } from '../../domain/project';
import { approvalSettings } from '../../domain/schemas';
import { FailedNotifications } from '../../domain/search-attributes';
import { type Harness, eventually, startHarness, timeSkippingEnvironment } from '../helpers/harness';
import {
  auditOf,
  createProject,
  mailsFor,
  people,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';

const { internalClient: bram, purchaser: chloe, csr: els, manager: dirk } = people;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who the SMTP server refuses right now, and how. */
const refusals = new Map<string, { code: number; message: string }>();
const refusedAttempts = new Map<string, number>();

let env: TestWorkflowEnvironment;
let mail: MailCapture;
let h: Harness;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
  mail = await startMailCapture({
    refuseRecipient: (address) => {
      const refusal = refusals.get(address);
      if (refusal) refusedAttempts.set(address, (refusedAttempts.get(address) ?? 0) + 1);
      return refusal;
    },
  });
  h = await startHarness({ env, mail });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await mail?.stop();
  await env?.teardown();
});

async function failedNotifications(id: string): Promise<number | undefined> {
  const description = await h.client.workflow.getHandle(workflowIdFor(id)).describe();
  return description.typedSearchAttributes.get(FailedNotifications);
}

test('a recipient refused for good, one refused for a while and one refused past the mail window hold up neither the round deadline nor later mail', async () => {
  const id = uniqueId('undeliverable');
  refusals.set(bram.email, { code: 550, message: '5.1.1 no such user' });
  refusals.set(chloe.email, { code: 451, message: '4.7.1 try again later' });
  refusals.set(els.email, { code: 452, message: '4.2.2 mailbox full' });
  await createProject(h, id, {
    approvals: approvalSettings.parse({
      reminders: { everyHours: 24, escalateAfter: 5 },
      deadline: { afterHours: 48, outcome: 'escalate' },
      escalationContact: dirk,
      gates: { 'circular-need': { approvers: [bram, chloe, els] } },
    }),
  });
  await submit(h, id, 'circular-need');

  // The 550 is final at once: recorded, counted, no retry.
  await eventually(async () => (await failedNotifications(id)) === 1);
  const firstFailure = (await auditOf(h, id)).filter((e) => e.kind === 'notification-failed');
  expect(firstFailure).toHaveLength(1);
  expect(firstFailure[0]?.details?.item).toBe(`approval-request → ${bram.email}`);
  expect(firstFailure[0]?.comment).toMatch(/no such user/);
  expect(refusedAttempts.get(bram.email)).toBe(1);

  // While chloe's and els's requests are being retried, the reminder and the deadline come on time.
  await eventually(() => Promise.resolve((refusedAttempts.get(chloe.email) ?? 0) >= 2));
  await env.sleep(49 * HOUR);
  const [escalation] = await waitForMail(h, id, 'approval-escalation', dirk.email);
  expect(escalation?.text).toContain(chloe.email);
  let audit = await auditOf(h, id);
  expect(audit.filter((e) => e.kind === 'reminder-sent')).toHaveLength(2);
  expect(audit.some((e) => e.kind === 'deadline-passed')).toBe(true);
  expect(mailsFor(h, id, undefined, chloe.email)).toHaveLength(0);

  // chloe's server takes mail again: her request and reminders arrive, late but once each.
  refusals.delete(chloe.email);
  await env.sleep(2 * HOUR);
  const delivered = await waitForMail(h, id, 'approval-reminder', chloe.email, 2);
  expect(delivered).toHaveLength(2);
  await waitForMail(h, id, 'approval-request', chloe.email);
  expect(mailsFor(h, id, 'approval-request', chloe.email)).toHaveLength(1);

  // els is still refused after the mail window (7 days): each of her messages is recorded as
  // failed, the count shows in the search attribute, and the project is still waiting on her.
  await env.sleep(7 * DAY);
  await eventually(async () => {
    const failed = (await auditOf(h, id)).filter(
      (e) => e.kind === 'notification-failed' && String(e.details?.item).endsWith(els.email),
    );
    return failed.length >= 3 || undefined;
  }, 30_000);
  audit = await auditOf(h, id);
  const elsFailures = audit.filter(
    (e) => e.kind === 'notification-failed' && String(e.details?.item).endsWith(els.email),
  );
  expect(elsFailures[0]?.details?.item).toBe(`approval-request → ${els.email}`);
  expect(mailsFor(h, id, undefined, els.email)).toHaveLength(0);
  const failedTotal = audit.filter((e) => e.kind === 'notification-failed').length;
  await eventually(async () => (await failedNotifications(id)) === failedTotal);
  expect(failedTotal).toBeGreaterThanOrEqual(4);
}, 120_000);
