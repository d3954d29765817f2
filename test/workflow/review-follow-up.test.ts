/**
 * Step 5's reviews on the time-skipping server, as the source asks them: the purchaser follows up
 * next to the contract manager (the request reaches both), and a review records realised and
 * potential circularity, correct use by internal staff, the supplier's part and growth
 * commitments that later reviews follow up. Mail through the real SMTP capture, the form over HTTP.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { CapturedMessage } from '../../dev/mail-capture';
import { sampleAward, sampleReview } from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { workflowIdFor } from '../../domain/project';
import { projectQuery } from '../../workflows/messages';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  auditOf,
  createProject,
  people,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(timeSkippingEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

const { purchaser: chloe, contractManager: ilse } = people;

async function skipTo(instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

function reviewLink(message: CapturedMessage | undefined): string {
  const link = message?.links.find((l) => l.includes('/r/'));
  if (!link) throw new Error('no review link');
  return link.slice(h.baseUrl.length);
}

test('the purchaser gets the review request beside the contract manager, sees the commitments left open, and records a review with the circularity realised and potential, internal use and the supplier', async () => {
  const id = uniqueId('review-both');
  await createProject(h, id);
  await advanceTo(h, id, 'award');
  const start = addDays(formatDate(new Date(await env.currentTimeMs())), 5);
  await submit(h, id, 'award', sampleAward(start, addMonths(start, 36)));
  await approveRound(h, id);
  const state = () => h.client.workflow.getHandle(workflowIdFor(id)).query(projectQuery);
  const moments = (await state()).contract?.moments ?? [];
  const kickOff = moments.find((m) => m.id === 'kick-off');
  const periodic = moments.find((m) => m.id === 'periodic-review-1');
  if (!kickOff || !periodic) throw new Error('the contract has no kick-off or first periodic review');

  await skipTo(dueInstant(addDays(kickOff.dueOn, -7)) + 60_000);
  const [toManager] = await waitForMail(h, id, 'review-request', ilse.email);
  const [toPurchaser] = await waitForMail(h, id, 'review-request', chloe.email);
  expect(toManager?.subject).toMatch(/^Opvolging: Startvergadering/);
  expect(toPurchaser?.subject).toMatch(/^Follow-up: Kick-off on /);
  expect(toPurchaser?.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
  const requested = (await auditOf(h, id)).find((e) => e.kind === 'review-requested');
  expect(requested?.details).toMatchObject({ to: ilse.email, copiedTo: [chloe.email] });

  // The kick-off agrees a growth step; the next review is asked to follow it up.
  const recorded = await h.api().post(`/api/projects/${id}/reviews`).send(sampleReview('kick-off'));
  expect(recorded.status).toBe(200);

  await skipTo(dueInstant(addDays(periodic.dueOn, -7)) + 60_000);
  const [next] = await waitForMail(h, id, 'review-request', chloe.email, 2).then((m) =>
    m.filter((mail) => mail.messageId?.includes('.moment.periodic-review-1.')),
  );
  const link = reviewLink(next);
  const form = await request(h.baseUrl).get(link);
  expect(form.status).toBe(200);
  expect(form.text).toContain('Open growth commitments from earlier reviews');
  expect(form.text).toContain('reusable-packaging: Deliveries in reusable crates instead of cardboard');
  expect(form.text).toContain('Correct use by internal staff');
  expect(form.text).toContain('name="supplierReport"');

  const fields = {
    performance: 'Deliveries on plan.',
    circularityRealised: '96% refurbished chairs delivered.',
    circularityPotential: 'Reusable crates from June.',
    'kpi-availability': '98',
    'kpi-availability-potential': '99.5',
    internalUseCorrect: 'no',
    supplierAttended: 'no',
    supplierReport: 'Supplier report: 3 repairs, 1 chair taken back for parts.',
  };
  const refused = await request(h.baseUrl).post(link).type('form').send(fields);
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('internalUse.findings: use that is not (fully) correct says what was seen');
  // The same form in Dutch says the rule in Dutch.
  const dutch = await request(h.baseUrl).post(`${link}?lang=nl`).type('form').send(fields);
  expect(dutch.status).toBe(400);
  expect(dutch.text).toContain(
    'Gebruik dat niet (volledig) correct is: zeg wat u zag en wat eraan gedaan wordt.',
  );
  expect(dutch.text).not.toContain('says what was seen');
  const withoutReport = {
    ...fields,
    internalUseFindings: 'Chairs used as step ladders.',
    supplierReport: '',
  };
  const noSupplier = await request(h.baseUrl).post(link).type('form').send(withoutReport);
  expect(noSupplier.status).toBe(400);
  expect(noSupplier.text).toContain(
    'supplier.ownReport: a supplier that did not take part contributes its own report',
  );

  const accepted = await request(h.baseUrl)
    .post(link)
    .type('form')
    .send({ ...fields, internalUseFindings: 'Chairs used as step ladders.' });
  expect(accepted.status).toBe(200);
  const review = (await state()).reviews.find((r) => r.momentId === 'periodic-review-1');
  expect(review).toMatchObject({
    recordedBy: chloe.email,
    channel: 'email',
    kpis: [{ kpiId: 'availability', value: 98, potential: 99.5 }],
    circularity: { realised: '96% refurbished chairs delivered.', potential: 'Reusable crates from June.' },
    internalUse: { correct: 'no', findings: 'Chairs used as step ladders.' },
    supplier: { attended: false, ownReport: 'Supplier report: 3 repairs, 1 chair taken back for parts.' },
  });
});
