/**
 * The workspace of signed-in people, one router per part, mounted under /work behind a session:
 * My work (GET /work), the language switch it remembers for the session (POST /work/locale, with the
 * session's CSRF token), and the project page. Their shared dependencies and helpers: context.ts.
 */
import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { DocumentStore } from '../../storage';
import { myWorkPage } from '../../presentation/workspace/my-work-page';
import { createProjectMessages } from '../project-messages';
import { createProjectScope } from '../project-scope';
import type { Sessions } from '../session/sessions';
import type { CountsCache } from '../projects/counts-cache';
import type { TemporalCalls } from '../temporal-calls';
import { createActionRouter } from './actions/router';
import { createAssetRouter } from './assets';
import {
  type WorkspaceDependencies,
  answerUnavailable,
  localeOf,
  viewerOf,
  workspaceHeaders,
} from './context';
import { createGateFormRouter } from './gate-router';
import { loadMyWork } from './my-work';
import { createNewProjectRouter } from './new-project-router';
import { createProjectPageRouter } from './project-router';
import { createProjectsListRouter } from './projects-router';

/** Where the language switch may send a person back to: a workspace page of this site, nothing else. */
const returnPath = (asked: unknown): string =>
  typeof asked === 'string' && /^\/work(\/[\w\-/.?=&%]*)?$/.test(asked) ? asked : '/work';

export function createWorkspaceRouter({
  client,
  config,
  calls,
  logger,
  sessions,
  documents,
  countsCache,
  now = Date.now,
}: {
  client: Client;
  config: AppConfig;
  calls: TemporalCalls;
  logger: Logger;
  sessions: Sessions;
  documents: DocumentStore;
  /** The counts route's cache: My work's portfolio counts go through it too. */
  countsCache: CountsCache;
  now?: () => number;
}): Router {
  const dependencies: WorkspaceDependencies = {
    client,
    config,
    calls,
    logger,
    sessions,
    documents,
    now,
    scope: createProjectScope(client, calls),
    messages: createProjectMessages(client, calls),
  };
  const router = Router();
  router.use(createAssetRouter());
  // Gate forms carry whole deliverables (long texts, repeating groups): as large as the JSON API takes.
  router.use(
    '/work',
    workspaceHeaders,
    express.urlencoded({ extended: false, limit: '256kb' }),
    sessions.required,
  );

  router.get('/work', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    try {
      const work = await loadMyWork(
        client,
        calls,
        signedIn.principal,
        config.workspace.myWork,
        now(),
        countsCache,
      );
      res.send(myWorkPage(viewerOf(req, signedIn), work, now()));
    } catch (error) {
      answerUnavailable(logger, error, res, localeOf(req, signedIn));
    }
  });

  router.post('/work/locale', sessions.csrf, (req, res) => {
    const signedIn = sessions.current(req);
    const body = req.body as { locale?: unknown; return?: unknown };
    if (signedIn && (body.locale === 'nl' || body.locale === 'en')) sessions.setLocale(signedIn, body.locale);
    res.redirect(303, returnPath(body.return));
  });

  router.use(createProjectsListRouter(dependencies));
  router.use(createActionRouter(dependencies));
  router.use(createNewProjectRouter(dependencies), createGateFormRouter(dependencies));
  router.use(createProjectPageRouter(dependencies));
  return router;
}
