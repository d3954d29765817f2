/**
 * A mail to an address the project knows only as an address (a delegate named by address, a
 * contract manager) greets the person by the name the people directory (PEOPLE) gives it, in their
 * language; an address the directory does not know is greeted as before. Sent through the real
 * notifier and SMTP to the mail capture.
 */
import { createMailNotifier, namedRecipient } from '../../activities/mail/notifier';
import { createSmtpTransport } from '../../activities/mail/transport';
import { LinkSigner } from '../../activities/links';
import { type MailCapture, startMailCapture } from '../../dev/mail-capture';
import type { Notification } from '../../domain/notifications';
import { SIGNING_KEYS } from '../helpers/harness';

const directory = [
  { email: 'nora.nieuw@gent.example', name: 'Nora Nieuw', locale: 'en' as const },
  { email: 'ans.peeters@gent.example', name: 'Ans Peeters (directory)' },
];

let mail: MailCapture;
let transport: ReturnType<typeof createSmtpTransport>;
beforeAll(async () => {
  mail = await startMailCapture();
  transport = createSmtpTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false });
});
afterAll(async () => {
  transport?.close();
  await mail?.stop();
});

const closed = (recipient: Notification['recipient']): Notification => ({
  kind: 'project-closed',
  project: {
    projectId: 'greeting-1',
    title: 'Bureaustoelen',
    organisation: 'Stad Gent',
    productGroup: 'office-furniture',
  },
  recipient,
  sequence: 0,
  step: 'evaluate',
  outcome: 'completed',
});

test('an address known only as an address is greeted by its directory name, in its language', async () => {
  const notifier = createMailNotifier({
    transport,
    from: 'Circulair aankopen <noreply@gent.example>',
    publicBaseUrl: 'http://127.0.0.1',
    links: new LinkSigner(SIGNING_KEYS),
    linkTtlDays: 14,
    defaults: { locale: 'nl', timeZone: 'Europe/Brussels' },
    directory,
  });
  await notifier.send(closed({ name: 'NORA.nieuw@gent.example', email: 'NORA.nieuw@gent.example' }), {
    issuedAtMs: Date.now(),
  });
  await notifier.send(closed({ name: 'onbekend@gent.example', email: 'onbekend@gent.example' }), {
    issuedAtMs: Date.now(),
  });
  const [named] = await mail.waitFor((m) =>
    m.to.some((to) => to.toLowerCase() === 'nora.nieuw@gent.example'),
  );
  expect(named?.text).toMatch(/^Dear Nora Nieuw,/m);
  const [unknown] = await mail.waitFor((m) => m.to.includes('onbekend@gent.example'));
  expect(unknown?.text).toMatch(/^Beste onbekend@gent\.example,/m);
});

test('a name the project gave is kept, whatever the directory says', () => {
  const person = { name: 'Ans Peeters', email: 'ans.peeters@gent.example', locale: 'nl' as const };
  expect(namedRecipient(person, directory)).toEqual(person);
  expect(
    namedRecipient(
      { name: 'nora.nieuw@gent.example', email: 'nora.nieuw@gent.example', locale: 'nl' },
      directory,
    ),
  ).toEqual({
    name: 'Nora Nieuw',
    email: 'nora.nieuw@gent.example',
    locale: 'nl',
  });
});
