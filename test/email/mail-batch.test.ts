/**
 * One activity for the mails of one workflow task (activities/mail/batch.ts), as a plain function:
 * what becomes of each message when the server accepts it, refuses it for good or for now, and
 * when the attempt's time runs short. The workflow side (one activity, the rest retried alone) is
 * in test/workflow-unit/mail-failures.test.ts and test/workflow/undeliverable-mail.test.ts.
 */
import { type MailBatchItem, sendMailBatch } from '../../activities/mail/batch';
import type { Notification } from '../../domain/notifications';

class Refused extends Error {}

const item = (id: number, email: string): MailBatchItem => ({
  id,
  notification: { kind: 'approval-request', recipient: { name: email, email } } as unknown as Notification,
});

function server(answers: Record<string, Error | undefined>) {
  const tried: string[] = [];
  return {
    tried,
    sendOne: (notification: Notification) => {
      const email = notification.recipient.email;
      tried.push(email);
      const answer = answers[email];
      return answer ? Promise.reject(answer) : Promise.resolve({ messageId: `<${email}>` });
    },
    isRefusedForGood: (error: unknown) => error instanceof Refused,
  };
}

test('each message is tried once, in order; accepted, refused for good and failed for now are told apart, and one failure stops nobody else', async () => {
  const smtp = server({
    'b@x.example': new Refused('550 5.1.1 no such user'),
    'c@x.example': new Error('451 4.7.1 try again later'),
  });
  const items = [
    item(1, 'a@x.example'),
    item(2, 'b@x.example'),
    item(3, 'c@x.example'),
    item(4, 'd@x.example'),
  ];
  const result = await sendMailBatch(items, { ...smtp, remainingMs: () => 60_000, sendWorstCaseMs: 40_000 });
  expect(smtp.tried).toEqual(['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example']);
  expect(result).toEqual({
    sent: { 1: '<a@x.example>', 4: '<d@x.example>' },
    refused: { 2: '550 5.1.1 no such user' },
    later: { 3: '451 4.7.1 try again later' },
  });
});

test('a message is not started when its send could outlast the attempt: it is left for later, untried', async () => {
  const smtp = server({});
  let remaining = 50_000;
  const items = [item(1, 'a@x.example'), item(2, 'b@x.example'), item(3, 'c@x.example')];
  const result = await sendMailBatch(items, {
    ...smtp,
    // Each send takes 15 s of the attempt: after the first, less than a worst case is left.
    sendOne: async (notification) => {
      const sent = await smtp.sendOne(notification);
      remaining -= 15_000;
      return sent;
    },
    remainingMs: () => remaining,
    sendWorstCaseMs: 40_000,
  });
  expect(smtp.tried).toEqual(['a@x.example']);
  expect(Object.keys(result.sent)).toEqual(['1']);
  expect(result.later).toEqual({
    2: 'not tried: the batch ran out of time',
    3: 'not tried: the batch ran out of time',
  });
});
