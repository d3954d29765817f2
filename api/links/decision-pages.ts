/**
 * The pages behind a decision link (/d/<token>): the form, and the page that says why the person
 * cannot decide when they cannot (already recorded, replaced, delegated, not their turn, closed).
 */
import type { ApprovalRound } from '../../domain/approval-policy';
import {
  GATE_LABELS,
  GATE_STEP,
  type Locale,
  type StepId,
  stepLabel,
  toolsOfStep,
} from '../../domain/catalogue';
import type { Person } from '../../domain/schemas';
import { formatInstant } from '../../presentation/dates';
import { type FieldProblems, inputField, textareaField } from '../../presentation/form-fields';
import { type SafeHtml, joinHtml, safeHtml } from '../../presentation/html';
import { atStart, outcomeLabel, policyText } from '../../presentation/labels';
import { t } from '../../presentation/locale';
import { knownPerson } from '../../presentation/people';
import type { ProjectView } from '../../workflows/messages';
import { type RenderedPage, expiredLinkPage, list, notFoundPage, p, page, renewForm } from '../pages';
import { type DecisionStatus, decisionStatus } from './decision-status';
import { documentList } from './document-links';
import type { OpenedLink } from './link-tools';

export type DecisionLink = OpenedLink<'decision'>;

/** What the form shows again after a refused post. */
export interface DecisionFormValues {
  comment?: string;
  /** Problems beside their fields (comment, name, email, delegation-comment). */
  problems?: FieldProblems;
  /** The delegation form as typed, when it was the one refused. */
  delegation?: { name?: string; email?: string; comment?: string };
  error?: string;
  httpStatus?: number;
}

/** The round being decided on: project, gate and round, the deliverable's digest, approvers, deadline, tools. */
export function projectHeader(
  state: ProjectView,
  round: ApprovalRound,
  locale: Locale,
  timeZone: string,
): SafeHtml {
  return safeHtml`<p class="meta">${`${state.title} · ${state.organisation} · ${stepLabel(state.step, locale)}`}</p>
<h2>${`${GATE_LABELS[round.gate][locale]} — ${t(locale, 'ronde', 'round')} ${round.number}`}</h2>
${list(round.digest[locale])}
${p(`${t(locale, 'Goedkeurders', 'Approvers')}: ${round.slots.map((s) => s.holder.name).join(', ')} (${policyText(round.policy, round.slots.length, locale, 'brief')})`, 'meta')}
${round.deadline ? p(`${t(locale, 'Uiterste datum', 'Deadline')}: ${formatInstant(round.deadline.at, locale, timeZone)}`, 'meta') : ''}
${round.gate === 'circular-need' ? earlierLessons(state, locale) : ''}
${stepTools(GATE_STEP[round.gate], locale)}`;
}

/** The source text's tools for the step being decided on, to judge the submission against. */
function stepTools(step: StepId, locale: Locale): SafeHtml {
  const tools = toolsOfStep(step);
  if (tools.length === 0) return safeHtml``;
  const items = tools.map(
    (tool) => safeHtml`<li><a href="${tool.url[locale]}">${tool.label[locale]}</a></li>`,
  );
  return safeHtml`<h2>${t(locale, 'Hulpmiddelen bij deze stap', 'Tools for this step')}</h2><ul>${joinHtml(items, '')}</ul>`;
}

/** Step 1 starts from what earlier projects of the same product group learned. */
function earlierLessons(state: ProjectView, locale: Locale): SafeHtml {
  if (state.earlierLessons.length === 0) return safeHtml``;
  const items = state.earlierLessons
    .slice(-5)
    .flatMap((earlier) =>
      [...earlier.lessons, ...(earlier.nextTime ? [earlier.nextTime] : [])].map(
        (lesson) => `${lesson} (${earlier.title}, ${earlier.organisation})`,
      ),
    );
  return safeHtml`<h2>${t(locale, 'Lessen uit eerdere projecten van deze productgroep', 'Lessons from earlier projects of this product group')}</h2>${list(items)}`;
}

/**
 * The decision and delegation forms, posting to `action` and `action`/delegate; `hidden` goes into
 * both (the workspace's CSRF field; a mailed link's token is in its address).
 */
export function decisionForm(
  action: string,
  locale: Locale,
  values: DecisionFormValues,
  hidden: SafeHtml = safeHtml``,
): SafeHtml {
  const { problems, delegation = {} } = values;
  const delegating = Object.keys(delegation).length > 0;
  return safeHtml`<form method="post" action="${action}">${hidden}
${values.error ? p(values.error, 'error') : ''}
${textareaField({ name: 'comment', label: t(locale, 'Opmerking (verplicht bij afkeuren of wijzigingen vragen)', 'Comment (required to reject or request changes)'), value: values.comment, problems })}
<div class="buttons">
<button class="approve" type="submit" name="decision" value="approve">${t(locale, 'Goedkeuren', 'Approve')}</button>
<button class="changes" type="submit" name="decision" value="request-changes">${t(locale, 'Wijzigingen vragen', 'Request changes')}</button>
<button class="reject" type="submit" name="decision" value="reject">${t(locale, 'Afkeuren', 'Reject')}</button>
</div>
</form>
<details${delegating ? safeHtml` open` : ''}><summary>${t(locale, 'Iemand anders laten beslissen (delegeren)', 'Let someone else decide (delegate)')}</summary>
<form method="post" action="${action}/delegate">${hidden}
${inputField({ name: 'name', label: t(locale, 'Naam', 'Name'), value: delegation.name, problems, required: true })}
${inputField({ name: 'email', label: t(locale, 'E-mailadres', 'Email address'), type: 'email', value: delegation.email, problems, required: true })}
${textareaField({ name: 'comment', id: 'delegation-comment', label: t(locale, 'Opmerking', 'Comment'), value: delegation.comment, problems })}
<div class="buttons"><button class="secondary" type="submit">${t(locale, 'Delegeren', 'Delegate')}</button></div>
</form></details>`;
}

/** The page for a link that does not lead to the form. */
function statusPage(link: DecisionLink, status: Exclude<DecisionStatus, { kind: 'open' }>): RenderedPage {
  const { state, claims, locale, timeZone: tz } = link;
  switch (status.kind) {
    case 'recorded': {
      const decision = status.slot.decision;
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Uw beslissing is al geregistreerd', 'Your decision is already recorded'),
          tone: 'success',
          body: safeHtml`${projectHeader(state, status.round, locale, tz)}<div class="notice">${p(
            t(
              locale,
              `Al geregistreerd: ${outcomeLabel(decision?.kind ?? '', locale)} op ${formatInstant(decision?.at ?? '', locale, tz)}.`,
              `Already recorded: ${outcomeLabel(decision?.kind ?? '', locale)} on ${formatInstant(decision?.at ?? '', locale, tz)}.`,
            ),
          )}</div>`,
        }),
      };
    }
    case 'superseded':
      return {
        status: 410,
        html: page(locale, {
          title: t(
            locale,
            `Vervangen door ronde ${status.round.supersededBy ?? ''}`,
            `Replaced by round ${status.round.supersededBy ?? ''}`,
          ),
          tone: 'warning',
          body: p(
            t(
              locale,
              `De inzending werd opnieuw ingediend: ronde ${status.round.number} is vervangen door ronde ${status.round.supersededBy ?? ''}. Wie in de nieuwe ronde beslist, kreeg daarvoor een nieuwe e-mail.`,
              `The submission was submitted again: round ${status.round.number} was replaced by round ${status.round.supersededBy ?? ''}. Whoever decides in the new round received a new email for it.`,
            ),
          ),
        }),
      };
    case 'delegated': {
      const last = status.slot.delegations.find((d) => d.from.email === claims.a);
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Beslissing gedelegeerd', 'Decision delegated'),
          body: p(
            t(
              locale,
              `U hebt deze beslissing gedelegeerd aan ${last?.to.name ?? status.slot.holder.name} (${formatInstant(last?.at ?? '', locale, tz)}).`,
              `You delegated this decision to ${last?.to.name ?? status.slot.holder.name} (${formatInstant(last?.at ?? '', locale, tz)}).`,
            ),
          ),
        }),
      };
    }
    case 'waiting':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Nog niet aan de beurt', 'Not your turn yet'),
          body: safeHtml`${projectHeader(state, status.round, locale, tz)}${p(
            t(
              locale,
              `Deze ronde verloopt in volgorde: eerst beslist ${status.waitingFor.name}. U krijgt een e-mail zodra het uw beurt is.`,
              `This round runs in order: ${status.waitingFor.name} decides first. You get an email when it is your turn.`,
            ),
          )}`,
        }),
      };
    case 'closed':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Deze ronde is afgesloten', 'This round is closed'),
          body: p(
            t(
              locale,
              `Ronde ${status.round.number} is afgesloten (${outcomeLabel(status.round.status, locale)}); uw beslissing is niet meer nodig.`,
              `Round ${status.round.number} is closed (${outcomeLabel(status.round.status, locale)}); your decision is no longer needed.`,
            ),
          ),
        }),
      };
    case 'project-closed':
      return {
        status: 200,
        html: page(locale, {
          title: t(locale, 'Project afgesloten', 'Project closed'),
          body: p(
            t(
              locale,
              `Het project is ${outcomeLabel(state.status, locale)}.`,
              `The project is ${outcomeLabel(state.status, locale)}.`,
            ),
          ),
        }),
      };
    case 'unknown':
      return { status: 404, html: notFoundPage(locale) };
  }
}

/** The page for a decision link as the project stands now: the form, or why there is none. */
export function decisionPage(link: DecisionLink, form: DecisionFormValues = {}): RenderedPage {
  const { claims, state, locale, timeZone, expired, action } = link;
  const status = decisionStatus(state, claims);
  if (status.kind !== 'open') return statusPage(link, status);
  if (expired) {
    return expiredLinkPage(
      locale,
      safeHtml`${p(
        t(
          locale,
          `De link verliep op ${formatInstant(new Date(claims.e).toISOString(), locale, timeZone)}. Uw beslissing is nog nodig: vraag een nieuwe link aan, die komt naar ${claims.a}.`,
          `The link expired on ${formatInstant(new Date(claims.e).toISOString(), locale, timeZone)}. Your decision is still needed: ask for a new link, sent to ${claims.a}.`,
        ),
      )}${renewForm(action, locale)}`,
    );
  }
  const name = knownPerson(state, claims.a)?.name ?? claims.a;
  return {
    status: form.httpStatus ?? 200,
    html: page(locale, {
      title: t(locale, `Uw beslissing, ${name}`, `Your decision, ${name}`),
      body: safeHtml`${projectHeader(state, status.round, locale, timeZone)}${documentList(link)}${decisionForm(action, locale, form)}`,
    }),
  };
}

export function decisionRecordedPage(
  locale: Locale,
  result: { decision: string; decidedAt: string; roundStatus: string },
  timeZone: string,
): string {
  const next =
    result.roundStatus === 'open'
      ? t(
          locale,
          'De ronde wacht nog op andere goedkeurders.',
          'The round is still waiting for other approvers.',
        )
      : t(
          locale,
          `De ronde is afgesloten: ${outcomeLabel(result.roundStatus, locale)}.`,
          `The round is closed: ${outcomeLabel(result.roundStatus, locale)}.`,
        );
  return page(locale, {
    title: t(locale, 'Dank u — uw beslissing is geregistreerd', 'Thank you — your decision is recorded'),
    tone: 'success',
    body: safeHtml`<div class="notice">${p(
      t(
        locale,
        `${atStart(outcomeLabel(result.decision, locale))} op ${formatInstant(result.decidedAt, locale, timeZone)}.`,
        `${atStart(outcomeLabel(result.decision, locale))} on ${formatInstant(result.decidedAt, locale, timeZone)}.`,
      ),
    )}</div>${p(next)}`,
  });
}

export function delegatedPage(locale: Locale, to: Person): string {
  return page(locale, {
    title: t(locale, 'Gedelegeerd', 'Delegated'),
    tone: 'success',
    body: p(
      t(
        locale,
        `${to.name} (${to.email}) beslist nu in uw plaats en krijgt de aanvraag per e-mail.`,
        `${to.name} (${to.email}) now decides instead of you and receives the request by email.`,
      ),
    ),
  });
}

export function delegationFailedPage(locale: Locale, reason: string): string {
  return page(locale, {
    title: t(locale, 'Delegeren lukte niet', 'Could not delegate'),
    tone: 'warning',
    body: p(reason),
  });
}
