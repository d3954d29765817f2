/** The wording of contract follow-up mails: review requests, reminders and escalations, calendar changes, the contract's end. */
import type { Locale } from '../../../domain/catalogue';
import { conditionLabel } from '../../../domain/end-of-use';
import type { Notification } from '../../../domain/notifications';
import { formatDay } from '../../../presentation/dates';
import { inSentence, momentLabel } from '../../../presentation/labels';
import { t } from '../../../presentation/locale';
import type { Content, Wording } from './content';

type ContractNotification = Extract<
  Notification,
  {
    kind:
      | 'review-request'
      | 'review-reminder'
      | 'review-escalation'
      | 'calendar-update'
      | 'end-of-use-reminder'
      | 'use-continuation-request';
  }
>;

export function contractContent(n: ContractNotification, w: Wording): Content {
  const { locale, greeting, project } = w;
  if (n.kind === 'end-of-use-reminder')
    return withConditions(endOfUseReminderContent(n, w), n.conditions, w.locale);
  if (n.kind === 'use-continuation-request')
    return withConditions(useContinuationContent(n, w), n.conditions, w.locale);
  const moment = momentLabel(n.moment.kind, locale);
  // Inside a sentence a moment is a common noun: "staat de startvergadering gepland" (but "de KPI-review").
  const momentInSentence = inSentence(moment);
  const day = formatDay(n.moment.dueOn, locale);
  switch (n.kind) {
    case 'review-request':
    case 'review-reminder': {
      const reminder = n.kind === 'review-reminder';
      const reviewAction = w.actionUrl
        ? { label: t(locale, 'Open het reviewformulier', 'Open the review form'), url: w.actionUrl }
        : undefined;
      return {
        subject: reminder
          ? t(
              locale,
              `Review ontbreekt: ${moment} van ${day} — ${n.project.title}`,
              `Review missing: ${moment} of ${day} — ${n.project.title}`,
            )
          : t(
              locale,
              `Opvolging: ${moment} op ${day} — ${n.project.title}`,
              `Follow-up: ${moment} on ${day} — ${n.project.title}`,
            ),
        greeting,
        paragraphs: [
          reminder
            ? t(
                locale,
                `Het verslag van de ${momentInSentence} van ${day} voor het contract met ${n.supplier} is nog niet ingevuld.`,
                `The review of the ${momentInSentence} of ${day} for the contract with ${n.supplier} has not been recorded yet.`,
              )
            : t(
                locale,
                `Op ${day} staat de ${momentInSentence} gepland voor het contract met ${n.supplier} (${project}).`,
                `The ${momentInSentence} for the contract with ${n.supplier} (${project}) is due on ${day}.`,
              ),
          t(
            locale,
            'Volg op: prestaties en KPI’s, beschikbaarheid, herstellingen, onderhoud, levensduur, opleiding van gebruikers, groeitraject en knelpunten.',
            'Follow up: performance and KPIs, availability, repairs, maintenance, lifetime, user training, growth path and issues.',
          ),
        ],
        ...(reviewAction ? { action: reviewAction } : {}),
        ...(reminder
          ? {}
          : {
              calendarNote: t(
                locale,
                'De afspraak zit als agenda-uitnodiging in bijlage.',
                'The appointment is attached as a calendar invitation.',
              ),
            }),
      };
    }
    case 'review-escalation':
      return {
        subject: t(
          locale,
          `Escalatie: review van ${day} ontbreekt — ${n.project.title}`,
          `Escalation: review of ${day} missing — ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          t(
            locale,
            `${n.contractManager.name} <${n.contractManager.email}> heeft het verslag van de ${momentInSentence} van ${day} voor ${project} nog niet ingevuld, ook niet na een herinnering.`,
            `${n.contractManager.name} <${n.contractManager.email}> has not recorded the review of the ${momentInSentence} of ${day} for ${project}, not even after a reminder.`,
          ),
        ],
      };
    case 'calendar-update': {
      const cancelled = n.method === 'CANCEL';
      return {
        subject: cancelled
          ? t(
              locale,
              `Geannuleerd: ${moment} van ${day} — ${n.project.title}`,
              `Cancelled: ${moment} of ${day} — ${n.project.title}`,
            )
          : t(
              locale,
              `Gewijzigd: ${moment} nu op ${day} — ${n.project.title}`,
              `Changed: ${moment} now on ${day} — ${n.project.title}`,
            ),
        greeting,
        paragraphs: [
          cancelled
            ? t(
                locale,
                `De ${moment} van ${day} voor het contract met ${n.supplier} gaat niet door.`,
                `The ${moment} of ${day} for the contract with ${n.supplier} is cancelled.`,
              )
            : t(
                locale,
                `De ${moment} voor het contract met ${n.supplier} is verplaatst naar ${day}.`,
                `The ${moment} for the contract with ${n.supplier} moved to ${day}.`,
              ),
        ],
        calendarNote: t(
          locale,
          'De bijgewerkte agenda-uitnodiging zit in bijlage.',
          'The updated calendar invitation is attached.',
        ),
      };
    }
  }
}

/** The contract's end-of-use conditions (6.1): a sentence that leads into them, and the list. */
function withConditions(content: Content, conditions: string[] | undefined, locale: Locale): Content {
  if (!conditions?.length) return content;
  return {
    ...content,
    paragraphs: [
      ...content.paragraphs,
      t(
        locale,
        'Wat het contract afsprak voor het einde van het gebruik (stap 4):',
        'What the contract agreed for the end of use (step 4):',
      ),
    ],
    list: conditions.map((id) => conditionLabel(id, locale)),
  };
}

function endOfUseReminderContent(
  n: Extract<ContractNotification, { kind: 'end-of-use-reminder' }>,
  { locale, greeting, project }: Wording,
): Content {
  const contractEnd = formatDay(n.contractEnd, locale);
  if (n.useUntil !== undefined) {
    const useUntil = formatDay(n.useUntil, locale);
    return {
      subject: t(
        locale,
        `Einde gebruik nadert (${useUntil}) — ${n.project.title}`,
        `End of use approaching (${useUntil}) — ${n.project.title}`,
      ),
      greeting,
      paragraphs: [
        t(
          locale,
          `Het contract met ${n.supplier} voor ${project} eindigde op ${contractEnd}; het gebruik loopt volgens uw bevestiging door tot ${useUntil}. Bereid het einde van het gebruik (stap 6) voor: welke route behoudt per item de meeste waarde, en welke afspraken uit het contract (terugname, terugkoop) gelden nog?`,
          `The contract with ${n.supplier} for ${project} ended on ${contractEnd}; as you confirmed, use goes on until ${useUntil}. Prepare the end of use (step 6): which route keeps most value per item, and which contract agreements (take-back, buy-back) still apply?`,
        ),
      ],
    };
  }
  return {
    subject: t(
      locale,
      `Einde contract nadert (${contractEnd}) — ${n.project.title}`,
      `Contract ends soon (${contractEnd}) — ${n.project.title}`,
    ),
    greeting,
    paragraphs: [
      t(
        locale,
        `Het contract met ${n.supplier} voor ${project} eindigt op ${contractEnd}. Bereid het einde van het gebruik (stap 6) voor: is het echt het einde, en welke route behoudt per item de meeste waarde (herstellen, hergebruiken, opknappen, … recycleren)? Denk aan terugname en terugkoop.`,
        `The contract with ${n.supplier} for ${project} ends on ${contractEnd}. Prepare the end of use (step 6): is it really the end, and which route keeps most value per item (repair, reuse, refurbish, … recycle)? Remember take-back and buy-back.`,
      ),
    ],
  };
}

/** At the planned end of use the owners say whether use goes on: the end of a contract is not the end of use. */
function useContinuationContent(
  n: Extract<ContractNotification, { kind: 'use-continuation-request' }>,
  { locale, greeting, project, actionUrl }: Wording,
): Content {
  const contractEnd = formatDay(n.contractEnd, locale);
  const ended =
    n.useUntil === undefined
      ? t(
          locale,
          `Het contract met ${n.supplier} voor ${project} is vandaag afgelopen (${contractEnd}).`,
          `The contract with ${n.supplier} for ${project} ended today (${contractEnd}).`,
        )
      : t(
          locale,
          `Het gebruik na het contract met ${n.supplier} voor ${project} (afgelopen op ${contractEnd}) was bevestigd tot vandaag (${formatDay(n.useUntil, locale)}).`,
          `Use after the contract with ${n.supplier} for ${project} (ended on ${contractEnd}) was confirmed until today (${formatDay(n.useUntil, locale)}).`,
        );
  return {
    subject: `${n.reminder ? t(locale, 'Herinnering: ', 'Reminder: ') : ''}${t(
      locale,
      `Blijft u het gebruiken? Bevestig het einde van het gebruik — ${n.project.title}`,
      `Still in use? Confirm the end of use — ${n.project.title}`,
    )}`,
    greeting,
    paragraphs: [
      ended,
      t(
        locale,
        'Het einde van een contract is niet vanzelf het einde van het gebruik. Bekijk de gebruikstermijn kritisch, los van afschrijvingstermijnen of gewoonten: voldoen de goederen nog, en is er nog nood aan?',
        'The end of a contract is not by itself the end of use. Look at the use term critically, apart from depreciation periods or habit: do the goods still meet the need, and is there still a need?',
      ),
      t(
        locale,
        'Bevestig of het gebruik doorloopt, met de reden en tot wanneer; dan plannen we de herinnering voor het einde van het gebruik opnieuw. Eindigt het gebruik, dan start stap 6 (einde gebruik). Tot u antwoordt, blijft het project in stap 5.',
        'Confirm whether use goes on, with the reason and until when; the end-of-use reminder is then planned again. If use ends, step 6 (end of use) starts. Until you answer, the project stays in step 5.',
      ),
    ],
    ...(actionUrl
      ? {
          action: {
            label: t(locale, 'Antwoord in de werkruimte', 'Answer in the workspace'),
            url: actionUrl,
          },
        }
      : {}),
  };
}
