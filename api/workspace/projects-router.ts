/**
 * The Projects list of the workspace (GET /work/projects) and its CSV export
 * (GET /work/projects.csv), scoped to the person as the JSON API's list is (the visibility query
 * carries the scope). Mounted before the project page, whose /work/projects/:id would take these.
 */
import { type Request, type Response, Router } from 'express';
import { badFiltersPage, projectsPage } from '../../presentation/workspace/projects-page';
import { HttpError } from '../errors';
import type { SignedIn } from '../session/sessions';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';
import { type ProjectListForm, parseListForm, readAllProjects, readListPage } from './project-list';
import { projectsCsv } from './projects-csv';

export function createProjectsListRouter({ client, calls, sessions, logger }: WorkspaceDependencies): Router {
  const router = Router();

  /** The parsed filters, or the page listing what is wrong with them (400). */
  function filtersOf(req: Request, res: Response, signedIn: SignedIn): ProjectListForm | undefined {
    try {
      return parseListForm(req.query);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      res.status(400).send(badFiltersPage(viewerOf(req, signedIn), error.problems ?? [error.message]));
      return undefined;
    }
  }

  router.get('/work/projects', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const form = filtersOf(req, res, signedIn);
    if (!form) return;
    try {
      const page = await readListPage(client, calls, form, signedIn.principal);
      res.send(projectsPage(viewerOf(req, signedIn), form, page));
    } catch (error) {
      // A cursor of other filters, or an altered one.
      if (error instanceof HttpError && error.status === 400)
        return void res
          .status(400)
          .send(badFiltersPage(viewerOf(req, signedIn), error.problems ?? [error.message]));
      answerUnavailable(logger, error, res, localeOf(req, signedIn));
    }
  });

  router.get('/work/projects.csv', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const form = filtersOf(req, res, signedIn);
    if (!form) return;
    const locale = localeOf(req, signedIn);
    try {
      const { items, capped } = await readAllProjects(client, calls, form, signedIn.principal);
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="projects.csv"')
        .set('X-List-Capped', String(capped))
        .send(projectsCsv(items, capped, locale));
    } catch (error) {
      answerUnavailable(logger, error, res, locale);
    }
  });
  return router;
}
