/** The wording of the project's other mails: an RFI that closed, and the project's end. */
import type { Notification } from '../../../domain/notifications';
import { formatDay } from '../../../presentation/dates';
import { outcomeLabel, stepInSentence } from '../../../presentation/labels';
import { t } from '../../../presentation/locale';
import type { Content, Wording } from './content';

type ProjectNotification = Extract<Notification, { kind: 'rfi-reminder' | 'project-closed' }>;

export function projectContent(n: ProjectNotification, w: Wording): Content {
  const { locale, greeting, project } = w;
  switch (n.kind) {
    case 'rfi-reminder':
      return {
        subject: t(
          locale,
          `RFI afgesloten: leg de bevindingen vast — ${n.project.title}`,
          `RFI closed: record the findings — ${n.project.title}`,
        ),
        greeting,
        paragraphs: [
          t(
            locale,
            `De schriftelijke bevraging "${n.description}" voor ${project} sloot op ${formatDay(n.closesOn, locale)}. Leg de bevindingen vast in stap 3 (dialoog met de markt).`,
            `The request for information "${n.description}" for ${project} closed on ${formatDay(n.closesOn, locale)}. Record its findings in step 3 (market dialogue).`,
          ),
        ],
      };
    case 'project-closed':
      return {
        // "Project" is the same word in both languages; the outcome label is translated.
        subject: `Project ${outcomeLabel(n.outcome, locale)}: ${n.project.title}`,
        greeting,
        paragraphs: [
          t(
            locale,
            `${project} is ${outcomeLabel(n.outcome, locale)} in ${stepInSentence(n.step, 'nl')}.`,
            `${project} is ${outcomeLabel(n.outcome, locale)} in ${stepInSentence(n.step, 'en')}.`,
          ),
          ...(n.reason ? [`${t(locale, 'Reden', 'Reason')}: ${n.reason}`] : []),
          ...(n.outcome === 'cancelled'
            ? []
            : [
                t(
                  locale,
                  'De lessen zijn bewaard voor het volgende project van deze productgroep.',
                  'The lessons are kept for the next project of this product group.',
                ),
              ]),
        ],
      };
  }
}
