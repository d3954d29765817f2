/**
 * The gate forms (GET/POST /work/projects/:id/gates/:gate): the deliverable of each gate of the
 * seven steps, bound to the gate's zod schema through the form engine (presentation/forms/).
 *
 * POST does what its button says: "Add another …" / "Remove" / "Show the fields" re-render the form
 * and keep it as the person's draft, "Save draft" keeps it, "Submit for approval" checks it with
 * the schema and sends it with the same update the JSON API sends (api/projects/submission.ts);
 * on success the draft is gone and the person is sent to the project page. Only officers of the
 * project's scope save or submit; viewers read the form. Another organisation's project is the
 * same 404 as a missing one.
 */
import { Router, type Request, type Response } from 'express';
import { GATE_IDS, type GateId } from '../../domain/catalogue';
import { slug } from '../../domain/schemas';
import { projectQuery, type ProjectView } from '../../workflows/messages';
import { gateForm } from '../../presentation/forms';
import {
  addRow,
  type FormState,
  listAt,
  removeRow,
  stateOfBody,
  stateOfValue,
} from '../../presentation/forms/form-state';
import { parseForm } from '../../presentation/forms/parse';
import {
  type Problems,
  noProblems,
  problemsOfIssues,
  problemsOfRefusal,
  type RefusalText,
} from '../../presentation/forms/problems';
import { shownPaths } from '../../presentation/forms/render';
import { type GatePageView, gatePage } from '../../presentation/workspace/gate-page';
import { projectNotFoundPage } from '../../presentation/workspace/project-page';
import { HttpError, ruleProblemsOf, toHttpError } from '../errors';
import { noSuchProject } from '../project-scope';
import { OFFICERS } from '../projects/shared';
import { checkSubmission, submitDeliverable } from '../projects/submission';
import type { SignedIn } from '../session/sessions';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';
import { type DraftStore, createFileDraftStore } from './drafts';
import { createGateDocumentsRouter } from './gate-documents-router';

const mayChange = (signedIn: SignedIn) => signedIn.principal.roles.some((role) => OFFICERS.includes(role));

/** The button pressed: what the POST is for. */
type FormAction =
  | { kind: 'save' | 'submit' | 'refresh' }
  | { kind: 'add'; path: string }
  | { kind: 'remove'; path: string; index: number };

export function actionOf(value: unknown): FormAction {
  if (typeof value !== 'string') return { kind: 'save' };
  if (value === 'submit' || value === 'refresh') return { kind: value };
  const add = /^add:([\w.-]+)$/.exec(value);
  if (add) return { kind: 'add', path: add[1] as string };
  const remove = /^remove:([\w.-]+)\.(\d+)$/.exec(value);
  if (remove) return { kind: 'remove', path: remove[1] as string, index: Number(remove[2]) };
  return { kind: 'save' };
}

export function createGateFormRouter(
  dependencies: WorkspaceDependencies,
  drafts: DraftStore = createFileDraftStore(dependencies.config.dataDir),
): Router {
  const { scope, sessions, messages, logger, documents, now } = dependencies;
  const router = Router();

  /** The project and gate of the path when the person may see them; else the 404 page is sent. */
  async function projectOf(req: Request, res: Response, signedIn: SignedIn) {
    const id = slug.safeParse(req.params.id);
    const gate = GATE_IDS.find((g) => g === req.params.gate);
    try {
      if (!id.success || !gate) throw noSuchProject();
      await scope.describe(signedIn.principal, id.data);
      const project = await messages.query(id.data, projectQuery);
      return { id: id.data, gate, project };
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        res.status(404).send(projectNotFoundPage({ ...viewerOf(req, signedIn), path: '/work' }));
        return undefined;
      }
      answerUnavailable(logger, error, res, localeOf(req, signedIn));
      return undefined;
    }
  }

  function view(
    signedIn: SignedIn,
    project: ProjectView,
    gate: GateId,
    state: FormState,
    source: GatePageView['source'],
    extra: Partial<GatePageView> = {},
  ): GatePageView {
    const current = project.submissions[gate]?.data as
      { documents?: { name: string; sha256: string }[] } | undefined;
    return {
      projectId: project.projectId,
      ...(current?.documents ? { documents: current.documents } : {}),
      title: project.title,
      gate,
      currentGate: project.gate,
      state,
      problems: noProblems(),
      source,
      canSubmit: mayChange(signedIn),
      ...extra,
    };
  }

  router.use(createGateDocumentsRouter(dependencies, drafts));

  router.get('/work/projects/:id/gates/:gate', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const found = await projectOf(req, res, signedIn);
    if (!found) return;
    const { id, gate, project } = found;
    const draft = drafts.get({ projectId: id, gate, email: signedIn.person.email });
    const submission = project.submissions[gate];
    const uploadedDocuments = draft?.documents?.length
      ? (await documents.list(id)).filter((ref) => draft.documents?.includes(ref.sha256))
      : [];
    const upload = ['done', 'missing', 'refused'].find((outcome) => outcome === req.query.upload);
    const page = draft
      ? view(signedIn, project, gate, draft.state, { kind: 'draft', savedAt: draft.savedAt })
      : submission
        ? view(signedIn, project, gate, stateOfValue(gateForm(gate), submission.data), {
            kind: 'version',
            version: submission.version,
          })
        : view(signedIn, project, gate, {}, { kind: 'empty' });
    res.send(
      gatePage(viewerOf(req, signedIn), {
        ...page,
        uploaded: uploadedDocuments,
        ...(upload ? { upload: upload as NonNullable<GatePageView['upload']> } : {}),
      }),
    );
  });

  router.post('/work/projects/:id/gates/:gate', sessions.csrf, async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const found = await projectOf(req, res, signedIn);
    if (!found) return;
    const { id, gate, project } = found;
    const locale = localeOf(req, signedIn);
    const viewer = viewerOf(req, signedIn);
    if (!mayChange(signedIn)) {
      res.status(403).send(
        gatePage(
          viewer,
          view(
            signedIn,
            project,
            gate,
            stateOfBody(req.body),
            { kind: 'empty' },
            {
              problems: {
                byField: new Map(),
                general: [
                  locale === 'nl'
                    ? 'Enkel aankopers van het project kunnen dit formulier indienen.'
                    : 'Only the project’s officers can submit this form.',
                ],
              },
            },
          ),
        ),
      );
      return;
    }
    const form = gateForm(gate);
    const key = { projectId: id, gate, email: signedIn.person.email };
    const action = actionOf((req.body as Record<string, unknown>)._action);
    let state = stateOfBody(req.body);
    let focus: string | undefined;
    if (action.kind === 'add') {
      const list = listAt(form, action.path);
      if (list) ({ state, focus } = addRow(state, list.list, list.path));
    } else if (action.kind === 'remove') {
      state = removeRow(state, action.path, action.index);
      focus = `action:add:${action.path}`;
    }
    const savedAt = now();
    const uploaded = drafts.get(key)?.documents;
    drafts.save(key, { state, savedAt, ...(uploaded ? { documents: uploaded } : {}) });
    if (action.kind !== 'submit') {
      res.send(
        gatePage(
          viewer,
          view(
            signedIn,
            project,
            gate,
            state,
            { kind: 'draft', savedAt },
            {
              saved: action.kind === 'save',
              ...(focus ? { focus } : {}),
            },
          ),
        ),
      );
      return;
    }

    const known = new Set(shownPaths(form, state));
    const isShown = (path: string) => known.has(path);
    const answer = (status: number, problems: Problems) =>
      res
        .status(status)
        .send(
          gatePage(viewer, view(signedIn, project, gate, state, { kind: 'draft', savedAt }, { problems })),
        );
    // The documents of the current version stay with the deliverable (they are uploaded, not typed).
    const current = project.submissions[gate]?.data as { documents?: { sha256: string }[] } | undefined;
    const shas = [...new Set([...(current?.documents ?? []).map((ref) => ref.sha256), ...(uploaded ?? [])])];
    const keptDocuments = shas.length > 0 ? shas.map((sha256) => ({ sha256 })) : undefined;
    const body = {
      ...(parseForm(form, state) as Record<string, unknown>),
      ...(keptDocuments ? { documents: keptDocuments } : {}),
    };
    try {
      const checked = await checkSubmission(documents, id, gate, body);
      if (!checked.ok) {
        const problems = problemsOfIssues(checked.issues, locale, isShown);
        problems.general.push(...checked.documentProblems);
        return void answer(400, problems);
      }
      await submitDeliverable(messages, id, {
        gate,
        deliverable: checked.deliverable,
        submittedBy: signedIn.principal.email,
        channel: 'api',
      });
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return void answer(refusal.status, problemsOfRefusal(refusal, isShown, locale));
      return void answerUnavailable(logger, error, res, locale);
    }
    drafts.clear(key);
    res.redirect(303, `/work/projects/${id}?done=submitted`);
  });

  return router;
}

/** The workflow's refusal of a submission (wrong gate, nobody to approve, closed project); other errors are not. */
function refusalOf(error: unknown): (RefusalText & { status: number }) | undefined {
  const http = error instanceof HttpError ? error : toHttpError(error);
  if (![403, 409, 422].includes(http.status)) return undefined;
  return { status: http.status, reason: http.message, problems: ruleProblemsOf(http) };
}
