/**
 * The project page of the workspace (GET /work/projects/:id), its live-update stream
 * (project-events.ts), the calendar file of a follow-up moment and the case file's documents. Every route checks the scope
 * first: a project outside the person's scope gets the same "not found" as a missing one.
 */
import { type Request, type Response, Router } from 'express';
import { followUpCalendar } from '../../activities/mail/ics';
import { followUpWhat, messageDomainOf, parseAddress } from '../../activities/mail/notifier';
import { sha256Hex } from '../../domain/documents';
import { slug } from '../../domain/schemas';
import { projectQuery } from '../../workflows/messages';
import { projectNotFoundPage, projectPage } from '../../presentation/workspace/project-page';
import { readWholeAudit } from '../audit-archive';
import { sendDocument } from '../documents/send';
import { HttpError } from '../errors';
import { noSuchProject } from '../project-scope';
import { projectLinks } from '../projects/shared';
import type { SignedIn } from '../session/sessions';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';
import { type ProjectEventOptions, changeMarkOf, createProjectEvents } from './project-events';

export function createProjectPageRouter(
  dependencies: WorkspaceDependencies,
  eventOptions: ProjectEventOptions = {},
): Router {
  const { client, config, calls, scope, sessions, logger, messages, documents, now } = dependencies;
  const router = Router();

  /** The project of this request once the scope allows it; the 404 page (or 503) answered otherwise. */
  async function visible(req: Request, res: Response, signedIn: SignedIn) {
    const id = slug.safeParse(req.params.id);
    try {
      if (!id.success) throw noSuchProject();
      return { id: id.data, description: await scope.describe(signedIn.principal, id.data) };
    } catch (error) {
      // The same page whether the project is missing or someone else's: not even the address differs.
      if (error instanceof HttpError && error.status === 404)
        res.status(404).send(projectNotFoundPage({ ...viewerOf(req, signedIn), path: '/work' }));
      else answerUnavailable(logger, error, res, localeOf(req, signedIn));
      return undefined;
    }
  }

  router.get('/work/projects/:id', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const project = await visible(req, res, signedIn);
    if (!project) return;
    try {
      const [view, audit] = await Promise.all([
        messages.query(project.id, projectQuery),
        readWholeAudit({ client, calls, messages }, project.id),
      ]);
      const operator = signedIn.principal.roles.includes('operator');
      res.send(
        projectPage(viewerOf(req, signedIn), {
          view,
          audit: audit.entries,
          version: changeMarkOf(project.description),
          roles: signedIn.principal.roles,
          temporalUiUrl:
            operator && config.temporalUiUrl
              ? `${config.temporalUiUrl}${projectLinks(config, project.id).temporalUi}`
              : undefined,
          done: req.query.done,
        }),
      );
    } catch (error) {
      answerUnavailable(logger, error, res, localeOf(req, signedIn));
    }
  });

  router.get('/work/projects/:id/events', createProjectEvents(dependencies, eventOptions));

  // The invitation the contract manager was mailed, for anyone who may see the project.
  router.get('/work/projects/:id/moments/:file', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const project = await visible(req, res, signedIn);
    if (!project) return;
    const locale = localeOf(req, signedIn);
    try {
      const view = await messages.query(project.id, projectQuery);
      const momentId = /^(.+)\.ics$/.exec(req.params.file)?.[1];
      const moment = view.contract?.moments.find((m) => m.id === momentId);
      if (!view.contract || !moment)
        return void res.status(404).send(projectNotFoundPage(viewerOf(req, signedIn)));
      const sender = parseAddress(config.mail.from);
      const manager = view.contract.manager;
      res
        .type('text/calendar; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${moment.id.replace(/[^\w.-]/g, '_')}.ics"`)
        .send(
          followUpCalendar({
            project: view,
            moment,
            supplier: view.contract.supplier,
            method: moment.cancelledAt ? 'CANCEL' : 'REQUEST',
            url: `${config.api.publicBaseUrl}/work/projects/${project.id}`,
            what: followUpWhat(locale),
            organizer: sender,
            attendee: { name: manager.name, email: manager.email },
            messageDomain: messageDomainOf(sender),
            stamp: new Date(now()),
          }),
        );
    } catch (error) {
      answerUnavailable(logger, error, res, locale);
    }
  });
  // A document of the case file, with the same scope check as the API's download (api/documents).
  router.get('/work/projects/:id/documents/:sha256', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const project = await visible(req, res, signedIn);
    if (!project) return;
    const sha256 = sha256Hex.safeParse(req.params.sha256);
    try {
      if (!sha256.success) throw new HttpError(404, 'no such document in this project');
      await sendDocument(res, documents, project.id, sha256.data);
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        return void res.status(404).send(projectNotFoundPage({ ...viewerOf(req, signedIn), path: '/work' }));
      throw error;
    }
  });
  return router;
}
