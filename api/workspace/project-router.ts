/**
 * The project page of the workspace (GET /work/projects/:id): for now what visibility says about
 * one project. A project outside the person's scope gets the same "not found" page as a missing one.
 */
import { Router } from 'express';
import type { StepId } from '../../domain/catalogue';
import type { ProjectStatus } from '../../domain/project';
import { slug } from '../../domain/schemas';
import {
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
} from '../../domain/search-attributes';
import { projectNotFoundPage, projectPage } from '../../presentation/workspace/project-page';
import { HttpError } from '../errors';
import { noSuchProject } from '../project-scope';
import { type WorkspaceDependencies, answerUnavailable, localeOf, viewerOf } from './context';

export function createProjectPageRouter({ scope, sessions, logger }: WorkspaceDependencies): Router {
  const router = Router();
  router.get('/work/projects/:id', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const locale = localeOf(req, signedIn);
    const id = slug.safeParse(req.params.id);
    try {
      if (!id.success) throw noSuchProject();
      const description = await scope.describe(signedIn.principal, id.data);
      const attributes = description.typedSearchAttributes;
      res.send(
        projectPage(viewerOf(req, signedIn), {
          id: id.data,
          title: (description.memo?.title as string | undefined) ?? id.data,
          organisation: attributes.get(Organisation),
          step: attributes.get(ProcurementStep) as StepId | undefined,
          status: attributes.get(ProcurementStatus) as ProjectStatus | undefined,
          pendingApprovers: attributes.get(PendingApprovers) ?? [],
        }),
      );
    } catch (error) {
      // The same page whether the project is missing or someone else's: not even the address differs.
      if (error instanceof HttpError && error.status === 404)
        return void res.status(404).send(projectNotFoundPage({ ...viewerOf(req, signedIn), path: '/work' }));
      answerUnavailable(logger, error, res, locale);
    }
  });
  return router;
}
