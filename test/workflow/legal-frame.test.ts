/**
 * The legal frame of step 4 through the real API and worker on the time-skipping test server: the
 * formal award decision the award gate needs, the 15-day standstill timer that holds the contract
 * back, and amendments held to the tender's extension options. Time moves only through env.sleep().
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import supertest from 'supertest';
import { sampleAward, sampleAwardLegalFrame, sampleTenderDocuments } from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { decisionLink } from '../email/decision-mail';
import { type Harness, eventually, startHarness, timeSkippingEnvironment } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  auditOf,
  createProject,
  getProject,
  submit,
  uniqueId,
  people,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
  h = await startHarness({ env });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const today = async () => formatDate(new Date(await env.currentTimeMs()));

/** A project waiting for its award, its tender documents stating the legal frame (the sample's). */
async function atAward(name: string): Promise<string> {
  const id = uniqueId(name);
  await createProject(h, id);
  await advanceTo(h, id, 'award');
  return id;
}

describe('the standstill', () => {
  test('an approved award waits on a durable timer until 15 days after the decision; only then does the contract start', async () => {
    const id = await atAward('standstill');
    const decidedOn = await today();
    const until = addDays(decidedOn, 15);
    const start = addDays(decidedOn, 20);
    await submit(
      h,
      id,
      'award',
      sampleAward(start, addMonths(start, 24), { legalFrame: sampleAwardLegalFrame(decidedOn) }),
    );
    // The legal approver's request for the award shows the decision and the end of the standstill.
    const [request] = await h.mail.waitFor(
      (m) =>
        m.messageId?.includes(`<cpo.${id}.`) === true &&
        m.to.includes(people.legal.email) &&
        m.subject.includes('Gunnen'),
    );
    expect(request?.text).toContain(`Wachttermijn (standstill) tot ${until}`);
    expect(request?.text).toContain('Gunningsbeslissing: College van burgemeester en schepenen');
    // So does the decision page the mail links to (GET only shows it).
    if (!request) throw new Error('no approval request for the award');
    const page = await supertest(h.baseUrl).get(decisionLink(h, request));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Wachttermijn (standstill) tot ${until}`);
    expect(page.text).toContain('Gunningsbeslissing: College van burgemeester en schepenen');
    await approveRound(h, id);

    const waiting = await getProject(h, id);
    expect(waiting).toMatchObject({
      step: 'specify-and-award',
      status: 'in-standstill',
      standstill: { until, decision: { body: 'college', reference: 'CBS 2026/1187' } },
      nextTimer: {
        at: new Date(dueInstant(until)).toISOString(),
        summary: `standstill ends ${until}: conclude the contract`,
      },
    });
    expect(waiting.gate).toBeUndefined();
    expect(waiting.contract).toBeUndefined();

    await env.sleep('14 days');
    const stillWaiting = await getProject(h, id);
    expect(stillWaiting.status).toBe('in-standstill');
    expect(stillWaiting.contract).toBeUndefined();
    // A contract cannot be amended or followed up before it is concluded.
    const early = await h
      .api()
      .post(`/api/projects/${id}/amendments`)
      .send({ contractEnd: addMonths(start, 30), reason: 'Too early to extend' });
    expect(early.status).toBe(409);

    await env.sleep('2 days');
    const concluded = await eventually(async () => {
      const project = await getProject(h, id);
      return project.step === 'use-and-execution' ? project : undefined;
    });
    expect(concluded).toMatchObject({
      status: 'in-contract',
      standstill: { until },
      contract: { start, supplier: 'Circulair Meubel NV' },
    });
    expect(concluded.standstill.passedAt >= `${until}T07:00:00`).toBe(true);
    const audit = await auditOf(h, id);
    expect(audit.filter((e) => e.kind.startsWith('standstill'))).toEqual([
      expect.objectContaining({ kind: 'standstill-started', details: { until, decision: 'CBS 2026/1187' } }),
      expect.objectContaining({ kind: 'standstill-passed', channel: 'timer', details: { until } }),
    ]);
  });

  test('an award whose standstill has already passed starts the contract at once', async () => {
    const id = await atAward('standstill-passed');
    const start = addDays(await today(), 5);
    await submit(h, id, 'award', sampleAward(start, addMonths(start, 24)));
    await approveRound(h, id);
    const project = await getProject(h, id);
    expect(project).toMatchObject({ step: 'use-and-execution', status: 'in-contract' });
    expect(project.standstill).toBeUndefined();
    expect(project.nextTimer.summary).not.toMatch(/standstill/);
  });
});

describe('the formal decision before the award gate closes', () => {
  const submitAward = (id: string, award: object) =>
    h.api().post(`/api/projects/${id}/submissions/award`).send(award);

  test('an award without the formal decision is refused when the tender states the legal frame', async () => {
    const id = await atAward('no-decision');
    const start = addDays(await today(), 5);
    const { legalFrame: _frame, ...award } = sampleAward(start, addMonths(start, 24));
    const response = await submitAward(id, award);
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(
      /^legalFrame: the tender documents state the legal frame, so the award records the formal decision \(body, date, reference\)/,
    );
  });

  test('a decision dated in the future, or before the offers were opened, is refused with the reason', async () => {
    const id = await atAward('decision-dates');
    const now = await today();
    const future = await submitAward(
      id,
      sampleAward(addDays(now, 40), addMonths(now, 30), {
        legalFrame: sampleAwardLegalFrame(addDays(now, 3)),
      }),
    );
    expect(future.status).toBe(422);
    expect(future.body.message).toBe(
      `legalFrame.decision.date: ${addDays(now, 3)} is in the future: record the decision once it is taken`,
    );
    // Beside the English text, the rule's code and what it is filled in with (domain/problems).
    expect(future.body.issues).toEqual([
      {
        path: 'legalFrame.decision.date',
        message: `${addDays(now, 3)} is in the future: record the decision once it is taken`,
        rule: 'legal.decision-in-future',
        params: { date: addDays(now, 3) },
      },
    ]);
    const beforeOpening = await submitAward(
      id,
      sampleAward(addDays(now, 40), addMonths(now, 30), { legalFrame: sampleAwardLegalFrame('2026-08-30') }),
    );
    expect(beforeOpening.status).toBe(422);
    expect(beforeOpening.body.message).toBe(
      'legalFrame.decision.date: the award decision comes after the offers are in (2026-08-31 in the tender documents)',
    );
  });

  test('a contract start before the standstill is a bad request listing the problem', async () => {
    const id = await atAward('start-in-standstill');
    const now = await today();
    const response = await submitAward(
      id,
      sampleAward(addDays(now, 10), addMonths(now, 30), { legalFrame: sampleAwardLegalFrame(now) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      `body.contractStart: the contract cannot start before the 15-day standstill after the award decision has passed (${addDays(now, 15)})`,
    ]);
    expect(response.body.issues).toEqual([
      {
        path: 'body.contractStart',
        message: `the contract cannot start before the 15-day standstill after the award decision has passed (${addDays(now, 15)})`,
        rule: 'legal.start-in-standstill',
        params: { standstillEnds: addDays(now, 15) },
      },
    ]);
  });

  test('tender documents whose procedure the value does not allow are a bad request with the reason', async () => {
    const id = uniqueId('refused-procedure');
    await createProject(h, id);
    await advanceTo(h, id, 'tender-documents');
    const response = await h
      .api()
      .post(`/api/projects/${id}/submissions/tender-documents`)
      .send({ ...sampleTenderDocuments, procedure: 'simplified-negotiation-publication' });
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      'body.procedure: The simplified negotiated procedure with publication is allowed only below €216,000 (art. 41 of the law of 17 June 2016); the estimated value with options and extensions is €820,000.',
    ]);
  });

  test('a project whose tender has no legal frame (as before it existed) is awarded as before', async () => {
    const id = uniqueId('without-frame');
    await createProject(h, id);
    await advanceTo(h, id, 'tender-documents');
    const { legalFrame: _tenderFrame, ...tender } = sampleTenderDocuments;
    await submit(h, id, 'tender-documents', tender);
    await approveRound(h, id);
    const start = addDays(await today(), 5);
    const { legalFrame: _awardFrame, ...award } = sampleAward(start, addMonths(start, 24));
    await submit(h, id, 'award', award);
    await approveRound(h, id);
    expect(await getProject(h, id)).toMatchObject({ step: 'use-and-execution', status: 'in-contract' });
  });
});

describe('amendments that extend the contract', () => {
  test("an extension within the tender's options is accepted; one beyond them is refused with the reason (422)", async () => {
    const id = await atAward('extension');
    const start = addDays(await today(), 5);
    const end = addMonths(start, 96);
    await submit(h, id, 'award', sampleAward(start, end));
    await approveRound(h, id);

    const tooLong = await h
      .api()
      .post(`/api/projects/${id}/amendments`)
      .send({ contractEnd: addMonths(end, 25), reason: 'Extension of 25 months' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.message).toBe(
      `contractEnd: the tender's extension options (24 months) let the contract run until ${addMonths(end, 24)} at most, not ${addMonths(end, 25)}; a longer contract needs a new procurement`,
    );
    const within = await h
      .api()
      .post(`/api/projects/${id}/amendments`)
      .send({ contractEnd: addMonths(end, 24), reason: 'Extension option of 24 months used' });
    expect(within.status).toBe(200);
    expect(within.body.end).toBe(addMonths(end, 24));
    const project = await getProject(h, id);
    expect(project.contract.amendments).toHaveLength(1);
  });
});
