/**
 * Sign-in by mailed link, and sign-out.
 *
 *   GET  /sign-in              the form (an address)
 *   POST /sign-in              mails a link when the address may sign in; the same page either way
 *   GET  /sign-in/link/<token> a "Sign in" button only (mail scanners open every link)
 *   POST /sign-in/link/<token> uses the link once and starts the session
 *   POST /sign-out             ends the session server-side
 *
 * POSTs must come from our own pages (Origin / Sec-Fetch-Site); sign-out also carries the
 * session's CSRF token. Asking for links is rate limited per address and per client address.
 */
import express, { type Request, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import { email as emailSchema } from '../../domain/schemas';
import {
  checkYourMailPage,
  confirmSignInPage,
  signInLinkProblemPage,
  signInPage,
  signedOutPage,
  tooManySignInsPage,
} from '../../presentation/workspace/sign-in-pages';
import { t } from '../../presentation/locale';
import { isCrossSitePost } from '../cross-site';
import { PAGE_CSP } from '../pages';
import { requestLocale } from '../request-locale';
import type { Sessions } from './sessions';
import { SIGN_IN_PATH, type SignInLinks } from './sign-in-links';
import type { SessionStore } from './store';

export interface SessionRouterDependencies {
  config: AppConfig;
  logger: Logger;
  sessions: Sessions;
  store: SessionStore;
  links: SignInLinks;
  now: () => number;
}

/** Headers of every workspace page: the pages' CSP, never cached, never indexed. */
export function pageHeaders(_req: Request, res: Response, next: () => void): void {
  res.set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
  next();
}

const signInForm = z.object({ email: emailSchema });

export function createSessionRouter({
  config,
  logger,
  sessions,
  store,
  links,
  now,
}: SessionRouterDependencies): Router {
  const router = Router();
  const fallback = config.defaults.locale;
  const ownOrigin = new URL(config.api.publicBaseUrl).origin;
  const ttlMinutes = Math.round(config.workspace.signInLinkTtlMs / 60_000);

  router.use(['/sign-in', '/sign-out'], pageHeaders, express.urlencoded({ extended: false, limit: '8kb' }));
  // Every POST here comes from our own pages; a cross-site one is refused before anything else.
  router.post(['/sign-in', '/sign-in/link/:token', '/sign-out'], (req, res, next) => {
    if (isCrossSitePost(req, ownOrigin)) {
      res.status(403).type('text/plain').send('Forbidden: cross-site request');
      return;
    }
    next();
  });

  const limited = (key: (req: Request) => string, limit: number) =>
    rateLimit({
      windowMs: 3_600_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: key,
      handler: (req, res) => void res.status(429).send(tooManySignInsPage(requestLocale(req, fallback))),
    });
  const addressOf = (req: Request) => {
    const given = (req.body as { email?: unknown } | undefined)?.email;
    return typeof given === 'string' ? given.trim().toLowerCase() : '';
  };

  router.get('/sign-in', (req, res) => {
    if (sessions.current(req)) return void res.redirect(303, '/work');
    res.send(signInPage(requestLocale(req, fallback), { oidc: config.workspace.oidc !== undefined }));
  });

  router.post(
    '/sign-in',
    // One office behind one address asks for many people: ten times the limit of one address.
    limited(
      (req) => `client:${ipKeyGenerator(req.ip ?? 'unknown')}`,
      10 * config.workspace.signInRateLimitPerHour,
    ),
    limited((req) => `address:${addressOf(req)}`, config.workspace.signInRateLimitPerHour),
    (req, res) => {
      const locale = requestLocale(req, fallback);
      const parsed = signInForm.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).send(
          signInPage(locale, {
            oidc: config.workspace.oidc !== undefined,
            email: addressOf(req).slice(0, 254),
            problems: [t(locale, 'Dit is geen e-mailadres.', 'This is not an email address.')],
          }),
        );
        return;
      }
      const person = sessions.person(parsed.data.email);
      // Not awaited: the answer must not take longer for a known address than for an unknown one.
      if (person)
        links.send(person, now(), config.defaults).catch((error: unknown) => {
          logger.error('a sign-in link could not be mailed', { error });
        });
      res.send(checkYourMailPage(locale, parsed.data.email, ttlMinutes));
    },
  );

  /** The link's claims when it can still sign in, else the page that says why not. */
  function usableLink(req: Request, res: Response) {
    const locale = requestLocale(req, fallback);
    const checked = links.check(req.params.token as string, now(), (address) => !!sessions.person(address));
    const problem =
      checked.status === 'valid'
        ? store.wasUsed(checked.claims.i, now())
          ? ('used' as const)
          : undefined
        : checked.status;
    if (problem) {
      const answer = signInLinkProblemPage(locale, problem);
      res.status(answer.status).send(answer.html);
      return undefined;
    }
    return checked.status === 'valid' ? { claims: checked.claims, locale } : undefined;
  }

  router.get(`${SIGN_IN_PATH}/:token`, (req, res) => {
    const link = usableLink(req, res);
    if (!link) return;
    res.send(confirmSignInPage(link.locale, `${SIGN_IN_PATH}/${req.params.token}`, link.claims.a));
  });

  router.post(`${SIGN_IN_PATH}/:token`, (req, res) => {
    const link = usableLink(req, res);
    if (!link) return;
    const person = sessions.person(link.claims.a);
    // Two presses at once: only the first one gets a session.
    if (!person || !store.useOnce(link.claims.i, link.claims.e, now())) {
      const answer = signInLinkProblemPage(link.locale, 'used');
      res.status(answer.status).send(answer.html);
      return;
    }
    sessions.start(req, res, person, 'link');
    res.redirect(303, '/work');
  });

  router.post('/sign-out', sessions.csrf, (req, res) => {
    const locale = sessions.current(req)?.locale ?? requestLocale(req, fallback);
    sessions.end(req, res);
    res.send(signedOutPage(locale));
  });

  return router;
}
