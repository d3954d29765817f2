/**
 * Ten simulated years of one contract on the time-skipping test server: every follow-up moment
 * announced on its date with a calendar invitation, a missed review reminded and escalated, an
 * extension, a cadence change that moves the announced moment (SEQUENCE 1), an early end that
 * cancels (METHOD:CANCEL), the owners' answer that use ends with the contract, end of use and evaluation, and the lessons shown to the next project
 * of the product group. Every run of the workflow stays far below Temporal's history limits.
 */
import type { History } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import ICAL from 'ical.js';
import request from 'supertest';
import { escapeHtml } from '../../presentation/html';
import type { CapturedMessage } from '../../dev/mail-capture';
import {
  sampleAward,
  sampleEndOfUse,
  sampleEvaluation,
  samplePeople,
  sampleProject,
  sampleReview,
} from '../../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { type AuditEntry, type ProjectState, workflowIdFor } from '../../domain/project';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas';
import { auditTrailQuery, linkViewQuery, projectQuery } from '../../workflows/messages';
import { HISTORY_EVENT_BUDGET } from '../../workflows/procurement';
import { CONTINUE_ON_CARRIED_SIZE } from '../../workflows/procurement/patches';
import { advanceTo as advanceToGate, approveRound, submit, waitForMail } from '../helpers/project-api';
import {
  type Harness,
  eventually,
  timeSkippingEnvironment,
  startFileHarness,
  stopFileHarness,
  workflowBundle,
} from '../helpers/harness';

let env: TestWorkflowEnvironment;
let h: Harness;

/** The patches a run recorded, from the TemporalChangeVersion upserts the SDK makes for them. */
function patchIds(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const value =
      event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields
        ?.TemporalChangeVersion;
    return value?.data ? (JSON.parse(Buffer.from(value.data).toString('utf8')) as string[]) : [];
  });
}

beforeAll(async () => ({ env, h } = await startFileHarness(timeSkippingEnvironment)));
afterAll(() => stopFileHarness(h, env));

/** Budget plus one loop iteration of slack (a burst of mail after a timer is a few dozen events). */
const EVENTS_PER_RUN_BOUND = HISTORY_EVENT_BUDGET + 200;

const { contractManager: ilse, purchaser: chloe } = samplePeople;

async function advanceTo(instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

function parseCalendar(message: CapturedMessage) {
  const attachment = message.attachments.find(
    (a) => a.contentType.startsWith('text/calendar') || a.filename === 'invite.ics',
  );
  const raw = attachment?.content ?? /BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/.exec(message.raw)?.[0];
  if (!raw) throw new Error(`no calendar in "${message.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(raw));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: String(event.getFirstPropertyValue('dtstart')),
    status: String(event.getFirstPropertyValue('status')),
  };
}

test('ten years of follow-up: reminders on their dates, amendments, an early end, evaluation and lessons for the next project', async () => {
  const wall = Date.now();
  const productGroup = `office-furniture-${Date.now()}`;
  const id = `ten-years-${Date.now()}`;
  const project = sampleProject(id, {
    productGroup,
    approvals: {
      policy: { rule: 'any', sequential: false },
      reminders: { everyHours: 24 * 30, escalateAfter: 10 },
      gates: {},
    },
  });
  const created = await h.api().post('/api/projects').send(project);
  expect(created.status).toBe(202);
  const firstRunId: string = created.body.runId;
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  const state = () => handle.query(projectQuery);

  const today = formatDate(new Date(await env.currentTimeMs()));
  const start = addDays(today, 14);
  const originalEnd = addMonths(start, 120);
  await advanceToGate(h, id, 'award');
  await submit(
    h,
    id,
    'award',
    sampleAward(start, originalEnd, {
      followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 1 },
    }),
  );
  await approveRound(h, id);
  expect((await state()).step).toBe('use-and-execution');

  const missedMoment = 'periodic-review-5';
  let extended = false;
  let cadenceChanged = false;
  let endedEarly = false;
  let extendedEnd = '';
  let movedUid: string | undefined;

  for (;;) {
    const s = await state();
    if (s.step !== 'use-and-execution') break;
    const contract = s.contract as NonNullable<ProjectState['contract']>;
    const next = contract.moments.find((m) => !m.announcedAt && !m.cancelledAt && !m.reviewedAt);
    const now = await env.currentTimeMs();
    if (process.env.DEBUG_TEN_YEARS)
      process.stderr.write(
        `${((Date.now() - wall) / 1000).toFixed(1)}s ${new Date(now).toISOString().slice(0, 10)} next=${next?.id ?? '-'} ${next?.dueOn ?? ''}\n`,
      );

    if (!next) {
      if (contract.useQuestionAskedAt) {
        // At the contract end the owners are asked whether use goes on; here it ends with the contract.
        const answered = await h
          .api()
          .post(`/api/projects/${id}/use-confirmations`)
          .send({ continues: false, reason: 'The supplier takes the furniture back: relocation' });
        expect(answered.status).toBe(200);
        continue;
      }
      await advanceTo(dueInstant(contract.end) + 3_600_000);
      continue;
    }
    // Announce the next moment (the request goes out `noticeDays` before it).
    await advanceTo(dueInstant(addDays(next.dueOn, -contract.cadence.noticeDays)) + 60_000);
    const [announcement] = await h.mail.waitFor(
      (m) =>
        m.messageId?.includes(`.moment.${next.id}.review-request.`) === true && m.to.includes(ilse.email),
    );
    const invitation = parseCalendar(announcement as CapturedMessage);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      sequence: next.sequence,
      start: next.dueOn,
      status: 'CONFIRMED',
    });
    expect(invitation.uid).toBe(`${next.id}.${id}@gent.example`);

    const year = (now - Date.parse(`${start}T00:00:00Z`)) / (365.25 * 86_400_000);
    if (!cadenceChanged && year > 5) {
      // A cadence change while a moment is announced moves it: same UID, SEQUENCE 1.
      cadenceChanged = true;
      movedUid = invitation.uid;
      const amended = await h
        .api()
        .post(`/api/projects/${id}/amendments`)
        .send({ cadence: { reviewEveryMonths: 2 }, reason: 'Stable performance: bimonthly reviews suffice' });
      expect(amended.status).toBe(200);
      const [update] = await h.mail.waitFor(
        (m) => m.messageId?.includes(`.moment.${next.id}.calendar-update.1.`) === true,
      );
      expect(parseCalendar(update as CapturedMessage)).toMatchObject({
        method: 'REQUEST',
        uid: movedUid,
        sequence: 1,
      });
      continue;
    }
    if (next.id === missedMoment) {
      // Nobody records this review: reminded after the grace period, escalated to purchasing after twice that.
      await advanceTo(dueInstant(addDays(next.dueOn, 2 * contract.cadence.graceDays)) + 60_000);
      await h.mail.waitFor(
        (m) =>
          m.messageId?.includes(`.moment.${next.id}.review-reminder.`) === true && m.to.includes(ilse.email),
      );
      await h.mail.waitFor(
        (m) =>
          m.messageId?.includes(`.moment.${next.id}.review-escalation.`) === true &&
          m.to.includes(chloe.email),
      );
      continue;
    }
    const recorded = await h.api().post(`/api/projects/${id}/reviews`).send(sampleReview(next.id));
    expect(recorded.status).toBe(200);

    if (!extended && year > 3) {
      extended = true;
      extendedEnd = addMonths(contract.end, 12);
      const amended = await h
        .api()
        .post(`/api/projects/${id}/amendments`)
        .send({ contractEnd: extendedEnd, reason: 'Extension option of 12 months used' });
      expect(amended.status).toBe(200);
      expect(amended.body.end).toBe(extendedEnd);
    }
    if (!endedEarly && year > 9.5) {
      endedEarly = true;
      const earlyEnd = addDays(formatDate(new Date(await env.currentTimeMs())), 45);
      const amended = await h
        .api()
        .post(`/api/projects/${id}/amendments`)
        .send({ contractEnd: earlyEnd, reason: 'Supplier takes the furniture back early: relocation' });
      expect(amended.status).toBe(200);
      // The end-of-use reminder for the new end is already due: it goes out at once.
      const reminded = await h.mail.waitFor(
        (m) => m.messageId?.includes(`cpo.${id}.project.end-of-use-reminder.3.`) === true,
        { count: 2 },
      );
      expect(reminded.flatMap((m) => m.to).sort()).toEqual([chloe.email, ilse.email].sort());
    }
  }

  const finalState = await state();
  expect(finalState.step).toBe('end-of-use');
  expect(extended && cadenceChanged && endedEarly).toBe(true);
  const contract = finalState.contract as NonNullable<ProjectState['contract']>;
  expect(contract.amendments).toHaveLength(3);
  expect(contract.amendments[0]?.changes[0]).toBe(`extended: ${originalEnd} → ${extendedEnd}`);

  // Every announcement went out exactly on its date (noticeDays before the moment); a moment moved
  // after its announcement (SEQUENCE > 0) was announced again by its calendar update instead.
  // The whole trail through the API: how many continue-as-new runs a project takes depends on how
  // its workflow tasks batched under load, and a later run may archive older entries out of its state.
  const wholeTrail = await h.api().get(`/api/projects/${id}/audit`);
  expect(wholeTrail.status).toBe(200);
  expect(wholeTrail.body.unavailable).toBeUndefined();
  const audit = wholeTrail.body.entries as AuditEntry[];
  const announcements = audit.filter((e) => e.kind === 'review-requested' && !e.comment);
  expect(announcements.length).toBeGreaterThan(60);
  let checked = 0;
  for (const entry of announcements) {
    const moment = contract.moments.find((m) => m.id === entry.details?.moment && m.announcedAt === entry.at);
    if (!moment || moment.sequence > 0) continue;
    checked++;
    expect(entry.at.slice(0, 10)).toBe(addDays(moment.dueOn, -contract.cadence.noticeDays));
  }
  expect(checked).toBeGreaterThan(60);
  // The missed review was reminded and escalated on its dates.
  const missed = contract.moments.find((m) => m.id === missedMoment);
  expect(missed?.remindedAt?.slice(0, 10)).toBe(addDays(missed?.dueOn ?? '', 14));
  expect(missed?.escalatedAt?.slice(0, 10)).toBe(addDays(missed?.dueOn ?? '', 28));
  // The end-of-use reminder of the extended end was sent six months before it; then the early end sent a new one.
  const endOfUseReminders = audit.filter((e) => e.kind === 'end-of-use-reminder-sent');
  expect(endOfUseReminders.map((e) => e.details?.contractEnd)).toContain(contract.end);
  expect(endOfUseReminders.map((e) => e.details?.contractEnd)).not.toContain(originalEnd);
  // Moments after the early end were cancelled; the announced one got METHOD:CANCEL.
  expect(contract.moments.filter((m) => m.dueOn > contract.end).every((m) => m.cancelledAt)).toBe(true);

  await submit(h, id, 'end-of-use', sampleEndOfUse);
  await approveRound(h, id);
  await submit(h, id, 'evaluate', sampleEvaluation);
  await approveRound(h, id);
  expect(await handle.result()).toMatchObject({ outcome: 'completed' });

  // History: follow the chain of runs and check each stays within the bound.
  const lengths: number[] = [];
  const carriedBytes: number[] = [];
  const runs: { workflowId: string; history: History }[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: History = await h.client.workflow.getHandle(workflowIdFor(id), runId).fetchHistory();
    runs.push({ workflowId: `${workflowIdFor(id)} run ${runs.length + 1}`, history });
    const events = history.events ?? [];
    lengths.push(events.length);
    const continued = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
    const input = continued?.input?.payloads?.[0]?.data;
    if (input) carriedBytes.push(input.length);
    // A run that continued before its event budget did so for the size of what it carries, and says so.
    if (continued && events.length < HISTORY_EVENT_BUDGET) {
      expect(patchIds(history)).toContain(CONTINUE_ON_CARRIED_SIZE);
    }
    runId = continued?.newExecutionRunId ?? undefined;
  }
  // Every run replays on the current code, the size check and its marker included.
  const replayFailures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: await workflowBundle(), replayName: 'ten years' },
    runs,
  )) {
    if (result.error) replayFailures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(replayFailures).toEqual([]);
  const queryBytes = Buffer.byteLength(JSON.stringify(await state()), 'utf8');
  const auditBytes = Buffer.byteLength(JSON.stringify(await handle.query(auditTrailQuery)), 'utf8');
  process.stdout.write(
    `ten-year contract: ${lengths.length} runs, events per run ${lengths.join(', ')}; continue-as-new input ${carriedBytes.map((b) => `${(b / 1024).toFixed(1)} KiB`).join(', ')}; project query ${(queryBytes / 1024).toFixed(1)} KiB, audit query ${(auditBytes / 1024).toFixed(1)} KiB; wall ${((Date.now() - wall) / 1000).toFixed(1)} s\n`,
  );
  expect(lengths.length).toBeGreaterThan(1);
  for (const length of lengths) expect(length).toBeLessThan(EVENTS_PER_RUN_BOUND);
  // The issue's budgets: what a run carries to the next, and what a caller of the query receives.
  expect(carriedBytes.length).toBe(lengths.length - 1);
  for (const bytes of carriedBytes) expect(bytes).toBeLessThanOrEqual(128 * 1024);
  expect(queryBytes).toBeLessThanOrEqual(256 * 1024);
  // A link page asks only for what it shows: one moment, not ten years of them.
  const linkBytes = Buffer.byteLength(
    JSON.stringify(await handle.query(linkViewQuery, { momentId: missedMoment })),
    'utf8',
  );
  process.stdout.write(`ten-year contract: link page query ${(linkBytes / 1024).toFixed(1)} KiB\n`);
  expect(linkBytes).toBeLessThan(queryBytes / 4);

  // The next project of the same product group starts with these lessons.
  const nextId = `ten-years-next-${Date.now()}`;
  expect((await h.api().post('/api/projects').send(sampleProject(nextId, { productGroup }))).status).toBe(
    202,
  );
  const nextState = await eventually(async () => {
    const s = await h.client.workflow.getHandle(workflowIdFor(nextId)).query(projectQuery);
    return s.earlierLessons.length > 0 ? s : undefined;
  });
  expect(nextState.earlierLessons[0]).toMatchObject({ projectId: id, lessons: sampleEvaluation.lessons });
  const lessons = await h.api().get(`/api/product-groups/${productGroup}/lessons`);
  expect(lessons.body.lessons.map((l: { projectId: string }) => l.projectId)).toEqual([id]);
  // …and the approvers of its step 1 see them on the decision page.
  await submit(h, nextId, 'circular-need');
  const [needRequest] = await waitForMail(h, nextId, 'approval-request', samplePeople.internalClient.email);
  const link = needRequest?.links.find((l) => l.includes('/d/')) ?? '';
  const page = await request(h.baseUrl).get(link.slice(h.baseUrl.length));
  expect(page.text).toContain('Lessen uit eerdere projecten van deze productgroep');
  expect(page.text).toContain(escapeHtml(sampleEvaluation.lessons[0] ?? ''));
}, 120_000);
