/** The content of mails and calendar invitations, without a server: language, time zones, ids, threading, RFC 5545. */
import ICAL from 'ical.js';
import { composeMail, messageIdFor } from '../../activities/mail/compose';
import { foldLine, renderCalendar } from '../../activities/mail/ics';
import type { Notification } from '../../domain/notifications';
import { formatInstant } from '../../presentation/dates';

const project = {
  projectId: 'chairs-2026',
  title: 'Bureaustoelen',
  organisation: 'Stad Gent',
  productGroup: 'office-furniture',
};
const defaults = { locale: 'nl' as const, timeZone: 'Europe/Brussels' };

function request(recipient: Notification['recipient'], overrides: Partial<Notification> = {}): Notification {
  return {
    kind: 'approval-request',
    project,
    recipient,
    sequence: 0,
    gate: 'circular-need',
    round: 2,
    policy: { rule: 'quorum', quorum: 2, sequential: false },
    approvers: [
      recipient,
      { name: 'Bram', email: 'bram@gent.example' },
      { name: 'Chloé', email: 'chloe@gent.example' },
    ],
    submittedBy: 'ans@gent.example',
    digest: { nl: ['Functionele nood: zitcomfort'], en: ['Functional need: seating comfort'] },
    deadlineAt: '2026-12-04T16:00:00.000Z',
    ...overrides,
  } as Notification;
}

test('a request is written in the recipient’s language with the deadline in their own time zone, named', () => {
  const dutch = composeMail(request({ name: 'Ans', email: 'ans@gent.example' }), {
    messageDomain: 'gent.example',
    defaults,
    actionUrl: 'https://x/d/t',
  });
  expect(dutch.subject).toBe('Goedkeuring gevraagd: Circulaire behoefte — Bureaustoelen (ronde 2)');
  expect(dutch.text).toContain('2 van 3 goedkeuringen nodig');
  expect(dutch.text).toContain('17:00 (Europe/Brussels)');
  expect(dutch.text).toContain('https://x/d/t');
  expect(dutch.html).toContain('href="https://x/d/t"');

  const american = composeMail(
    request({ name: 'Dana', email: 'dana@nyc.example', locale: 'en', timeZone: 'America/New_York' }),
    {
      messageDomain: 'gent.example',
      defaults,
      actionUrl: 'https://x/d/u',
    },
  );
  expect(american.subject).toBe('Approval requested: Circular need — Bureaustoelen (round 2)');
  expect(american.text).toContain('2 of 3 approvals needed');
  expect(american.text).toContain('11:00 (America/New_York)');
  expect(american.text).toContain('Functional need: seating comfort');
});

test('values from people are escaped in the HTML part', () => {
  const mail = composeMail(request({ name: '<script>alert(1)</script>', email: 'x@gent.example' }), {
    messageDomain: 'gent.example',
    defaults,
  });
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).toContain('&lt;script&gt;');
});

test('the Message-ID is the same for the same message on every retry and differs per recipient, kind and sequence', () => {
  const ans = { name: 'Ans', email: 'ans@gent.example' };
  const first = messageIdFor(request(ans), 'gent.example');
  expect(messageIdFor(request(ans), 'gent.example')).toBe(first);
  expect(messageIdFor(request({ name: 'Bram', email: 'bram@gent.example' }), 'gent.example')).not.toBe(first);
  expect(messageIdFor(request(ans, { kind: 'approval-reminder', sequence: 1 }), 'gent.example')).not.toBe(
    first,
  );
  expect(messageIdFor(request(ans, { resend: 1 }), 'gent.example')).not.toBe(first);
});

test('a reminder replies to the request the same person got, also when they are a delegate', () => {
  const delegate = { name: 'Jan', email: 'jan@gent.example' };
  const delegatedRequest = request(delegate, { sequence: 1 });
  const reminder = composeMail(
    request(delegate, {
      kind: 'approval-reminder',
      sequence: 3,
      requestSequence: 1,
    }),
    {
      messageDomain: 'gent.example',
      defaults,
    },
  );
  expect(reminder.inReplyTo).toBe(messageIdFor(delegatedRequest, 'gent.example'));
  expect(reminder.references).toEqual([messageIdFor(delegatedRequest, 'gent.example')]);
  expect(reminder.subject.startsWith('Herinnering')).toBe(true);
});

test('dates are shown with the time zone’s name', () => {
  expect(formatInstant('2026-07-01T10:00:00.000Z', 'en', 'Europe/Brussels')).toMatch(
    /12:00 \(Europe\/Brussels\)$/,
  );
  expect(formatInstant('2026-01-01T10:00:00.000Z', 'en', 'Europe/Brussels')).toMatch(
    /11:00 \(Europe\/Brussels\)$/,
  );
});

test('the calendar invitation is valid iCalendar with folded lines, escaped text, a stable UID and its SEQUENCE', () => {
  const ics = renderCalendar({
    uid: 'periodic-review-3.chairs-2026@gent.example',
    sequence: 2,
    method: 'REQUEST',
    date: '2027-03-05',
    summary: 'Contractopvolging; Circulair Meubel, NV — Bureaustoelen',
    description: `Review\n${'https://example.org/r/'.padEnd(120, 'x')}`,
    organizer: { name: 'Circular "Procurement"', email: 'no-reply@gent.example' },
    attendee: { name: 'Ilse', email: 'ilse@gent.example' },
    stamp: new Date('2027-02-26T07:00:00.000Z'),
  });
  expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  expect(event?.getFirstPropertyValue('uid')).toBe('periodic-review-3.chairs-2026@gent.example');
  expect(event?.getFirstPropertyValue('sequence')).toBe(2);
  expect(String(event?.getFirstPropertyValue('dtstart'))).toBe('2027-03-05');
  expect(event?.getFirstPropertyValue('summary')).toBe(
    'Contractopvolging; Circulair Meubel, NV — Bureaustoelen',
  );
  expect(String(event?.getFirstPropertyValue('description'))).toContain('\nhttps://example.org/r/');
});

test('folding never splits a multi-byte character', () => {
  const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
  for (const line of folded.split('\r\n ')) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
});

test('a request names who submitted and what, as a Flemish civil servant would write it', () => {
  const withName = request(
    { name: 'Bram', email: 'bram@gent.example' },
    {
      gate: 'award',
      submitter: { name: 'Ans Peeters', email: 'ans@gent.example' },
    },
  );
  const mail = composeMail(withName, { messageDomain: 'gent.example', defaults });
  expect(mail.text).toContain('Ans Peeters legt het gunningsvoorstel van');
  expect(mail.text).toContain('ter goedkeuring voor.');
  expect(mail.text).toContain('Uiterste datum:');
  // Mail queued before the name was carried still reads, with the address.
  const older = composeMail(request({ name: 'Bram', email: 'bram@gent.example' }), {
    messageDomain: 'gent.example',
    defaults,
  });
  expect(older.text).toContain('ans@gent.example legt de circulaire behoefte van');
});

test('an approval says what actually happens next: the next deliverable, the contract follow-up or the end', () => {
  const outcome = (gate: string, next: unknown, locale: 'nl' | 'en' = 'nl') =>
    composeMail(
      {
        kind: 'round-outcome',
        project,
        recipient: { name: 'Ans', email: 'ans@gent.example', locale },
        sequence: 0,
        gate,
        round: 1,
        outcome: 'approved',
        comments: [],
        next,
      } as Notification,
      { messageDomain: 'gent.example', defaults },
    ).text;
  expect(outcome('tender-documents', { step: 'specify-and-award', gate: 'award' })).toContain(
    'Het project staat nu in stap 4 (specificeren en gunnen). Volgende inzending: het gunningsvoorstel.',
  );
  // The next step's tools, with their links.
  const toStep4 = outcome('market-dialogue', { step: 'specify-and-award', gate: 'tender-documents' });
  expect(toStep4).toContain('Hulpmiddelen bij deze stap:');
  expect(toStep4).toContain(
    'Gids voor duurzame aankopen: criteria per productgroep: https://www.gidsvoorduurzameaankopen.be/de/node/5872',
  );
  expect(outcome('circular-need', { step: 'evaluate', gate: 'evaluate' })).toContain(
    'Het project staat nu in stap 7 (evalueren). Volgende inzending: de evaluatie.',
  );
  expect(outcome('award', { step: 'use-and-execution' }, 'en')).toContain(
    'The project is now in step 5 (use and execution): the follow-up of the contract begins.',
  );
  expect(outcome('award', { step: 'specify-and-award', standstillUntil: '2026-12-15' })).toContain(
    'De wachttermijn (standstill) na de gunningsbeslissing loopt tot dinsdag 15 december 2026; daarna wordt het contract gesloten en begint stap 5.',
  );
  expect(outcome('evaluate', { step: 'evaluate', outcome: 'purchase-avoided' })).toContain(
    'Het project is afgesloten zonder aankoop.',
  );
  expect(outcome('evaluate', { step: 'evaluate', outcome: 'completed' })).not.toContain('volgende stap');
});
