/**
 * The form of one gate's deliverable (GET/POST /work/projects/:id/gates/:gate): the step's key
 * questions, the problems of the last submit at the top and beside their fields, the fields
 * themselves (presentation/forms/), and "Save draft" / "Submit for approval". A viewer sees the
 * same form read-only.
 */
import { GATE_LABELS, GATE_STEP, type GateId, stepLabel } from '../../domain/catalogue';
import { DOCUMENT_KINDS } from '../../domain/documents';
import { gateForm } from '../forms';
import type { FormState } from '../forms/form-state';
import type { Problems } from '../forms/problems';
import { renderNode } from '../forms/render';
import { formatInstant } from '../dates';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';
import { FORM_STYLE, notice, problemSummary, stepHelp } from './form-parts';
import { type WorkspaceViewer, csrfField, workspacePage } from './layout';

export interface GatePageView {
  projectId: string;
  title: string;
  gate: GateId;
  /** The gate the project waits on now (undefined in step 5 and after the end). */
  currentGate?: GateId | undefined;
  state: FormState;
  problems: Problems;
  /** What the form shows: a draft (and when it was saved), the current version, or nothing yet. */
  source: { kind: 'draft'; savedAt: number } | { kind: 'version'; version: number } | { kind: 'empty' };
  canSubmit: boolean;
  /** The case file's documents of the current version: a resubmission keeps them (they are uploaded, not typed). */
  documents?: { name: string; sha256: string }[];
  /** Uploaded from this form since the current version: they go with the next submission. */
  uploaded?: { name: string; sha256: string }[];
  /** How the last upload went. */
  upload?: 'done' | 'missing' | 'refused';
  /** Just saved as a draft. */
  saved?: boolean;
  focus?: string;
}

export function gatePage(viewer: WorkspaceViewer, view: GatePageView): string {
  const { locale } = viewer;
  const gateName = GATE_LABELS[view.gate][locale];
  const action = `/work/projects/${view.projectId}/gates/${view.gate}`;
  const notices: SafeHtml[] = [];
  if (view.saved) notices.push(notice(t(locale, 'Uw ontwerp is bewaard.', 'Your draft is saved.')));
  else if (view.source.kind === 'draft')
    notices.push(
      notice(
        t(
          locale,
          `Dit is uw ontwerp, bewaard op ${formatInstant(new Date(view.source.savedAt).toISOString(), locale, viewer.timeZone)}.`,
          `This is your draft, saved on ${formatInstant(new Date(view.source.savedAt).toISOString(), locale, viewer.timeZone)}.`,
        ),
      ),
    );
  else if (view.source.kind === 'version')
    notices.push(
      notice(
        t(
          locale,
          `Het formulier toont versie ${view.source.version}, zoals ingediend.`,
          `The form shows version ${view.source.version}, as submitted.`,
        ),
      ),
    );
  if (view.currentGate !== view.gate)
    notices.push(
      notice(
        view.currentGate
          ? t(
              locale,
              `Het project wacht nu op ${GATE_LABELS[view.currentGate].nl}, niet op deze stap: indienen wordt geweigerd.`,
              `The project now waits on ${GATE_LABELS[view.currentGate].en}, not this gate: a submission is refused.`,
            )
          : t(locale, 'Het project wacht nu op geen inzending.', 'The project waits on no submission now.'),
      ),
    );
  if (!view.canSubmit)
    notices.push(
      notice(
        t(
          locale,
          'U kunt dit formulier lezen; enkel aankopers van het project kunnen het bewaren of indienen.',
          'You can read this form; only the project’s officers can save or submit it.',
        ),
      ),
    );
  const kinds = DOCUMENT_KINDS.filter((kind) => kind.step === GATE_STEP[view.gate]);
  if (view.upload)
    notices.push(
      notice(
        view.upload === 'done'
          ? t(
              locale,
              'Het document staat in het dossier; het gaat mee met de volgende inzending.',
              'The document is in the case file; it goes with the next submission.',
            )
          : view.upload === 'missing'
            ? t(
                locale,
                'Kies een soort en een bestand om op te laden.',
                'Choose a kind and a file to upload.',
              )
            : t(
                locale,
                'Het document werd geweigerd (te groot, een soort bestand die het dossier niet aanneemt, of leeg).',
                'The document was refused (too large, a type the case file does not take, or empty).',
              ),
      ),
    );
  const uploadForm =
    view.canSubmit && kinds.length > 0
      ? safeHtml`<form method="post" action="${action}/documents" enctype="multipart/form-data" class="help">${csrfField(viewer.csrfToken)}<h2>${t(locale, 'Document opladen', 'Upload a document')}</h2>
<label for="upload-kind">${t(locale, 'Soort document', 'Kind of document')}</label><select id="upload-kind" name="kind">${kinds.map((kind) => safeHtml`<option value="${kind.id}">${kind[locale]}</option>`)}</select>
<label for="upload-file">${t(locale, 'Bestand', 'File')}</label><input type="file" id="upload-file" name="file">
<div class="buttons"><button type="submit" class="secondary">${t(locale, 'Opladen', 'Upload')}</button></div>
${view.uploaded && view.uploaded.length > 0 ? safeHtml`<p>${t(locale, 'Opgeladen voor de volgende inzending', 'Uploaded for the next submission')}:</p><ul>${view.uploaded.map((document) => safeHtml`<li>${document.name}</li>`)}</ul>` : ''}</form>`
      : safeHtml``;
  const documents =
    view.documents && view.documents.length > 0
      ? safeHtml`<section aria-labelledby="documents-title"><h2 id="documents-title">${t(locale, 'Documenten bij deze inzending', 'Documents of this submission')}</h2>
<p class="rule">${t(locale, 'Een nieuwe versie houdt deze documenten uit het dossier.', 'A new version keeps these documents of the case file.')}</p>
<ul>${view.documents.map((document) => safeHtml`<li>${document.name}</li>`)}</ul></section>`
      : safeHtml``;
  const fields = renderNode(gateForm(view.gate), {
    form: view.gate,
    locale,
    state: view.state,
    problems: view.problems,
    readOnly: !view.canSubmit,
    ...(view.focus ? { focus: view.focus } : {}),
  });
  const save = safeHtml`<button type="submit" class="secondary" name="_action" value="save">${t(locale, 'Ontwerp bewaren', 'Save draft')}</button>`;
  const buttons = view.canSubmit
    ? safeHtml`<div class="buttons">${save}<button type="submit" class="approve" name="_action" value="submit">${t(locale, 'Indienen ter goedkeuring', 'Submit for approval')}</button></div>`
    : safeHtml``;
  // The first button of a form is the one Enter in a text field presses: saving the draft, not adding a row.
  const form = view.canSubmit
    ? safeHtml`<form method="post" action="${action}" novalidate>${csrfField(viewer.csrfToken)}<div class="buttons">${save}</div>${fields}${buttons}</form>`
    : safeHtml`<form>${fields}</form>`;
  return workspacePage(viewer, {
    title: `${gateName} — ${view.title}`,
    current: 'project',
    ...(view.canSubmit ? { scripts: ['/work/assets/forms.js'] } : {}),
    body: safeHtml`${FORM_STYLE}<p><a href="/work/projects/${view.projectId}">${t(locale, 'Terug naar het project', 'Back to the project')}</a> · ${stepLabel(GATE_STEP[view.gate], locale)}</p>
${problemSummary(view.gate, view.problems, locale)}${notices}${stepHelp(GATE_STEP[view.gate], locale)}${documents}${uploadForm}${form}`,
  });
}
