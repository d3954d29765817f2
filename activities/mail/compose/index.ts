/**
 * Turns a notification into a mail: subject, plain text and HTML (readable without images), in the
 * recipient's language (nl by default) with dates in their time zone, plus the deterministic
 * Message-ID and threading headers. Pure apart from hashing: the notifier adds links and sends.
 */
import type { Locale } from '../../../domain/catalogue';
import type { Notification } from '../../../domain/notifications';
import { contentOf } from './content';
import { messageIdFor, threadParent } from './message-ids';
import { renderHtml, renderText } from './render';

export { messageIdFor } from './message-ids';

export interface ComposeContext {
  /** Domain part of Message-IDs (from the sender address). */
  messageDomain: string;
  defaults: { locale: Locale; timeZone: string };
  /** Link to the decision or review page, when the message has one. */
  actionUrl?: string;
  /** Calendar attachment, for follow-up moments. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export function composeMail(notification: Notification, context: ComposeContext): ComposedMail {
  const locale = notification.recipient.locale ?? context.defaults.locale;
  const timeZone = notification.recipient.timeZone ?? context.defaults.timeZone;
  const content = contentOf(notification, locale, timeZone, context.actionUrl);
  const parents = threadParent(notification, context.messageDomain);
  return {
    subject: content.subject,
    text: renderText(content, locale),
    html: renderHtml(content, locale),
    messageId: messageIdFor(notification, context.messageDomain),
    ...(parents.length > 0 ? { inReplyTo: parents[0], references: parents } : {}),
    ...(context.calendar ? { calendar: context.calendar } : {}),
  };
}
