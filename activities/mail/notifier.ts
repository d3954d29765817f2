/** The notifier that mails: mints the link, composes the message and hands it to nodemailer. */
import type { Transporter } from 'nodemailer';
import type { Locale } from '../../domain/catalogue';
import type { Notification } from '../../domain/notifications';
import { t } from '../../presentation/locale';
import { type Notifier, MailRejectedError } from '../index';
import { type LinkSigner, decisionUrl, reviewUrl, useQuestionUrl } from '../links';
import { composeMail } from './compose';
import { followUpCalendar } from './ics';

export interface MailNotifierOptions {
  transport: Transporter;
  /** "Name <address>" or a bare address. */
  from: string;
  publicBaseUrl: string;
  links: LinkSigner;
  linkTtlDays: number;
  defaults: { locale: Locale; timeZone: string };
  /**
   * The people directory (PEOPLE, config/workspace-config.ts): names an address the project knows
   * only as an address (someone a decision was delegated to, a contract manager named by address),
   * so the mail greets them by name, in their language and time zone.
   */
  directory?: readonly {
    email: string;
    name: string;
    locale?: Locale | undefined;
    timeZone?: string | undefined;
  }[];
}

/** The recipient as the directory names them, when the project knew only their address. */
export function namedRecipient(
  recipient: Notification['recipient'],
  directory: MailNotifierOptions['directory'] = [],
): Notification['recipient'] {
  const email = recipient.email.toLowerCase();
  const bare = recipient.name.trim() === '' || recipient.name.trim().toLowerCase() === email;
  const known = bare ? directory.find((person) => person.email.toLowerCase() === email) : undefined;
  if (!known) return recipient;
  const locale = recipient.locale ?? known.locale;
  const timeZone = recipient.timeZone ?? known.timeZone;
  return { ...recipient, name: known.name, ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
}

export function parseAddress(from: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (match?.[2]) return { name: match[1]?.replace(/^"|"$/g, '') || match[2], email: match[2] };
  return { name: from.trim(), email: from.trim() };
}

/** SMTP answers 5xx to a recipient or the data for good; anything else is worth another try. */
function isPermanentRefusal(error: unknown): boolean {
  const e = error as { responseCode?: number; command?: string };
  return (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    ['RCPT TO', 'DATA', 'MAIL FROM'].includes(e.command ?? '')
  );
}

/** The domain of the sender's address: Message-IDs and calendar UIDs are made in it. */
export const messageDomainOf = (sender: { email: string }): string =>
  sender.email.split('@')[1] ?? 'circular-procurement.local';

/** The title of a follow-up moment's calendar entry, before the supplier's name. */
export const followUpWhat = (locale: Locale): string => t(locale, 'Contractopvolging', 'Contract follow-up');

export function createMailNotifier(options: MailNotifierOptions): Notifier {
  const sender = parseAddress(options.from);
  const messageDomain = messageDomainOf(sender);

  function actionUrl(n: Notification, issuedAtMs: number): string | undefined {
    const expires = issuedAtMs + options.linkTtlDays * 86_400_000;
    if (n.kind === 'approval-request' || n.kind === 'approval-reminder') {
      const token = options.links.sign({
        k: 'decision',
        p: n.project.projectId,
        g: n.gate,
        r: n.round,
        a: n.recipient.email,
        e: expires,
      });
      return decisionUrl(options.publicBaseUrl, token);
    }
    if (n.kind === 'review-request' || n.kind === 'review-reminder') {
      const token = options.links.sign({
        k: 'review',
        p: n.project.projectId,
        m: n.moment.id,
        a: n.recipient.email,
        e: expires,
      });
      return reviewUrl(options.publicBaseUrl, token);
    }
    if (n.kind === 'use-continuation-request')
      return useQuestionUrl(options.publicBaseUrl, n.project.projectId);
    return undefined;
  }

  function calendar(n: Notification, url: string | undefined, issuedAtMs: number) {
    if (n.kind !== 'review-request' && n.kind !== 'calendar-update') return undefined;
    const method = n.kind === 'calendar-update' ? n.method : 'REQUEST';
    const locale = n.recipient.locale ?? options.defaults.locale;
    return {
      method,
      content: followUpCalendar({
        project: n.project,
        moment: n.moment,
        supplier: n.supplier,
        method,
        url,
        what: followUpWhat(locale),
        organizer: sender,
        attendee: { name: n.recipient.name, email: n.recipient.email },
        messageDomain,
        stamp: new Date(issuedAtMs),
      }),
    };
  }

  return {
    async send(sent, { issuedAtMs }) {
      const notification = {
        ...sent,
        recipient: namedRecipient(sent.recipient, options.directory),
      };
      const url = actionUrl(notification, issuedAtMs);
      const ics = calendar(notification, url, issuedAtMs);
      const mail = composeMail(notification, {
        messageDomain,
        defaults: options.defaults,
        ...(url ? { actionUrl: url } : {}),
        ...(ics ? { calendar: ics } : {}),
      });
      try {
        await options.transport.sendMail({
          from: options.from,
          to: { name: notification.recipient.name, address: notification.recipient.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: mail.references } : {}),
          ...(mail.calendar
            ? {
                icalEvent: {
                  method: mail.calendar.method,
                  content: mail.calendar.content,
                  filename: 'invite.ics',
                },
              }
            : {}),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
      } catch (error) {
        if (isPermanentRefusal(error))
          throw new MailRejectedError(
            `the mail server refused ${notification.recipient.email}: ${String((error as Error).message)}`,
          );
        throw error;
      }
      return { messageId: mail.messageId };
    },
  };
}
