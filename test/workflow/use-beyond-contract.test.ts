/**
 * A contract end is not an end of use, on the time-skipping server: at the contract end the owners
 * (contract manager and purchaser) are asked whether use goes on; their answer moves the end-of-use
 * reminder and the next question, and step 6 starts only when use really ends. Mail goes through
 * the real SMTP capture, answers through the API and through the workspace page the mail links to.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleAward } from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas';
import { type Harness, startHarness, timeSkippingEnvironment } from '../helpers/harness';
import { signInOverHttp } from '../helpers/workspace-http';
import {
  advanceTo,
  approveRound,
  auditOf,
  createProject,
  getProject,
  mailsFor,
  people,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
  // The contract manager may sign in to the workspace, where the mail's link takes her.
  const manager = { ...people.contractManager, organisations: ['Stad Gent'], roles: ['officer'] };
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([manager]) } });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const { purchaser: chloe, contractManager: ilse } = people;
const HOUR = 3_600_000;

/** Whole minutes from `from` to an ISO instant (a skipped-time timer fires a few ms late). */
const minutesAfter = (from: number, at: string | undefined): number =>
  Math.floor((Date.parse(at ?? '') - from) / 60_000);

/** A project in step 5 whose contract ends 45 days from now, with the end-of-use reminder one month ahead. */
async function contractEndingSoon(name: string): Promise<{ id: string; end: string }> {
  const id = uniqueId(name);
  await createProject(h, id);
  await advanceTo(h, id, 'award');
  const today = formatDate(new Date(await env.currentTimeMs()));
  const end = addDays(today, 45);
  const cadence = { ...DEFAULT_FOLLOW_UP_CADENCE, endOfUseLeadMonths: 1 };
  await submit(h, id, 'award', sampleAward(addDays(today, 1), end, { followUpCadence: cadence }));
  await approveRound(h, id);
  return { id, end };
}

const confirm = (id: string, body: object) =>
  h.api().post(`/api/projects/${id}/use-confirmations`).send(body);

test('at the contract end the owners are asked whether use goes on, and the project stays in step 5 until they answer', async () => {
  const { id, end } = await contractEndingSoon('use-asked');
  await env.sleep(dueInstant(end) - (await env.currentTimeMs()) - HOUR);
  expect(mailsFor(h, id, 'use-continuation-request')).toHaveLength(0);
  await env.sleep(2 * HOUR);

  const [toManager] = await waitForMail(h, id, 'use-continuation-request', ilse.email);
  const [toPurchaser] = await waitForMail(h, id, 'use-continuation-request', chloe.email);
  expect(toManager?.subject).toMatch(/^Blijft u het gebruiken\? Bevestig het einde van het gebruik — /);
  expect(toManager?.text).toContain(`Beste ${ilse.name},`);
  // In the language each owner chose: the sample purchaser reads English.
  expect(toPurchaser?.text).toContain(`Dear ${chloe.name},`);
  expect(toPurchaser?.subject).toMatch(/^Still in use\? Confirm the end of use — /);
  expect(toManager?.text).toContain('niet vanzelf het einde van het gebruik');
  // The contract's end-of-use conditions of step 4 (the sample tender agreed take-back).
  expect(toManager?.text).toContain('Wat het contract afsprak voor het einde van het gebruik (stap 4):');
  expect(toManager?.text).toContain('  - Terugnameplicht bij einde gebruik');
  expect(toPurchaser?.text).toContain('  - Take-back at end of use');
  const asked = (await auditOf(h, id)).find((e) => e.kind === 'use-continuation-asked');
  expect(asked).toMatchObject({ channel: 'timer', details: { useEnd: end } });
  expect(asked?.details?.to).toEqual(expect.arrayContaining([ilse.email, chloe.email]));
  expect(minutesAfter(dueInstant(end), asked?.at)).toBe(0);
  expect(await getProject(h, id)).toMatchObject({ step: 'use-and-execution' });

  // Unanswered: the owners are reminded once after the grace period; then nothing more is due.
  await env.sleep(30 * 24 * HOUR);
  const [, reminder] = await waitForMail(h, id, 'use-continuation-request', ilse.email, 2);
  expect(reminder?.subject).toMatch(/^Herinnering: Blijft u het gebruiken\?/);
  const asking = (await auditOf(h, id)).filter((e) => e.kind === 'use-continuation-asked');
  expect(asking.map((e) => e.comment)).toEqual([undefined, 'reminder']);
  const graceEnd = dueInstant(addDays(end, DEFAULT_FOLLOW_UP_CADENCE.graceDays));
  expect(minutesAfter(graceEnd, asking[1]?.at)).toBe(0);
  expect(mailsFor(h, id, 'use-continuation-request')).toHaveLength(4);
  expect((await getProject(h, id)).step).toBe('use-and-execution');
  expect((await auditOf(h, id)).some((e) => e.kind === 'end-of-use-triggered')).toBe(false);
});

test('use that goes on moves the end-of-use reminder and the next question to the confirmed day; use that ends starts step 6 with its reason', async () => {
  const { id, end } = await contractEndingSoon('use-goes-on');
  await env.sleep(dueInstant(end) - (await env.currentTimeMs()) + HOUR);
  await waitForMail(h, id, 'use-continuation-request', ilse.email);
  await waitForMail(h, id, 'end-of-use-reminder', ilse.email);

  const until = addMonths(end, 4);
  const refused = await confirm(id, { continues: true, reason: 'The chairs are as good as new' });
  expect(refused.status).toBe(400);
  expect(refused.body.problems).toEqual(['body.until: use that goes on says until when']);
  const tooEarly = await confirm(id, {
    continues: true,
    until: end,
    reason: 'The chairs are as good as new',
  });
  expect(tooEarly.status).toBe(422);
  expect(tooEarly.body.message).toContain(`until: ${end} is not in the future`);

  const answered = await confirm(id, { continues: true, until, reason: 'The chairs are as good as new' });
  expect(answered.status).toBe(200);
  expect(answered.body).toEqual({ step: 'use-and-execution', useUntil: until });
  const contract = (await getProject(h, id)).contract;
  expect(contract).toMatchObject({
    useUntil: until,
    useConfirmations: [
      { by: people.requester.email, continues: true, until, reason: 'The chairs are as good as new' },
    ],
  });
  expect(contract.useQuestionAskedAt).toBeUndefined();

  // The reminder comes a month before the confirmed day, naming it; the question again on the day.
  const reminderAt = dueInstant(addMonths(until, -1));
  await env.sleep(reminderAt - (await env.currentTimeMs()) - HOUR);
  expect(mailsFor(h, id, 'end-of-use-reminder', ilse.email)).toHaveLength(1);
  await env.sleep(2 * HOUR);
  const [, moved] = await waitForMail(h, id, 'end-of-use-reminder', ilse.email, 2);
  expect(moved?.subject).toMatch(/^Einde gebruik nadert/);
  expect(moved?.text).toContain('loopt volgens uw bevestiging door tot');
  const reminders = (await auditOf(h, id)).filter((e) => e.kind === 'end-of-use-reminder-sent');
  expect(reminders.map((e) => e.details?.useUntil)).toEqual([undefined, until]);
  expect(minutesAfter(reminderAt, reminders[1]?.at)).toBe(0);

  await env.sleep(dueInstant(until) - (await env.currentTimeMs()) + HOUR);
  const [, again] = await waitForMail(h, id, 'use-continuation-request', ilse.email, 2);
  expect(again?.text).toContain('was bevestigd tot vandaag');
  expect((await getProject(h, id)).step).toBe('use-and-execution');

  const ended = await confirm(id, { continues: false, reason: 'Seats worn through: replace' });
  expect(ended.status).toBe(200);
  expect(ended.body).toEqual({ step: 'end-of-use' });
  const project = await getProject(h, id);
  expect(project).toMatchObject({ step: 'end-of-use', gate: 'end-of-use', status: 'awaiting-submission' });
  const audit = await auditOf(h, id);
  expect(audit.find((e) => e.kind === 'end-of-use-triggered')).toMatchObject({
    actor: people.requester.email,
    comment: 'Seats worn through: replace',
  });
  expect(
    audit.filter((e) => e.kind === 'use-continuation-confirmed').map((e) => e.details?.continues),
  ).toEqual([true, false]);
  const late = await confirm(id, { continues: false, reason: 'Seats worn through: replace' });
  expect(late.status).toBe(409);
});

test('the owners can confirm longer use before the contract end: no question is asked at the contract end', async () => {
  const { id, end } = await contractEndingSoon('use-known-early');
  const until = addMonths(end, 12);
  const longer = await confirm(id, { continues: true, until, reason: 'Owned chairs, built for 15 years' });
  expect(longer.status).toBe(200);
  const beforeEnd = await confirm(id, {
    continues: true,
    until: addDays(end, -1),
    reason: 'Owned chairs, built for 15 years',
  });
  expect(beforeEnd.status).toBe(422);
  expect(beforeEnd.body.message).toContain(`past the contract end ${end}`);

  await env.sleep(dueInstant(end) - (await env.currentTimeMs()) + 24 * HOUR);
  expect((await getProject(h, id)).step).toBe('use-and-execution');
  expect(mailsFor(h, id, 'use-continuation-request')).toHaveLength(0);
  expect((await auditOf(h, id)).some((e) => e.kind === 'use-continuation-asked')).toBe(false);
});

test('the contract manager answers from the mail in the workspace, without JSON: a problem beside its field, then step 6', async () => {
  const { id, end } = await contractEndingSoon('use-in-workspace');
  await env.sleep(dueInstant(end) - (await env.currentTimeMs()) + HOUR);
  const [mail] = await waitForMail(h, id, 'use-continuation-request', ilse.email);
  const page = `/work/projects/${id}/use`;
  expect(mail?.links).toContain(`${h.baseUrl}${page}`);

  // No visibility on the time-skipping server: the session's token is read from the page itself.
  const session = await signInOverHttp(h, ilse.email, page);
  const form = await session.get(page);
  expect(form.status).toBe(200);
  expect(await form.text()).toContain('Loopt het gebruik door?');

  const incomplete = await session.post(page, { continues: 'yes', reason: 'The chairs are as good as new' });
  expect(incomplete.status).toBe(400);
  // The page is Dutch (Ilse's locale): the rule reads in Dutch beside the field, not in the API's English.
  const incompleteHtml = await incomplete.text();
  expect(incompleteHtml).toMatch(/id="until-problem">Gebruik dat doorgaat: geef tot wanneer\./);
  expect(incompleteHtml).not.toContain('use that goes on says until when');
  expect((await getProject(h, id)).step).toBe('use-and-execution');

  const ended = await session.post(page, { continues: 'no', reason: 'The office moves; the chairs go back' });
  expect(ended.status).toBe(303);
  expect(ended.headers.get('location')).toBe(`/work/projects/${id}?done=end-of-use-started`);
  expect((await getProject(h, id)).step).toBe('end-of-use');
  expect((await getProject(h, id)).contract.useConfirmations).toEqual([
    expect.objectContaining({ by: ilse.email, continues: false }),
  ]);
}, 180_000);
