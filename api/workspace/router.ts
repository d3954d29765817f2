/**
 * The workspace of signed-in people: for now the "My work" page (GET /work) and the language switch
 * that it remembers for the session (POST /work/locale, with the session's CSRF token).
 */
import express, { type Response, Router } from 'express';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { Locale, StepId } from '../../domain/catalogue';
import type { ProjectStatus } from '../../domain/project';
import { slug } from '../../domain/schemas';
import {
  Organisation,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
} from '../../domain/search-attributes';
import { myWorkPage } from '../../presentation/workspace/my-work-page';
import { projectNotFoundPage, projectPage } from '../../presentation/workspace/project-page';
import { HttpError } from '../errors';
import { createProjectScope, noSuchProject } from '../project-scope';
import { unavailablePage } from '../pages';
import { askedLocale } from '../request-locale';
import { pageHeaders } from '../session/router';
import type { Sessions } from '../session/sessions';
import { RETRY_AFTER_SECONDS, type TemporalCalls, isTemporalUnavailable } from '../temporal-calls';
import { loadMyWork } from './my-work';

export function createWorkspaceRouter({
  client,
  calls,
  logger,
  sessions,
  now = Date.now,
}: {
  client: Client;
  config: AppConfig;
  calls: TemporalCalls;
  logger: Logger;
  sessions: Sessions;
  now?: () => number;
}): Router {
  const router = Router();
  const scope = createProjectScope(client, calls);
  /** Temporal did not answer in time: a page that says so; anything else goes to the error handler. */
  const unavailable = (error: unknown, res: Response, locale: Locale) => {
    if (!isTemporalUnavailable(error)) throw error;
    logger.warn('the workspace could not reach Temporal in time', { error: (error as Error).message });
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).send(unavailablePage(locale));
  };
  router.use('/work', pageHeaders, express.urlencoded({ extended: false, limit: '8kb' }), sessions.required);

  router.get('/work', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const locale = askedLocale(req) ?? signedIn.locale;
    try {
      const work = await loadMyWork(client, calls, signedIn.principal);
      res.send(
        myWorkPage(
          {
            name: signedIn.person.name,
            email: signedIn.person.email,
            organisations: signedIn.person.organisations,
            locale,
            timeZone: signedIn.timeZone,
            csrfToken: signedIn.session.csrfToken,
          },
          work,
          now(),
        ),
      );
    } catch (error) {
      unavailable(error, res, locale);
    }
  });

  router.get('/work/projects/:id', async (req, res) => {
    const signedIn = sessions.current(req);
    if (!signedIn) return;
    const locale = askedLocale(req) ?? signedIn.locale;
    const id = slug.safeParse(req.params.id);
    try {
      if (!id.success) throw noSuchProject();
      const description = await scope.describe(signedIn.principal, id.data);
      const attributes = description.typedSearchAttributes;
      res.send(
        projectPage(locale, {
          id: id.data,
          title: (description.memo?.title as string | undefined) ?? id.data,
          organisation: attributes.get(Organisation),
          step: attributes.get(ProcurementStep) as StepId | undefined,
          status: attributes.get(ProcurementStatus) as ProjectStatus | undefined,
          pendingApprovers: attributes.get(PendingApprovers) ?? [],
        }),
      );
    } catch (error) {
      if (error instanceof HttpError && error.status === 404)
        return void res.status(404).send(projectNotFoundPage(locale));
      unavailable(error, res, locale);
    }
  });

  router.post('/work/locale', sessions.csrf, (req, res) => {
    const signedIn = sessions.current(req);
    const asked = (req.body as { locale?: unknown }).locale;
    if (signedIn && (asked === 'nl' || asked === 'en')) sessions.setLocale(signedIn, asked);
    res.redirect(303, '/work');
  });
  return router;
}
