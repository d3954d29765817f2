/**
 * Uploading a document from a gate's form (POST /work/projects/:id/gates/:gate/documents, a
 * multipart form: `_csrf`, `kind`, `file`). The file goes into the project's case file through the
 * same store as POST /api/projects/:id/documents, with the same scoping; its reference joins the
 * person's draft of the gate, and the next submission of the form carries it.
 *
 * The multipart body is read with the platform's own parser (fetch's Request.formData): the form
 * posts one file at most DOCUMENTS_MAX_BYTES large, refused by its length before anything is read.
 */
import { Readable } from 'node:stream';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { GATE_IDS, GATE_STEP } from '../../domain/catalogue';
import { DOCUMENT_KINDS } from '../../domain/documents';
import { slug } from '../../domain/schemas';
import { t } from '../../presentation/locale';
import { projectNotFoundPage } from '../../presentation/workspace/project-page';
import { DocumentRejected } from '../../storage';
import { HttpError } from '../errors';
import { noSuchProject } from '../project-scope';
import { OFFICERS } from '../projects/shared';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';
import type { DraftStore } from './drafts';

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export function createGateDocumentsRouter(dependencies: WorkspaceDependencies, drafts: DraftStore): Router {
  const { scope, sessions, logger, documents } = dependencies;
  const router = Router();

  /** The multipart form's fields into req.body (for the CSRF check), its file into res.locals. */
  async function readMultipart(req: Request, res: Response, next: NextFunction) {
    if (Number(req.get('content-length') ?? Infinity) > documents.maxBytes + FORM_OVERHEAD_BYTES)
      return void res.status(413).set('Connection', 'close').send('the document is too large');
    try {
      const form = await new Request('http://workspace.local/upload', {
        method: 'POST',
        headers: { 'content-type': req.get('content-type') ?? '' },
        body: Readable.toWeb(req) as ReadableStream,
        duplex: 'half',
      }).formData();
      const file = form.get('file');
      req.body = { _csrf: form.get('_csrf'), kind: form.get('kind') };
      res.locals.file = typeof file === 'object' && file !== null ? file : undefined;
      next();
    } catch {
      res.status(400).send('not a multipart form');
    }
  }

  router.post('/work/projects/:id/gates/:gate/documents', readMultipart, sessions.csrf, async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const locale = localeOf(req, signedIn);
    const id = slug.safeParse(req.params.id);
    const gate = GATE_IDS.find((g) => g === req.params.gate);
    const back = `/work/projects/${String(req.params.id)}/gates/${String(req.params.gate)}`;
    try {
      if (!id.success || !gate) throw noSuchProject();
      const description = await scope.describe(signedIn.principal, id.data);
      if (!signedIn.principal.roles.some((role) => OFFICERS.includes(role)))
        return void res
          .status(403)
          .send(t(locale, 'Enkel aankopers van het project.', 'Only the project’s officers.'));
      if (description.status.name !== 'RUNNING')
        return void res.status(409).send(t(locale, 'Het project is afgesloten.', 'The project is closed.'));
      const kind = DOCUMENT_KINDS.find(
        (k) => k.id === (req.body as { kind?: unknown }).kind && k.step === GATE_STEP[gate],
      );
      const file = res.locals.file as File | undefined;
      if (!kind || !file || file.size === 0) return void res.redirect(303, `${back}?upload=missing`);
      const { ref } = await documents.upload({
        projectId: id.data,
        name: file.name,
        kind: kind.id,
        uploadedBy: signedIn.principal.email,
        body: Readable.from(Buffer.from(await file.arrayBuffer())),
      });
      const key = { projectId: id.data, gate, email: signedIn.person.email };
      const draft = drafts.get(key);
      drafts.save(key, {
        state: draft?.state ?? {},
        savedAt: dependencies.now(),
        documents: [...new Set([...(draft?.documents ?? []), ref.sha256])],
      });
      res.redirect(303, `${back}?upload=done`);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        return void res.status(404).send(projectNotFoundPage({ ...viewerOf(req, signedIn), path: '/work' }));
      if (error instanceof DocumentRejected) return void res.redirect(303, `${back}?upload=refused`);
      answerUnavailable(logger, error, res, locale);
    }
  });
  return router;
}
