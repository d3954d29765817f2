/**
 * What a person can do on a project from its page: links to the action pages (each page checks again
 * and the workflow has the last word), shown when they apply to the project's state and the person's
 * role; and the polite notice an action page leaves behind (`?done=<code>`).
 */
import type { Role } from '../../api/auth';
import { GATE_LABELS, type Locale } from '../../domain/catalogue';
import { isTerminal } from '../../domain/project';
import type { ProjectView } from '../../workflows/messages';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';

/** Roles that run projects (api/projects/shared.ts OFFICERS: the same rule as the JSON API). */
const RUNS_PROJECTS: Role[] = ['officer', 'operator'];

export interface ActionLink {
  href: string;
  label: string;
}

export function projectActions(
  view: ProjectView,
  person: { email: string; roles: Role[] },
  locale: Locale,
): ActionLink[] {
  const base = `/work/projects/${view.projectId}`;
  const actions: ActionLink[] = [];
  const open = !isTerminal(view.status);
  if (open && view.currentRound && view.pendingApprovers.includes(person.email.toLowerCase()))
    actions.push({
      href: `${base}/decision`,
      label: t(locale, 'Beslissen over de open ronde', 'Decide on the open round'),
    });
  if (!open || !person.roles.some((role) => RUNS_PROJECTS.includes(role))) return actions;

  // A deliverable may be (re)submitted while its gate is the project's: a new version supersedes an open round.
  if (view.gate && view.status !== 'in-standstill')
    actions.push({
      href: `${base}/gates/${view.gate}`,
      label: t(
        locale,
        `${view.submissions[view.gate] ? 'Nieuwe versie indienen' : 'Indienen'}: ${GATE_LABELS[view.gate].nl}`,
        `${view.submissions[view.gate] ? 'Submit a new version' : 'Submit'}: ${GATE_LABELS[view.gate].en}`,
      ),
    });
  if (view.status === 'in-contract' && view.contract) {
    actions.push(
      { href: `${base}/reviews/new`, label: t(locale, 'Opvolging vastleggen', 'Record a review') },
      { href: `${base}/amendments/new`, label: t(locale, 'Contract wijzigen', 'Amend the contract') },
      { href: `${base}/end-of-use`, label: t(locale, 'Einde gebruik starten', 'Start end of use') },
    );
    // Asked at the contract end: whether use goes on (the mail links here).
    if (view.contract.useQuestionAskedAt)
      actions.push({ href: `${base}/use`, label: t(locale, 'Loopt het gebruik door?', 'Does use go on?') });
  }
  if (view.currentRound || view.status === 'in-contract')
    actions.push({ href: `${base}/resend`, label: t(locale, 'Een link opnieuw sturen', 'Resend a link') });
  actions.push(
    { href: `${base}/approval-settings`, label: t(locale, 'Goedkeuringsinstellingen', 'Approval settings') },
    { href: `${base}/cancel`, label: t(locale, 'Project annuleren', 'Cancel the project') },
  );
  return actions;
}

export function actionsSection(actions: ActionLink[], locale: Locale): SafeHtml {
  if (actions.length === 0) return safeHtml``;
  return safeHtml`<nav aria-labelledby="actions"><h2 id="actions">${t(locale, 'Acties', 'Actions')}</h2>
<ul class="actions">${actions.map((action) => safeHtml`<li><a class="button" href="${action.href}">${action.label}</a></li>`)}</ul></nav>`;
}

const DONE: Record<string, [nl: string, en: string]> = {
  created: [
    'Het project is aangemaakt. Begin met de circulaire behoefte (stap 1).',
    'The project was created. Begin with the circular need (step 1).',
  ],
  submitted: ['De inzending is ter goedkeuring voorgelegd.', 'The deliverable was submitted for approval.'],
  decided: ['Uw beslissing is vastgelegd.', 'Your decision was recorded.'],
  delegated: ['De beslissing is gedelegeerd.', 'The decision was delegated.'],
  'review-recorded': ['De opvolging is vastgelegd.', 'The review was recorded.'],
  amended: ['Het contract is gewijzigd.', 'The contract was amended.'],
  'end-of-use-started': ['Het einde van het gebruik is gestart.', 'The end of use has started.'],
  'use-confirmed': [
    'Het gebruik loopt door; de herinnering voor het einde van het gebruik is verplaatst.',
    'Use goes on; the end-of-use reminder was moved.',
  ],
  'link-resent': ['Er is een nieuwe link verstuurd.', 'A new link was sent.'],
  'settings-changed': ['De goedkeuringsinstellingen zijn gewijzigd.', 'The approval settings were changed.'],
  cancelled: ['Het project is stopgezet.', 'The project was cancelled.'],
  'draft-saved': ['Het concept is bewaard.', 'The draft was saved.'],
};

/** The notice for `?done=<code>`; an unknown code shows nothing (the address may have been edited). */
export function doneNotice(code: unknown, locale: Locale): SafeHtml {
  const text = typeof code === 'string' && Object.hasOwn(DONE, code) ? DONE[code] : undefined;
  return text ? safeHtml`<p class="notice" role="status">${t(locale, text[0], text[1])}</p>` : safeHtml``;
}
