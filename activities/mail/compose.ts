/**
 * Turns a notification into a mail: subject, plain text and HTML (readable without images), in the
 * recipient's language (nl by default) with dates in their time zone, plus the deterministic
 * Message-ID and threading headers. Pure apart from hashing: the notifier adds links and sends.
 */
import { createHash } from 'node:crypto';
import { GATE_LABELS, type GateId, type Locale, catalogue, label, stepLabel } from '../../domain/catalogue';
import type { Notification } from '../../domain/notifications';
import type { ApprovalPolicy, Person } from '../../domain/schemas';

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

// ---------------------------------------------------------------------------------------------
// Message-IDs

const shortHash = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 16);

function scopeOf(notification: Notification): string {
  if ('gate' in notification) return `${notification.gate}.r${notification.round}`;
  if ('moment' in notification) return `moment.${notification.moment.id}`;
  return 'project';
}

/**
 * Same (project, gate/moment, round, recipient, kind, sequence) → same Message-ID, on every retry,
 * so a receiving system that saw the first attempt drops the duplicate.
 */
export function messageIdFor(notification: Notification, domain: string): string {
  const resend = notification.resend ? `.resend${notification.resend}` : '';
  const recipient = shortHash(notification.recipient.email);
  return `<cpo.${notification.project.projectId}.${scopeOf(notification)}.${notification.kind}.${notification.sequence}${resend}.${recipient}@${domain}>`;
}

/** The request a reminder or escalation follows up, for In-Reply-To / References. */
function threadParent(notification: Notification, domain: string): string[] {
  switch (notification.kind) {
    case 'approval-reminder':
      return [
        requestId(
          notification,
          notification.recipient,
          notification.gate,
          notification.round,
          domain,
          notification.requestSequence,
        ),
      ];
    case 'round-outcome':
    case 'round-replaced':
      return [requestId(notification, notification.recipient, notification.gate, notification.round, domain)];
    case 'approval-escalation':
      return notification.pending.map((person) =>
        requestId(notification, person, notification.gate, notification.round, domain),
      );
    case 'review-reminder':
    case 'calendar-update':
      return [
        messageIdFor(
          {
            kind: 'review-request',
            project: notification.project,
            recipient: notification.recipient,
            sequence: 0,
            moment: notification.moment,
            supplier: notification.supplier,
          },
          domain,
        ),
      ];
    default:
      return [];
  }
}

/** The Message-ID of the approval request a person got in a round (sequence = delegations before them). */
function requestId(
  n: Notification,
  recipient: Person,
  gate: GateId,
  round: number,
  domain: string,
  sequence = 0,
): string {
  return `<cpo.${n.project.projectId}.${gate}.r${round}.approval-request.${sequence}.${shortHash(recipient.email)}@${domain}>`;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const tr = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);

export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
  return `${formatted} (${timeZone})`;
}

export function formatDay(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : 'en-GB', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00.000Z`));
}

function policyText(policy: ApprovalPolicy, approvers: number, locale: Locale): string {
  const base =
    policy.rule === 'all'
      ? tr(locale, 'iedereen moet goedkeuren', 'everyone must approve')
      : policy.rule === 'any'
        ? tr(locale, 'één goedkeuring volstaat', 'one approval is enough')
        : tr(
            locale,
            `${policy.quorum} van ${approvers} goedkeuringen nodig`,
            `${policy.quorum} of ${approvers} approvals needed`,
          );
  return policy.sequential
    ? `${base}${tr(locale, ', één na één in volgorde', ', one after another in order')}`
    : base;
}

const MOMENT_LABELS: Record<string, Record<Locale, string>> = {
  'kick-off': {
    nl: label(catalogue.follow_up_cadence.items, 'kick-off', 'nl'),
    en: label(catalogue.follow_up_cadence.items, 'kick-off', 'en'),
  },
  'periodic-review': {
    nl: label(catalogue.follow_up_cadence.items, 'kpi-review', 'nl'),
    en: label(catalogue.follow_up_cadence.items, 'kpi-review', 'en'),
  },
  'strategic-review': {
    nl: label(catalogue.follow_up_cadence.items, 'strategic-review', 'nl'),
    en: label(catalogue.follow_up_cadence.items, 'strategic-review', 'en'),
  },
};

const momentLabel = (kind: string, locale: Locale): string => MOMENT_LABELS[kind]?.[locale] ?? kind;

const OUTCOME_LABELS: Record<string, Record<Locale, string>> = {
  approved: { nl: 'goedgekeurd', en: 'approved' },
  'changes-requested': { nl: 'wijzigingen gevraagd', en: 'changes requested' },
  rejected: { nl: 'afgekeurd', en: 'rejected' },
  'timed-out': { nl: 'termijn verstreken', en: 'timed out' },
  cancelled: { nl: 'geannuleerd', en: 'cancelled' },
  completed: { nl: 'afgerond', en: 'completed' },
  'purchase-avoided': { nl: 'aankoop vermeden', en: 'purchase avoided' },
  approve: { nl: 'goedgekeurd', en: 'approved' },
  reject: { nl: 'afgekeurd', en: 'rejected' },
  'request-changes': { nl: 'wijzigingen gevraagd', en: 'changes requested' },
};
export const outcomeLabel = (outcome: string, locale: Locale): string =>
  OUTCOME_LABELS[outcome]?.[locale] ?? outcome;

// ---------------------------------------------------------------------------------------------
// Content

interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string; note?: string };
  calendarNote?: string;
}

const names = (people: Person[]): string => people.map((p) => p.name).join(', ');

function content(n: Notification, locale: Locale, timeZone: string, actionUrl: string | undefined): Content {
  const project = `${n.project.title} (${n.project.organisation})`;
  const greeting = tr(locale, `Beste ${n.recipient.name},`, `Dear ${n.recipient.name},`);
  const decisionAction = actionUrl
    ? {
        label: tr(locale, 'Open de beslissingspagina', 'Open the decision page'),
        url: actionUrl,
        note: tr(
          locale,
          'De link opent enkel de pagina: u beslist pas met een klik op die pagina. De link is persoonlijk; stuur hem niet door (u kunt er op de pagina iemand anders voor aanduiden).',
          'The link only opens the page: nothing is decided until you choose on it. The link is personal; please do not forward it (you can delegate to someone on the page).',
        ),
      }
    : undefined;
  const reviewAction = actionUrl
    ? { label: tr(locale, 'Open het reviewformulier', 'Open the review form'), url: actionUrl }
    : undefined;

  switch (n.kind) {
    case 'approval-request':
    case 'approval-reminder': {
      const gate = GATE_LABELS[n.gate][locale];
      const reminder = n.kind === 'approval-reminder';
      return {
        subject: reminder
          ? tr(
              locale,
              `Herinnering: goedkeuring ${gate} — ${n.project.title} (ronde ${n.round})`,
              `Reminder: approval of ${gate} — ${n.project.title} (round ${n.round})`,
            )
          : tr(
              locale,
              `Goedkeuring gevraagd: ${gate} — ${n.project.title} (ronde ${n.round})`,
              `Approval requested: ${gate} — ${n.project.title} (round ${n.round})`,
            ),
        greeting,
        paragraphs: [
          reminder
            ? tr(
                locale,
                `We wachten nog op uw beslissing over ${gate} van ${project}.`,
                `We are still waiting for your decision on ${gate} of ${project}.`,
              )
            : tr(
                locale,
                `${n.submittedBy} legt ${gate} van ${project} ter goedkeuring voor.`,
                `${n.submittedBy} submitted ${gate} of ${project} for approval.`,
              ),
          ...(n.delegatedBy
            ? [
                tr(
                  locale,
                  `${n.delegatedBy.name} heeft deze beslissing aan u gedelegeerd.`,
                  `${n.delegatedBy.name} delegated this decision to you.`,
                ),
              ]
            : []),
          tr(locale, 'Samenvatting van de inzending:', 'Summary of the submission:'),
        ],
        list: [
          ...n.digest[locale],
          `${tr(locale, 'Goedkeurders', 'Approvers')}: ${names(n.approvers)} — ${policyText(n.policy, n.approvers.length, locale)}`,
          ...(n.deadlineAt
            ? [`${tr(locale, 'Uiterlijk', 'Deadline')}: ${formatInstant(n.deadlineAt, locale, timeZone)}`]
            : []),
        ],
        ...(decisionAction ? { action: decisionAction } : {}),
      };
    }
    case 'approval-escalation': {
      const gate = GATE_LABELS[n.gate][locale];
      return {
        subject: tr(
          locale,
          `Escalatie: ${gate} van ${n.project.title} wacht op een beslissing`,
          `Escalation: ${gate} of ${n.project.title} awaits a decision`,
        ),
        greeting,
        paragraphs: [
          n.reason === 'deadline'
            ? tr(
                locale,
                `De termijn voor de goedkeuring van ${gate} (ronde ${n.round}) van ${project} is verstreken.`,
                `The deadline for approving ${gate} (round ${n.round}) of ${project} has passed.`,
              )
            : tr(
                locale,
                `Na ${n.remindersSent} herinneringen is er nog geen beslissing over ${gate} (ronde ${n.round}) van ${project}.`,
                `After ${n.remindersSent} reminders there is still no decision on ${gate} (round ${n.round}) of ${project}.`,
              ),
          tr(locale, 'We wachten nog op:', 'Still waiting for:'),
        ],
        list: n.pending.map((p) => `${p.name} <${p.email}>`),
      };
    }
    case 'round-outcome': {
      const gate = GATE_LABELS[n.gate][locale];
      const outcome = outcomeLabel(n.outcome, locale);
      return {
        subject: tr(
          locale,
          `${gate} van ${n.project.title}: ${outcome}`,
          `${gate} of ${n.project.title}: ${outcome}`,
        ),
        greeting,
        paragraphs: [
          n.outcome === 'cancelled'
            ? tr(
                locale,
                `Het project ${project} is geannuleerd: u hoeft over ${gate} niet meer te beslissen.`,
                `The project ${project} was cancelled: you no longer need to decide on ${gate}.`,
              )
            : tr(
                locale,
                `Ronde ${n.round} voor ${gate} van ${project} is afgesloten: ${outcome}.`,
                `Round ${n.round} for ${gate} of ${project} is closed: ${outcome}.`,
              ),
          ...(n.outcome === 'approved'
            ? [
                tr(
                  locale,
                  'Het project gaat naar de volgende stap.',
                  'The project moves on to the next step.',
                ),
              ]
            : n.outcome === 'cancelled'
              ? []
              : [
                  tr(
                    locale,
                    'Werk de inzending bij en dien ze opnieuw in: dat opent een nieuwe ronde.',
                    'Update the submission and submit it again: that opens a new round.',
                  ),
                ]),
          ...(n.comments.length > 0 ? [tr(locale, 'Opmerkingen:', 'Comments:')] : []),
        ],
        list: n.comments.map((c) => `${c.by} (${outcomeLabel(c.decision, locale)}): ${c.comment}`),
      };
    }
    case 'round-replaced': {
      const gate = GATE_LABELS[n.gate][locale];
      return {
        subject: tr(
          locale,
          `Vervangen: ${gate} van ${n.project.title} (ronde ${n.round} → ${n.replacedBy})`,
          `Replaced: ${gate} of ${n.project.title} (round ${n.round} → ${n.replacedBy})`,
        ),
        greeting,
        paragraphs: [
          tr(
            locale,
            `De inzending voor ${gate} van ${project} werd opnieuw ingediend. Ronde ${n.round} is vervangen door ronde ${n.replacedBy}; de link uit uw vorige mail werkt niet meer. Als u in de nieuwe ronde beslist, krijgt u daarvoor een nieuwe aanvraag.`,
            `The ${gate} submission of ${project} was submitted again. Round ${n.round} was replaced by round ${n.replacedBy}; the link in your earlier mail no longer works. If you decide in the new round, you receive a new request for it.`,
          ),
        ],
      };
    }
    case 'rfi-reminder':
      return {
        subject: tr(
          locale,
          `RFI afgesloten: leg de bevindingen vast — ${n.project.title}`,
          `RFI closed: record the findings — ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          tr(
            locale,
            `De schriftelijke bevraging "${n.description}" voor ${project} sloot op ${formatDay(n.closesOn, locale)}. Leg de bevindingen vast in stap 3 (dialoog met de markt).`,
            `The request for information "${n.description}" for ${project} closed on ${formatDay(n.closesOn, locale)}. Record its findings in step 3 (market dialogue).`,
          ),
        ],
      };
    case 'review-request':
    case 'review-reminder': {
      const moment = momentLabel(n.moment.kind, locale);
      const day = formatDay(n.moment.dueOn, locale);
      const reminder = n.kind === 'review-reminder';
      return {
        subject: reminder
          ? tr(
              locale,
              `Review ontbreekt: ${moment} van ${day} — ${n.project.title}`,
              `Review missing: ${moment} of ${day} — ${n.project.title}`,
            )
          : tr(
              locale,
              `Opvolging: ${moment} op ${day} — ${n.project.title}`,
              `Follow-up: ${moment} on ${day} — ${n.project.title}`,
            ),
        greeting,
        paragraphs: [
          reminder
            ? tr(
                locale,
                `De review van de ${moment} van ${day} voor het contract met ${n.supplier} is nog niet ingevuld.`,
                `The review of the ${moment} of ${day} for the contract with ${n.supplier} has not been recorded yet.`,
              )
            : tr(
                locale,
                `Op ${day} staat de ${moment} gepland voor het contract met ${n.supplier} (${project}).`,
                `The ${moment} for the contract with ${n.supplier} (${project}) is due on ${day}.`,
              ),
          tr(
            locale,
            'Volg op: prestaties en KPI’s, beschikbaarheid, herstellingen, onderhoud, levensduur, opleiding van gebruikers, groeipad en knelpunten.',
            'Follow up: performance and KPIs, availability, repairs, maintenance, lifetime, user training, growth path and issues.',
          ),
        ],
        ...(reviewAction ? { action: reviewAction } : {}),
        ...(reminder
          ? {}
          : {
              calendarNote: tr(
                locale,
                'De afspraak zit als agenda-uitnodiging in bijlage.',
                'The appointment is attached as a calendar invitation.',
              ),
            }),
      };
    }
    case 'review-escalation': {
      const moment = momentLabel(n.moment.kind, locale);
      const day = formatDay(n.moment.dueOn, locale);
      return {
        subject: tr(
          locale,
          `Escalatie: review van ${day} ontbreekt — ${n.project.title}`,
          `Escalation: review of ${day} missing — ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          tr(
            locale,
            `${n.contractManager.name} <${n.contractManager.email}> heeft de review van de ${moment} van ${day} voor ${project} nog niet ingevuld, ook niet na een herinnering.`,
            `${n.contractManager.name} <${n.contractManager.email}> has not recorded the review of the ${moment} of ${day} for ${project}, not even after a reminder.`,
          ),
        ],
      };
    }
    case 'calendar-update': {
      const moment = momentLabel(n.moment.kind, locale);
      const day = formatDay(n.moment.dueOn, locale);
      const cancelled = n.method === 'CANCEL';
      return {
        subject: cancelled
          ? tr(
              locale,
              `Geannuleerd: ${moment} van ${day} — ${n.project.title}`,
              `Cancelled: ${moment} of ${day} — ${n.project.title}`,
            )
          : tr(
              locale,
              `Gewijzigd: ${moment} nu op ${day} — ${n.project.title}`,
              `Changed: ${moment} now on ${day} — ${n.project.title}`,
            ),
        greeting,
        paragraphs: [
          cancelled
            ? tr(
                locale,
                `De ${moment} van ${day} voor het contract met ${n.supplier} gaat niet door.`,
                `The ${moment} of ${day} for the contract with ${n.supplier} is cancelled.`,
              )
            : tr(
                locale,
                `De ${moment} voor het contract met ${n.supplier} is verplaatst naar ${day}.`,
                `The ${moment} for the contract with ${n.supplier} moved to ${day}.`,
              ),
        ],
        calendarNote: tr(
          locale,
          'De bijgewerkte agenda-uitnodiging zit in bijlage.',
          'The updated calendar invitation is attached.',
        ),
      };
    }
    case 'end-of-use-reminder':
      return {
        subject: tr(
          locale,
          `Einde contract nadert (${formatDay(n.contractEnd, locale)}) — ${n.project.title}`,
          `Contract ends soon (${formatDay(n.contractEnd, locale)}) — ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          tr(
            locale,
            `Het contract met ${n.supplier} voor ${project} eindigt op ${formatDay(n.contractEnd, locale)}. Bereid het einde gebruik (stap 6) voor: is het echt het einde, en welke route behoudt per item de meeste waarde (herstellen, hergebruiken, opknappen, … recycleren)? Denk aan terugname en terugkoop.`,
            `The contract with ${n.supplier} for ${project} ends on ${formatDay(n.contractEnd, locale)}. Prepare the end of use (step 6): is it really the end, and which route keeps most value per item (repair, reuse, refurbish, … recycle)? Remember take-back and buy-back.`,
          ),
        ],
      };
    case 'project-closed':
      return {
        subject: tr(
          locale,
          `Project ${outcomeLabel(n.outcome, locale)}: ${n.project.title}`,
          `Project ${outcomeLabel(n.outcome, locale)}: ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          tr(
            locale,
            `${project} is ${outcomeLabel(n.outcome, locale)} (in stap ${stepLabel(n.step, 'nl')}).`,
            `${project} is ${outcomeLabel(n.outcome, locale)} (in step ${stepLabel(n.step, 'en')}).`,
          ),
          ...(n.reason ? [`${tr(locale, 'Reden', 'Reason')}: ${n.reason}`] : []),
          ...(n.outcome === 'cancelled'
            ? []
            : [
                tr(
                  locale,
                  'De lessen zijn bewaard voor het volgende project van deze productgroep.',
                  'The lessons are kept for the next project of this product group.',
                ),
              ]),
        ],
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function renderText(c: Content, locale: Locale): string {
  const lines = [c.greeting, '', ...c.paragraphs.flatMap((p) => [p, ''])];
  if (c.list && c.list.length > 0) lines.push(...c.list.map((item) => `  - ${item}`), '');
  if (c.action)
    lines.push(`${c.action.label}:`, c.action.url, '', ...(c.action.note ? [c.action.note, ''] : []));
  if (c.calendarNote) lines.push(c.calendarNote, '');
  lines.push(
    '—',
    tr(locale, 'Circulair aankopen · automatisch bericht', 'Circular procurement · automated message'),
  );
  return lines.join('\n');
}

function renderHtml(c: Content, locale: Locale): string {
  const list =
    c.list && c.list.length > 0
      ? `<ul style="padding-left:20px;margin:0 0 16px">${c.list.map((item) => `<li style="margin:4px 0">${escapeHtml(item)}</li>`).join('')}</ul>`
      : '';
  const action = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#1b5e20;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(c.action.label)}</a></p>
<p style="font-size:13px;color:#555;margin:0 0 16px">${escapeHtml(c.action.url)}</p>${
        c.action.note
          ? `<p style="font-size:13px;color:#555;margin:0 0 16px">${escapeHtml(c.action.note)}</p>`
          : ''
      }`
    : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f6f4">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p style="margin:0 0 16px">${escapeHtml(c.greeting)}</p>
${c.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('\n')}
${list}
${action}
${c.calendarNote ? `<p style="margin:0 0 16px">${escapeHtml(c.calendarNote)}</p>` : ''}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:12px;color:#666;margin:0">${escapeHtml(tr(locale, 'Circulair aankopen · automatisch bericht', 'Circular procurement · automated message'))}</p>
</div></body></html>`;
}

export function composeMail(notification: Notification, context: ComposeContext): ComposedMail {
  const locale = notification.recipient.locale ?? context.defaults.locale;
  const timeZone = notification.recipient.timeZone ?? context.defaults.timeZone;
  const c = content(notification, locale, timeZone, context.actionUrl);
  const parents = threadParent(notification, context.messageDomain);
  return {
    subject: c.subject,
    text: renderText(c, locale),
    html: renderHtml(c, locale),
    messageId: messageIdFor(notification, context.messageDomain),
    ...(parents.length > 0 ? { inReplyTo: parents[0], references: parents } : {}),
    ...(context.calendar ? { calendar: context.calendar } : {}),
  };
}
