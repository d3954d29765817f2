/**
 * Time-dependent mail behaviour on the time-skipping test server: reminders threaded to their
 * request, and links that expire in (skipped) time and can be renewed from the page.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { CapturedMessage } from '../../dev/mail-capture';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { auditTrailQuery } from '../../workflows/messages';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(
  async () =>
    ({ env, h } = await startFileHarness(timeSkippingEnvironment, { configEnv: { LINK_TTL_DAYS: '2' } })),
);
afterAll(() => stopFileHarness(h, env));

const { internalClient: bram } = samplePeople;

function linkOf(message: CapturedMessage | undefined): string {
  const link = message?.links.find((l) => l.startsWith(`${h.baseUrl}/d/`));
  if (!link) throw new Error('no decision link');
  return link.slice(h.baseUrl.length);
}

test('a reminder is threaded to the request, and an expired link offers a fresh one that works', async () => {
  const id = `expiry-${Date.now()}`;
  const project = sampleProject(id, {
    approvals: {
      policy: { rule: 'all', sequential: false },
      reminders: { everyHours: 24, escalateAfter: 5 },
      gates: {},
    },
  });
  expect((await h.api().post('/api/projects').send(project)).status).toBe(202);
  expect((await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed)).status).toBe(
    200,
  );
  const [requestMail] = await h.mail.waitFor(
    (m) => m.to.includes(bram.email) && m.subject.startsWith('Goedkeuring gevraagd'),
  );
  const original = linkOf(requestMail);
  expect((await request(h.baseUrl).get(original)).status).toBe(200);

  await env.sleep('25 hours');
  const [reminder] = await h.mail.waitFor(
    (m) => m.to.includes(bram.email) && m.subject.startsWith('Herinnering'),
  );
  expect(reminder?.inReplyTo).toBe(requestMail?.messageId);
  expect(reminder?.references).toContain(requestMail?.messageId);

  await env.sleep('2 days');
  const expired = await request(h.baseUrl).get(original);
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('Deze link is verlopen');
  expect(expired.text).toContain('/renew');
  const refused = await request(h.baseUrl).post(original).type('form').send({ decision: 'approve' });
  expect(refused.status).toBe(410);

  const renewed = await request(h.baseUrl).post(`${original}/renew`).type('form').send({});
  expect(renewed.status).toBe(200);
  expect(renewed.text).toContain(bram.email);
  const [fresh] = await h.mail.waitFor(
    (m) => m.to.includes(bram.email) && m.messageId?.includes('.resend1.') === true,
  );
  const freshLink = linkOf(fresh);
  expect(freshLink).not.toBe(original);
  const approved = await request(h.baseUrl).post(freshLink).type('form').send({ decision: 'approve' });
  expect(approved.status).toBe(200);

  const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
  expect(audit.filter((e) => e.kind === 'decided').map((e) => e.actor)).toEqual([bram.email]);
  expect(audit.some((e) => e.kind === 'approval-requested' && e.comment === 'fresh link after expiry')).toBe(
    true,
  );
});
