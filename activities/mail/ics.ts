/**
 * iCalendar (RFC 5545) invitations for follow-up moments. One UID per moment for the life of the
 * contract; SEQUENCE rises with each change, so calendars update the event in place, and a dropped
 * moment is sent as METHOD:CANCEL with the same UID.
 */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** All-day event on this date (YYYY-MM-DD). */
  date: string;
  summary: string;
  description: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  stamp: Date;
}

/** What a follow-up moment's invitation says, wherever it is made (the mail, the workspace's download). */
export interface FollowUpInvitation {
  project: { projectId: string; title: string; organisation: string };
  moment: { id: string; sequence: number; dueOn: string };
  supplier: string;
  method: CalendarEvent['method'];
  /** Where the reader acts on it: the mailed review link, or the project's page. */
  url?: string | undefined;
  /** "Contract follow-up" in the reader's language. */
  what: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The domain of the sender's address: the UID stays the same event in every calendar. */
  messageDomain: string;
  stamp: Date;
}

export function followUpCalendar(invitation: FollowUpInvitation): string {
  const { project, moment, url } = invitation;
  return renderCalendar({
    uid: `${moment.id}.${project.projectId}@${invitation.messageDomain}`,
    sequence: moment.sequence,
    method: invitation.method,
    date: moment.dueOn,
    summary: `${invitation.what} ${invitation.supplier} — ${project.title}`,
    description: url
      ? `${project.title} (${project.organisation})\n${url}`
      : `${project.title} (${project.organisation})`,
    ...(url ? { url } : {}),
    organizer: invitation.organizer,
    attendee: invitation.attendee,
    stamp: invitation.stamp,
  });
}

/** Escapes TEXT values (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds lines longer than 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    const limit = chunks.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      chunks.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

const compactDate = (date: string): string => date.replace(/-/g, '');
const compactStamp = (date: Date): string => `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function renderCalendar(event: CalendarEvent): string {
  const quoted = (name: string) => `"${name.replace(/"/g, "'")}"`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Circular Procurement Orchestrator//Follow-up//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${compactStamp(event.stamp)}`,
    `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
    `DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `ORGANIZER;CN=${quoted(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${quoted(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${event.attendee.email}`,
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
