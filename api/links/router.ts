/**
 * Pages behind the links in emails: /d/<token> to decide on a submission, /r/<token> to record a
 * contract review.
 *
 * - GET never changes anything: mail scanners and link prefetchers open every link. It shows the
 *   page; the form on it POSTs, and only that POST sends the Temporal update.
 * - The token says who may do what; the page says why it can't when it can't: already recorded,
 *   replaced by a newer round, delegated, expired (with a button for a fresh link). A forged or
 *   tampered token gets the same generic "not found" page as a missing one.
 * - A page that cannot reach Temporal in time answers 503 with Retry-After, as a page.
 */
import express, { type ErrorRequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { t } from '../../presentation/locale';
import { isCrossSitePost } from '../cross-site';
import { rateLimitRefusals } from '../metrics';
import { restoreRequestContext } from '../observability';
import { PAGE_CSP, notFoundPage, p, page, problemPage, unavailablePage } from '../pages';
import { RETRY_AFTER_SECONDS, TemporalUnavailableError } from '../temporal-calls';
import { mountDecisionRoutes } from './decision-routes';
import { mountDocumentDownloads } from './document-links';
import { type LinkRoutesDependencies, createLinkTools } from './link-tools';
import { mountReviewRoutes } from './review-routes';

export function createLinkRouter(dependencies: LinkRoutesDependencies): Router {
  const router = Router();
  const tools = createLinkTools(dependencies);
  const fallback = tools.fallbackLocale;

  router.use(['/d', '/r'], (_req, res, next) => {
    res.set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    next();
  });
  router.use(
    ['/d', '/r'],
    rateLimit({
      windowMs: 60_000,
      limit: dependencies.config.links.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res) => {
        rateLimitRefusals.inc({ page: req.baseUrl.toLowerCase() === '/r' ? 'review' : 'decision' });
        res.status(429).send(
          page(fallback, {
            title: t(fallback, 'Even geduld', 'Please wait'),
            tone: 'warning',
            body: p(
              t(
                fallback,
                'Te veel aanvragen. Probeer het over een minuut opnieuw.',
                'Too many requests. Try again in a minute.',
              ),
            ),
          }),
        );
      },
    }),
  );
  router.use(['/d', '/r'], express.urlencoded({ extended: false, limit: '32kb' }), restoreRequestContext);

  const ownOrigin = new URL(dependencies.config.api.publicBaseUrl).origin;
  router.post(['/d/:token', '/d/:token/:action', '/r/:token', '/r/:token/:action'], (req, res, next) => {
    if (isCrossSitePost(req, ownOrigin)) {
      res.status(403).send(notFoundPage(fallback));
      return;
    }
    next();
  });

  mountDecisionRoutes(router, tools);
  mountDocumentDownloads(router, tools);
  mountReviewRoutes(router, tools);

  // Behind a link the reader sees a page, never the API's JSON: in their language when known.
  router.use(['/d', '/r'], ((error, req, res, next) => {
    if (res.headersSent) return void next(error);
    const locale = tools.readerLocale(req, res);
    if (error instanceof TemporalUnavailableError) {
      tools.logger.warn('a link page could not reach Temporal in time', { error: error.message });
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).send(unavailablePage(locale));
      return;
    }
    const status = (error as { status?: unknown }).status;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientError) tools.logger.error('a link page failed', { error });
    res.status(clientError ? status : 500).send(problemPage(locale));
  }) satisfies ErrorRequestHandler);
  return router;
}
