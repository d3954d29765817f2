/**
 * Each step's deliverable, read as the approvers read it (domain/digest.ts, with catalogue labels),
 * with the earlier versions kept: every submission opened a round that holds its own digest. And the
 * documents of the case file, per step.
 */
import { GATE_IDS, GATE_LABELS, type GateId, type Locale } from '../../domain/catalogue';
import { digestInProject } from '../../domain/digest';
import { documentKindLabel, documentsOf } from '../../domain/documents';
import type { ProjectView } from '../../workflows/messages';
import { formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { outcomeLabel } from '../labels';
import { t } from '../locale';
import type { WorkspaceViewer } from './layout';
import { roundTable } from './project-progress';

const lines = (items: string[]): SafeHtml =>
  safeHtml`<ul>${items.map((item) => safeHtml`<li>${item}</li>`)}</ul>`;

function deliverable(view: ProjectView, gate: GateId, viewer: WorkspaceViewer): SafeHtml {
  const submission = view.submissions[gate];
  if (!submission) return safeHtml``;
  const { locale, timeZone } = viewer;
  const digest = digestInProject(gate, submission.data, view.submissions);
  const rounds = view.rounds.filter((round) => round.gate === gate);
  const latest = rounds.at(-1);
  // Earlier submissions of this gate: each opened its own round, which kept what it was about.
  const earlier = rounds.slice(0, -1).reverse();
  return safeHtml`<article aria-labelledby="deliverable-${gate}"><h3 id="deliverable-${gate}">${GATE_LABELS[gate][locale]}</h3>
<p class="meta">${t(
    locale,
    `Versie ${submission.version}, ingediend door ${submission.submittedBy} op ${formatInstant(submission.submittedAt, locale, timeZone)}`,
    `Version ${submission.version}, submitted by ${submission.submittedBy} on ${formatInstant(submission.submittedAt, locale, timeZone)}`,
  )}${latest ? ` — ${outcomeLabel(latest.status, locale)}` : ''}</p>
${lines(digest[locale])}
${earlier.map(
  (round) =>
    safeHtml`<details><summary>${t(
      locale,
      `Eerdere versie: ronde ${round.number}, ingediend op ${formatInstant(round.openedAt, locale, timeZone)} — ${outcomeLabel(round.status, locale)}`,
      `Earlier version: round ${round.number}, submitted on ${formatInstant(round.openedAt, locale, timeZone)} — ${outcomeLabel(round.status, locale)}`,
    )}</summary>${lines(round.digest[locale])}${roundTable(round, viewer, [])}</details>`,
)}</article>`;
}

export function deliverablesSection(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale } = viewer;
  const submitted = GATE_IDS.filter((gate) => view.submissions[gate]);
  return safeHtml`<section aria-labelledby="deliverables"><h2 id="deliverables">${t(locale, 'Opleveringen per stap', 'Deliverables per step')}</h2>
${
  submitted.length === 0
    ? safeHtml`<p>${t(locale, 'Nog niets ingediend.', 'Nothing submitted yet.')}</p>`
    : submitted.map((gate) => deliverable(view, gate, viewer))
}</section>`;
}

/** Where the workspace serves a document of the case file (api/workspace/project-router.ts). */
export const documentPath = (projectId: string, sha256: string): string =>
  `/work/projects/${projectId}/documents/${sha256}`;

const size = (bytes: number, locale: Locale): string =>
  `${new Intl.NumberFormat(locale === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024)} KiB`;

/** The case file: the documents the latest deliverables carry (files live in storage, not in state). */
export function documentsSection(view: ProjectView, viewer: WorkspaceViewer): SafeHtml {
  const { locale, timeZone } = viewer;
  const documents = GATE_IDS.flatMap((gate) =>
    documentsOf(view.submissions[gate]?.data).map((document) => ({ gate, document })),
  );
  const rows = documents.map(
    ({ gate, document }) =>
      safeHtml`<tr><th scope="row"><a href="${documentPath(view.projectId, document.sha256)}" download>${document.name}</a></th><td>${documentKindLabel(document.kind, locale)}</td><td>${GATE_LABELS[gate][locale]}</td><td>${size(document.size, locale)}</td><td>${document.uploadedBy}, ${formatInstant(document.uploadedAt, locale, timeZone)}</td></tr>`,
  );
  return safeHtml`<section aria-labelledby="documents"><h2 id="documents">${t(locale, 'Documenten van het dossier', 'Documents of the case file')}</h2>
${
  documents.length === 0
    ? safeHtml`<p>${t(locale, 'Nog geen documenten.', 'No documents yet.')}</p>`
    : safeHtml`<table><thead><tr><th scope="col">${t(locale, 'Bestand', 'File')}</th><th scope="col">${t(locale, 'Soort', 'Kind')}</th><th scope="col">${t(locale, 'Oplevering', 'Deliverable')}</th><th scope="col">${t(locale, 'Grootte', 'Size')}</th><th scope="col">${t(locale, 'Opgeladen', 'Uploaded')}</th></tr></thead><tbody>${rows}</tbody></table>`
}</section>`;
}
