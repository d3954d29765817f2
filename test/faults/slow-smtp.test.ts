/**
 * A slow SMTP server must not get a message twice. nodemailer's timeouts end a send the server
 * does not answer before the mail activity's attempt times out, so the activity's retry is the only
 * send of that message still going. Here a real SMTP server (the capture) holds its answer to the
 * first approval request far longer than the (short, configured) socket timeout; the sender hangs
 * up, the server keeps nothing, the retry delivers, and every Message-ID arrives exactly once.
 */
import { msToNumber } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  ConfigError,
  MAIL_ATTEMPT_MARGIN_MS,
  MAIL_ATTEMPT_TIMEOUT_MS,
  loadConfig,
} from '../../config/config';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import { workflowIdFor } from '../../domain/project';
import { MAIL_OPTIONS } from '../../workflows/procurement/activities';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { createProject, mailsFor, submit, uniqueId } from '../helpers/project-api';

const EventType = temporal.api.enums.v1.EventType;
const SOCKET_TIMEOUT_MS = 1_000;
/** Far beyond the socket timeout: a sender that waits this long has no working timeout. */
const SLOW_ACCEPT_MS = 30_000;

let env: TestWorkflowEnvironment;
let mail: MailCapture;
let h: Harness;
/** Project whose first message the server is slow to accept. */
let slowProject: string | undefined;
let slowed = 0;

beforeAll(async () => {
  env = await devServerEnvironment();
  mail = await startMailCapture({
    acceptDelayMs: (message) => {
      if (!slowProject || !message.messageId?.includes(`<cpo.${slowProject}.`) || slowed > 0) return 0;
      slowed++;
      return SLOW_ACCEPT_MS;
    },
  });
  h = await startHarness({
    env,
    mail,
    configEnv: {
      SMTP_CONNECTION_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
      SMTP_GREETING_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
      SMTP_SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
    },
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await mail?.stop();
  await env?.teardown();
});

describe('the SMTP timeouts', () => {
  test('the mail activity attempt the config guards is the one the workflow uses', () => {
    expect(msToNumber(MAIL_OPTIONS.startToCloseTimeout ?? 0)).toBe(MAIL_ATTEMPT_TIMEOUT_MS);
  });

  test('by default a send that gets no answer ends well before the mail activity attempt times out', () => {
    const { timeouts } = loadConfig({}).mail;
    const worstCase = timeouts.connectionTimeout + timeouts.greetingTimeout + timeouts.socketTimeout;
    expect(worstCase).toBeLessThanOrEqual(MAIL_ATTEMPT_TIMEOUT_MS - MAIL_ATTEMPT_MARGIN_MS);
  });

  test('a configuration whose timeouts could outlast the attempt is refused at start-up', () => {
    expect(() => loadConfig({ SMTP_SOCKET_TIMEOUT_MS: '50000' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_SOCKET_TIMEOUT_MS: '50000' })).toThrow(/SMTP_SOCKET_TIMEOUT_MS/);
  });
});

test('a server that is slower to accept than the socket timeout gets each Message-ID once: the send ends, the retry delivers', async () => {
  const id = uniqueId('slow-smtp');
  slowProject = id;
  await createProject(h, id);
  await submit(h, id, 'circular-need');

  // The sender hung up after about the socket timeout (the server's clock starts once it has read
  // the message, a little after the sender's), long before the server would have answered.
  const [gaveUp] = await eventually(() =>
    Promise.resolve(mail.abandoned.length > 0 ? mail.abandoned : undefined),
  );
  expect(gaveUp?.waitedMs).toBeLessThan(SOCKET_TIMEOUT_MS + 2_000);
  // The retry (after the activity's 5 s back-off) delivers the message the server never accepted.
  const delivered = await mail.waitFor((m) => m.messageId === gaveUp?.messageId, { timeoutMs: 30_000 });
  expect(delivered).toHaveLength(1);

  // Every approval request of the round arrived, none twice.
  const messageIds = mailsFor(h, id).map((m) => m.messageId);
  expect(messageIds.length).toBeGreaterThan(1);
  expect(new Set(messageIds).size).toBe(messageIds.length);

  // The batch's send ended by nodemailer's own timeout, not because the activity ran out of time
  // while the send went on: the batch completed, reporting that message as not delivered yet, and
  // the message went on as an activity of its own (patch batched-mail), which delivered it.
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  const events = await eventually(async () => {
    const all = (await handle.fetchHistory()).events ?? [];
    const alone = all.filter(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNotification',
    );
    const done = all.filter((event) => event.activityTaskCompletedEventAttributes);
    return alone.length > 0 && done.length >= 2 ? all : undefined;
  });
  expect(
    events.filter(
      (event) => String(event.eventType) === String(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT),
    ),
  ).toEqual([]);
  const batchResults = events.flatMap((event) => {
    const payload = event.activityTaskCompletedEventAttributes?.result?.payloads?.[0];
    if (!payload?.data) return [];
    const result = JSON.parse(Buffer.from(payload.data).toString('utf8')) as {
      later?: Record<string, string>;
    };
    return result.later ? [result.later] : [];
  });
  const later = batchResults.flatMap((result) => Object.values(result));
  expect(later).toHaveLength(1);
  expect(later[0]).toMatch(/timeout/i);
}, 90_000);
