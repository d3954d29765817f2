/**
 * Pages behind the links in emails: /d/<token> to decide on a submission, /r/<token> to record a
 * contract review.
 *
 * - GET never changes anything: mail scanners and link prefetchers open every link. It shows the
 *   page; the form on it POSTs, and only that POST sends the Temporal update.
 * - The token says who may do what; the page says why it can't when it can't: already recorded,
 *   replaced by a newer round, delegated, expired (with a button for a fresh link). A forged or
 *   tampered token gets the same generic "not found" page as a missing one.
 */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { t } from '../../presentation/locale';
import { PAGE_CSP, notFoundPage, p, page } from '../pages';
import { mountDecisionRoutes } from './decision-routes';
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
      handler: (_req, res) => {
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
  router.use(['/d', '/r'], express.urlencoded({ extended: false, limit: '32kb' }));

  // A browser posts same-origin; a cross-site form post to a capability URL is refused.
  router.post(['/d/:token', '/d/:token/:action', '/r/:token', '/r/:token/:action'], (req, res, next) => {
    if (req.get('sec-fetch-site') === 'cross-site') {
      res.status(403).send(notFoundPage(fallback));
      return;
    }
    next();
  });

  mountDecisionRoutes(router, tools);
  mountReviewRoutes(router, tools);
  return router;
}
