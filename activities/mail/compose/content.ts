/**
 * What a mail says, per notification kind, before it is rendered as text and HTML: subject,
 * greeting, paragraphs, an optional list and the button to the page behind the link. The wording per
 * kind lives with its group: approvals, the contract's follow-up, and the rest of the project.
 */
import type { Locale } from '../../../domain/catalogue';
import type { Notification } from '../../../domain/notifications';
import { t } from '../../../presentation/locale';
import { approvalContent } from './approval-content';
import { contractContent } from './contract-content';
import { projectContent } from './project-content';

export interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string; note?: string };
  calendarNote?: string;
}

/** What every kind's wording needs besides the notification itself. */
export interface Wording {
  locale: Locale;
  timeZone: string;
  /** Link to the decision or review page, when the message has one. */
  actionUrl: string | undefined;
  greeting: string;
  /** "Title (Organisation)", as the project is named in running text. */
  project: string;
}

export function contentOf(
  n: Notification,
  locale: Locale,
  timeZone: string,
  actionUrl: string | undefined,
): Content {
  const wording: Wording = {
    locale,
    timeZone,
    actionUrl,
    greeting: t(locale, `Beste ${n.recipient.name},`, `Dear ${n.recipient.name},`),
    project: `${n.project.title} (${n.project.organisation})`,
  };
  switch (n.kind) {
    case 'approval-request':
    case 'approval-reminder':
    case 'approval-escalation':
    case 'round-outcome':
    case 'round-replaced':
      return approvalContent(n, wording);
    case 'review-request':
    case 'review-reminder':
    case 'review-escalation':
    case 'calendar-update':
    case 'end-of-use-reminder':
    case 'use-continuation-request':
      return contractContent(n, wording);
    case 'rfi-reminder':
    case 'project-closed':
      return projectContent(n, wording);
  }
}
