/** The wording of approval mails: the request and its reminder, the escalation, the outcome, a replaced round. */
import { GATE_LABELS, type Locale, type StepId, toolsOfStep } from '../../../domain/catalogue';
import type { Notification } from '../../../domain/notifications';
import type { Person } from '../../../domain/schemas';
import { formatInstant } from '../../../presentation/dates';
import { gateNoun, nextAfterApprovalText, outcomeLabel, policyText } from '../../../presentation/labels';
import { t } from '../../../presentation/locale';
import type { Content, Wording } from './content';

type ApprovalNotification = Extract<
  Notification,
  {
    kind:
      'approval-request' | 'approval-reminder' | 'approval-escalation' | 'round-outcome' | 'round-replaced';
  }
>;

const names = (people: Person[]): string => people.map((p) => p.name).join(', ');

/** The source's tools for the step the project enters, one line each with its link. */
function toolLines(step: StepId, locale: Locale): string[] {
  const tools = toolsOfStep(step);
  if (tools.length === 0) return [];
  return [
    t(locale, 'Hulpmiddelen bij deze stap:', 'Tools for this step:'),
    ...tools.map((tool) => `${tool.label[locale]}: ${tool.url[locale]}`),
  ];
}

export function approvalContent(n: ApprovalNotification, w: Wording): Content {
  const { locale, greeting, project } = w;
  const gate = GATE_LABELS[n.gate][locale];
  switch (n.kind) {
    case 'approval-request':
    case 'approval-reminder': {
      const reminder = n.kind === 'approval-reminder';
      const decisionAction = w.actionUrl
        ? {
            label: t(locale, 'Open de beslissingspagina', 'Open the decision page'),
            url: w.actionUrl,
            note: t(
              locale,
              'De link opent enkel de pagina: u beslist pas met een klik op die pagina. De link is persoonlijk; stuur hem niet door (u kunt er op de pagina iemand anders voor aanduiden).',
              'The link only opens the page: nothing is decided until you choose on it. The link is personal; please do not forward it (you can delegate to someone on the page).',
            ),
          }
        : undefined;
      return {
        subject: reminder
          ? t(
              locale,
              `Herinnering: goedkeuring ${gate} — ${n.project.title} (ronde ${n.round})`,
              `Reminder: approval of ${gate} — ${n.project.title} (round ${n.round})`,
            )
          : t(
              locale,
              `Goedkeuring gevraagd: ${gate} — ${n.project.title} (ronde ${n.round})`,
              `Approval requested: ${gate} — ${n.project.title} (round ${n.round})`,
            ),
        greeting,
        paragraphs: [
          reminder
            ? t(
                locale,
                `We wachten nog op uw beslissing over ${gateNoun(n.gate, 'nl')} van ${project}.`,
                `We are still waiting for your decision on ${gateNoun(n.gate, 'en')} of ${project}.`,
              )
            : t(
                locale,
                `${n.submitter?.name ?? n.submittedBy} legt ${gateNoun(n.gate, 'nl')} van ${project} ter goedkeuring voor.`,
                `${n.submitter?.name ?? n.submittedBy} submitted ${gateNoun(n.gate, 'en')} of ${project} for approval.`,
              ),
          ...(n.delegatedBy
            ? [
                t(
                  locale,
                  `${n.delegatedBy.name} heeft deze beslissing aan u gedelegeerd.`,
                  `${n.delegatedBy.name} delegated this decision to you.`,
                ),
              ]
            : []),
          t(locale, 'Samenvatting van de inzending:', 'Summary of the submission:'),
        ],
        list: [
          ...n.digest[locale],
          `${t(locale, 'Goedkeurders', 'Approvers')}: ${names(n.approvers)} — ${policyText(n.policy, n.approvers.length, locale, 'spelled-out')}`,
          ...(n.deadlineAt
            ? [
                `${t(locale, 'Uiterste datum', 'Deadline')}: ${formatInstant(n.deadlineAt, locale, w.timeZone)}`,
              ]
            : []),
        ],
        ...(decisionAction ? { action: decisionAction } : {}),
      };
    }
    case 'approval-escalation':
      return {
        subject: t(
          locale,
          `Escalatie: ${gate} van ${n.project.title} wacht op een beslissing`,
          `Escalation: ${gate} of ${n.project.title} awaits a decision`,
        ),
        greeting,
        paragraphs: [
          n.reason === 'deadline'
            ? t(
                locale,
                `De termijn om ${gateNoun(n.gate, 'nl')} van ${project} goed te keuren (ronde ${n.round}) is verstreken.`,
                `The deadline for approving ${gateNoun(n.gate, 'en')} of ${project} (round ${n.round}) has passed.`,
              )
            : t(
                locale,
                `Na ${n.remindersSent} herinneringen is er nog geen beslissing over ${gateNoun(n.gate, 'nl')} van ${project} (ronde ${n.round}).`,
                `After ${n.remindersSent} reminders there is still no decision on ${gateNoun(n.gate, 'en')} of ${project} (round ${n.round}).`,
              ),
          t(locale, 'We wachten nog op:', 'Still waiting for:'),
        ],
        list: n.pending.map((p) => `${p.name} <${p.email}>`),
      };
    case 'round-outcome': {
      const outcome = outcomeLabel(n.outcome, locale);
      return {
        subject: t(
          locale,
          `${gate} van ${n.project.title}: ${outcome}`,
          `${gate} of ${n.project.title}: ${outcome}`,
        ),
        greeting,
        paragraphs: [
          n.outcome === 'cancelled'
            ? t(
                locale,
                `Het project ${project} is stopgezet: u hoeft niet meer te beslissen over ${gateNoun(n.gate, 'nl')}.`,
                `The project ${project} was cancelled: you no longer need to decide on ${gateNoun(n.gate, 'en')}.`,
              )
            : t(
                locale,
                `De goedkeuringsronde ${n.round} over ${gateNoun(n.gate, 'nl')} van ${project} is afgesloten: ${outcome}.`,
                `Approval round ${n.round} on ${gateNoun(n.gate, 'en')} of ${project} is closed: ${outcome}.`,
              ),
          ...(n.outcome === 'approved'
            ? [
                n.next
                  ? nextAfterApprovalText(n.next, locale)
                  : t(
                      locale,
                      'Het project gaat naar de volgende stap.',
                      'The project moves on to the next step.',
                    ),
              ]
            : n.outcome === 'cancelled'
              ? []
              : [
                  t(
                    locale,
                    'Werk de inzending bij en dien ze opnieuw in: dat opent een nieuwe ronde.',
                    'Update the submission and submit it again: that opens a new round.',
                  ),
                ]),
          ...(n.outcome === 'approved' && n.next?.gate ? toolLines(n.next.step, locale) : []),
          ...(n.comments.length > 0 ? [t(locale, 'Opmerkingen:', 'Comments:')] : []),
        ],
        list: n.comments.map((c) => `${c.by} (${outcomeLabel(c.decision, locale)}): ${c.comment}`),
      };
    }
    case 'round-replaced':
      return {
        subject: t(
          locale,
          `Vervangen: ${gate} van ${n.project.title} (ronde ${n.round} → ${n.replacedBy})`,
          `Replaced: ${gate} of ${n.project.title} (round ${n.round} → ${n.replacedBy})`,
        ),
        greeting,
        paragraphs: [
          t(
            locale,
            `Er werd een nieuwe versie ingediend van ${gateNoun(n.gate, 'nl')} van ${project}. Ronde ${n.round} is vervangen door ronde ${n.replacedBy}; de link uit uw vorige e-mail werkt niet meer. Als u in de nieuwe ronde beslist, krijgt u daarvoor een nieuwe aanvraag.`,
            `A new version of ${gateNoun(n.gate, 'en')} of ${project} was submitted. Round ${n.round} was replaced by round ${n.replacedBy}; the link in your earlier mail no longer works. If you decide in the new round, you receive a new request for it.`,
          ),
        ],
      };
  }
}
