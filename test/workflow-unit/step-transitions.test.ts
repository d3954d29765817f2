/**
 * What approving a gate does to the project, in the workflow alone: lessons of earlier projects at
 * the start, "no purchase" straight to evaluation, the award starting the contract with its
 * follow-up moments, and the contract's end asking whether use goes on before end of use starts.
 */
import { sampleAward, sampleEvaluation, sampleNoPurchaseNeed, samplePeople } from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import type { Lesson } from '../../domain/project';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas';
import { confirmUseUpdate } from '../../workflows/messages';
import { HOUR, minutesAfter, people, workflowUnitSuite } from './harness';

const suite = workflowUnitSuite();
const { requester, purchaser: chloe, contractManager: ilse } = people;

/** One approval decides each round: these tests are about what an approved gate does. */
const anyApproves = { approvals: { policy: { rule: 'any' as const } } };

const earlierLesson: Lesson = {
  projectId: 'chairs-2024',
  title: 'Stoelen 2024',
  organisation: 'Stad Gent',
  completedAt: '2025-06-30T10:00:00.000Z',
  outcome: 'completed',
  lessons: ['Ask for buy-back prices per condition grade.'],
};

test('a new project shows the lessons of earlier projects of its product group', () =>
  suite.run('lessons', { lessons: [earlierLesson] }, async (p) => {
    await p.submit('circular-need');
    // The loop sends mail only once the lessons are loaded: after this request, they are.
    await p.mail.waitFor('approval-request');
    expect((await p.state()).earlierLessons).toEqual([earlierLesson]);
    expect(await p.audit('lessons-shown')).toEqual([
      expect.objectContaining({ actor: 'system', details: { fromProjects: ['chairs-2024'] } }),
    ]);
  }));

test('an approved "no purchase" need goes straight to evaluation, and the evaluated project ends as purchase avoided with its lessons published', () =>
  suite.run('no-purchase', {}, async (p) => {
    await p.submit('circular-need', sampleNoPurchaseNeed);
    await p.approveRound();
    expect(await p.state()).toMatchObject({
      step: 'evaluate',
      gate: 'evaluate',
      status: 'awaiting-submission',
    });
    expect((await p.audit('step-entered')).map((e) => [e.step, e.comment])).toEqual([
      ['evaluate', 'no purchase: reuse instead — a purchase avoided'],
    ]);

    await p.submit('evaluate', sampleEvaluation);
    await p.approveRound();
    expect(await p.handle.result()).toEqual({
      projectId: p.id,
      outcome: 'purchase-avoided',
      step: 'evaluate',
    });
    expect(p.published).toEqual([
      {
        productGroup: 'office-furniture',
        lesson: expect.objectContaining({
          projectId: p.id,
          outcome: 'purchase-avoided',
          lessons: sampleEvaluation.lessons,
          targetMet: 'partial',
        }),
      },
    ]);
    expect(p.mail.of('project-closed')).toEqual([
      expect.objectContaining({ recipient: requester, outcome: 'purchase-avoided', step: 'evaluate' }),
    ]);
    expect(await p.audit('lessons-published')).toHaveLength(1);
  }));

test('an approved award starts the contract with its follow-up moments, and the contract manager is asked for the kick-off review ahead of it', () =>
  suite.run('award', anyApproves, async (p) => {
    await p.advanceTo('award');
    const today = formatDate(new Date(await suite.now()));
    const start = addDays(today, 14);
    const end = addMonths(start, 13);
    await p.submit('award', sampleAward(start, end));
    await p.approveRound();

    const state = await p.state();
    expect(state).toMatchObject({ step: 'use-and-execution', status: 'in-contract', pendingApprovers: [] });
    expect(state.gate).toBeUndefined();
    expect(state.contract).toMatchObject({
      supplier: 'Circulair Meubel NV',
      start,
      end,
      awardedOn: today,
      manager: ilse,
      cadence: DEFAULT_FOLLOW_UP_CADENCE,
    });
    const kickOff = addDays(today, DEFAULT_FOLLOW_UP_CADENCE.kickOffWithinDays);
    expect(state.contract?.moments.map((m) => [m.id, m.dueOn])).toEqual([
      ['kick-off', kickOff],
      ['periodic-review-1', addMonths(start, 3)],
      ['periodic-review-2', addMonths(start, 6)],
      ['periodic-review-3', addMonths(start, 9)],
      ['strategic-review-1', addMonths(start, 12)],
    ]);
    expect(state.team).toContainEqual({ ...samplePeople.contractManager, roles: ['contract-manager'] });

    const notice = dueInstant(addDays(kickOff, -DEFAULT_FOLLOW_UP_CADENCE.noticeDays));
    await suite.env.sleep(notice - (await suite.now()) - HOUR);
    expect(p.mail.of('review-request')).toEqual([]);
    await suite.env.sleep(2 * HOUR);
    const [request] = await p.mail.waitFor('review-request', ilse.email);
    expect(request).toMatchObject({
      moment: { id: 'kick-off', dueOn: kickOff },
      supplier: 'Circulair Meubel NV',
    });
    const [requested] = await p.audit('review-requested');
    expect(minutesAfter(notice, requested?.at)).toBe(0);
  }));

test('the contract end asks the owners whether use goes on; their "use ends" moves the project to end of use and cancels the follow-up moments left open', () =>
  suite.run('contract-end', anyApproves, async (p) => {
    await p.advanceTo('award');
    const today = formatDate(new Date(await suite.now()));
    const end = addDays(today, 45);
    const cadence = { ...DEFAULT_FOLLOW_UP_CADENCE, endOfUseLeadMonths: 1 };
    await p.submit('award', sampleAward(addDays(today, 1), end, { followUpCadence: cadence }));
    await p.approveRound();
    expect((await p.state()).contract?.moments.map((m) => m.id)).toEqual(['kick-off']);

    await suite.env.sleep(dueInstant(end) - (await suite.now()) - HOUR);
    expect((await p.state()).step).toBe('use-and-execution');
    const reminders = await p.mail.waitFor('end-of-use-reminder', undefined, 2);
    expect(reminders.map((n) => n.recipient.email).sort()).toEqual([chloe.email, ilse.email]);
    await suite.env.sleep(2 * HOUR);

    const [asked] = await p.untilAudit('use-continuation-asked');
    expect(minutesAfter(dueInstant(end), asked?.at)).toBe(0);
    const questions = await p.mail.waitFor('use-continuation-request', undefined, 2);
    expect(questions.map((n) => n.recipient.email).sort()).toEqual([chloe.email, ilse.email]);
    expect((await p.state()).step).toBe('use-and-execution');

    await p.handle.executeUpdate(confirmUseUpdate, {
      args: [{ continues: false, reason: 'Seats worn through: replace', by: ilse.email }],
    });
    const [triggered] = await p.untilAudit('end-of-use-triggered');
    expect(triggered).toMatchObject({
      actor: ilse.email,
      channel: 'api',
      comment: 'Seats worn through: replace',
    });
    const state = await p.state();
    expect(state).toMatchObject({ step: 'end-of-use', gate: 'end-of-use', status: 'awaiting-submission' });
    expect(state.contract?.moments).toEqual([
      expect.objectContaining({ id: 'kick-off', cancelledAt: triggered?.at }),
    ]);
    expect(state.contract?.moments[0]?.reviewedAt).toBeUndefined();
  }));
