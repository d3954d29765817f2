/**
 * The contract manager's side of step 5 on the time-skipping server: the review request mail with
 * its invitation, the review form behind its link, an expired link renewed, and amendments that
 * the workflow refuses with a reason and without changing anything.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { CapturedMessage } from '../../dev/mail-capture';
import { sampleAward, samplePeople } from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { type ProjectState, workflowIdFor } from '../../domain/project';
import { auditTrailQuery, projectQuery } from '../../workflows/messages';
import {
  advanceTo,
  approveRound,
  createProject,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(
  async () =>
    ({ env, h } = await startFileHarness(timeSkippingEnvironment, { configEnv: { LINK_TTL_DAYS: '10' } })),
);
afterAll(() => stopFileHarness(h, env));

const { contractManager: ilse } = samplePeople;

async function skipTo(instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

async function projectInContract(name: string) {
  const id = uniqueId(name);
  await createProject(h, id);
  await advanceTo(h, id, 'award');
  const today = formatDate(new Date(await env.currentTimeMs()));
  const start = addDays(today, 5);
  await submit(h, id, 'award', sampleAward(start, addMonths(start, 36)));
  await approveRound(h, id);
  const state = () => h.client.workflow.getHandle(workflowIdFor(id)).query(projectQuery);
  const contract = (await state()).contract as NonNullable<ProjectState['contract']>;
  return { id, start, contract, state };
}

function reviewLink(message: CapturedMessage | undefined): string {
  const link = message?.links.find((l) => l.includes('/r/'));
  if (!link) throw new Error('no review link');
  return link.slice(h.baseUrl.length);
}

test('the contract manager records a review through the form behind the mailed link', async () => {
  const { id, contract, state } = await projectInContract('review-form');
  const kickOff = contract.moments.find((m) => m.kind === 'kick-off');
  expect(kickOff).toBeDefined();
  await skipTo(dueInstant(addDays(kickOff?.dueOn ?? '', -7)) + 60_000);
  const [mail] = await waitForMail(h, id, 'review-request', ilse.email);
  expect(mail?.subject).toContain('Opvolging: Startvergadering');
  const calendar = mail?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(calendar?.content).toContain('METHOD:REQUEST');
  expect(calendar?.content).toContain(`UID:kick-off.${id}@gent.example`);
  const link = reviewLink(mail);

  const form = await request(h.baseUrl).get(link);
  expect(form.status).toBe(200);
  expect(form.text).toContain('Prestaties en opvolging');
  expect(form.text).toContain('Beschikbaarheid');
  // The KPIs' units in the contract manager's language (Dutch here).
  expect(form.text).toContain('Reactietijd herstel (uren)');
  expect(form.text).toContain('Opgeleide gebruikers (% van de gebruikers)');
  expect(form.text).not.toContain('(hours)');
  expect(form.text).toContain('Groeitraject');

  const incomplete = await request(h.baseUrl)
    .post(link)
    .type('form')
    .send({ 'kpi-availability': '99.5', issues: 'none' });
  expect(incomplete.status).toBe(400);
  expect(incomplete.text).toContain('performance');
  expect(incomplete.text).toContain('value="99.5"');

  const recorded = await request(h.baseUrl).post(link).type('form').send({
    performance: 'Delivered on time; kick-off held on site.',
    'kpi-availability': '99.5',
    'kpi-users-trained': '40',
  });
  expect(recorded.status).toBe(200);
  expect(recorded.text).toContain('de review is geregistreerd');

  const review = (await state()).reviews.find((r) => r.momentId === 'kick-off');
  expect(review).toMatchObject({
    recordedBy: ilse.email,
    channel: 'email',
    kpis: [
      { kpiId: 'availability', value: 99.5 },
      { kpiId: 'users-trained', value: 40 },
    ],
  });
  const again = await request(h.baseUrl).get(link);
  expect(again.text).toContain('Review al geregistreerd');
});

test('an expired review link offers a fresh one (one mail however often asked), and the fresh one works', async () => {
  const { id, contract, state } = await projectInContract('review-renew');
  const kickOff = contract.moments.find((m) => m.kind === 'kick-off');
  await skipTo(dueInstant(addDays(kickOff?.dueOn ?? '', -7)) + 60_000);
  const [mail] = await waitForMail(h, id, 'review-request', ilse.email);
  const link = reviewLink(mail);
  const renew = () => request(h.baseUrl).post(`${link}/renew`).type('form').send({});
  const early = await renew();
  expect(early.status).toBe(409);
  expect(early.text).toContain('Gebruik de link die u hebt');

  await env.sleep('11 days');
  const expired = await request(h.baseUrl).get(link);
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('/renew');
  const renewed = [await renew(), await renew()];
  expect(renewed.map((r) => r.status)).toEqual([200, 200]);
  const fresh = await h.mail.waitFor(
    (m) => m.messageId?.includes(`cpo.${id}.moment.kick-off.review-reminder.0.resend1.`) === true,
  );
  const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
  expect(audit.filter((e) => e.comment === 'fresh link after expiry')).toHaveLength(1);
  const recorded = await request(h.baseUrl)
    .post(reviewLink(fresh[0]))
    .type('form')
    .send({ performance: 'Late but fine.' });
  expect(recorded.status).toBe(200);
  expect((await state()).reviews.map((r) => r.momentId)).toEqual(['kick-off']);
});

test('amendments with bad values are refused with the reason and change nothing', async () => {
  const { id, start, state } = await projectInContract('bad-amendments');
  const before = await state();
  const today = formatDate(new Date(await env.currentTimeMs()));
  const attempts: [object, number, RegExp][] = [
    [{ contractEnd: addDays(today, -1), reason: 'Backdating the end' }, 422, /not in the future/],
    [{ contractEnd: addDays(start, -1), reason: 'End before the start' }, 422, /after the contract start/],
    [{ contractEnd: before.contract?.end, reason: 'Same end' }, 422, /already ends/],
    [{ cadence: { reviewEveryMonths: 0 }, reason: 'Never review' }, 400, /reviews at least monthly/],
    [{ cadence: { reviewEveryMonths: 18 }, reason: 'Hardly review' }, 400, /reviews at least yearly/],
    [{ contractManager: ilse, reason: 'Same manager' }, 422, /already manages/],
    [{ reason: 'Nothing at all' }, 400, /change at least one/],
  ];
  for (const [body, status, message] of attempts) {
    const response = await h.api().post(`/api/projects/${id}/amendments`).send(body);
    expect({ status: response.status, text: JSON.stringify(response.body) }).toEqual({
      status,
      text: expect.stringMatching(message),
    });
  }
  // Beside the English problems, each with its field and, for a rule of the schemas, its code.
  const nothing = await h.api().post(`/api/projects/${id}/amendments`).send({ reason: 'Nothing at all' });
  expect(nothing.body.issues).toEqual([
    {
      path: 'body',
      message: 'change at least one of contractEnd, cadence, contractManager',
      rule: 'amendment.change-nothing',
      params: {},
    },
  ]);
  const after = await state();
  expect(after.contract).toEqual(before.contract);
  const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
  expect(audit.filter((e) => e.kind === 'contract-amended')).toEqual([]);
});

function calendarOf(message: CapturedMessage | undefined): string {
  const calendar = message?.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content;
  if (!calendar) throw new Error(`no calendar in ${message?.subject ?? 'nothing'}`);
  return calendar;
}

test('a new contract manager gets the announced invitations and the old one their cancellation', async () => {
  const { id, contract, state } = await projectInContract('new-manager');
  const kickOff = contract.moments.find((m) => m.kind === 'kick-off');
  await skipTo(dueInstant(addDays(kickOff?.dueOn ?? '', -7)) + 60_000);
  await waitForMail(h, id, 'review-request', ilse.email);
  const hanne = samplePeople.logistics;
  const amended = await h
    .api()
    .post(`/api/projects/${id}/amendments`)
    .send({ contractManager: hanne, reason: 'Ilse moves to another department' });
  expect(amended.status).toBe(200);

  const [cancelled] = await waitForMail(h, id, 'calendar-update', ilse.email);
  const [invited] = await waitForMail(h, id, 'calendar-update', hanne.email);
  expect(calendarOf(cancelled)).toContain('METHOD:CANCEL');
  expect(calendarOf(cancelled)).toContain(`UID:kick-off.${id}@gent.example`);
  expect(calendarOf(cancelled)).toContain('SEQUENCE:1');
  expect(calendarOf(invited)).toContain('METHOD:REQUEST');
  expect(calendarOf(invited)).toContain(`UID:kick-off.${id}@gent.example`);
  expect((await state()).contract?.manager.email).toBe(hanne.email);
});

test('moving to end of use early cancels the announced follow-up in the calendar', async () => {
  const { id, contract, state } = await projectInContract('early-end-of-use');
  const kickOff = contract.moments.find((m) => m.kind === 'kick-off');
  await skipTo(dueInstant(addDays(kickOff?.dueOn ?? '', -7)) + 60_000);
  await waitForMail(h, id, 'review-request', ilse.email);
  const ended = await h.api().post(`/api/projects/${id}/end-of-use`).send({ reason: 'The building is sold' });
  expect(ended.status).toBe(200);
  const [cancellation] = await waitForMail(h, id, 'calendar-update', ilse.email);
  expect(calendarOf(cancellation)).toContain('METHOD:CANCEL');
  expect(calendarOf(cancellation)).toContain('STATUS:CANCELLED');
  const after = await state();
  expect(after.step).toBe('end-of-use');
  expect(after.contract?.moments.every((m) => m.cancelledAt || m.reviewedAt)).toBe(true);
});
