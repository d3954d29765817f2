/**
 * What every router of the workspace shares: its dependencies, the signed-in viewer of a request,
 * the workspace's headers (its CSP allows same-origin scripts and connections, nothing else), and
 * the page a request gets when Temporal does not answer in time.
 */
import type { Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { Locale } from '../../domain/catalogue';
import type { DocumentStore } from '../../storage';
import type { WorkspaceViewer } from '../../presentation/workspace/layout';
import { unavailablePage } from '../pages';
import type { ProjectMessages } from '../project-messages';
import type { ProjectScope } from '../project-scope';
import { askedLocale } from '../request-locale';
import type { SignedIn, Sessions } from '../session/sessions';
import { RETRY_AFTER_SECONDS, type TemporalCalls, isTemporalUnavailable } from '../temporal-calls';

export interface WorkspaceDependencies {
  client: Client;
  config: AppConfig;
  calls: TemporalCalls;
  logger: Logger;
  sessions: Sessions;
  scope: ProjectScope;
  messages: ProjectMessages;
  /** The case file's store (storage/): the project page's downloads, and a gate form's documents. */
  documents: DocumentStore;
  /** Wall-clock time (sessions, "as of" lines, drafts). */
  now: () => number;
}

/**
 * The workspace pages' CSP: the link pages' strict policy, plus scripts and connections from this
 * origin only (the live-update script and its event stream). No inline script, nothing from elsewhere.
 */
export const WORKSPACE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Headers of every workspace page: its CSP, never cached, never indexed. */
export function workspaceHeaders(_req: Request, res: Response, next: () => void): void {
  res.set({
    'Content-Security-Policy': WORKSPACE_CSP,
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex',
  });
  next();
}

/** The locale of this request: `?lang=` when asked, else the session's. */
export const localeOf = (req: Request, signedIn: SignedIn): Locale => askedLocale(req) ?? signedIn.locale;

/** The viewer the page frame needs (layout.ts), from the request's session. */
export function viewerOf(req: Request, signedIn: SignedIn): WorkspaceViewer {
  return {
    name: signedIn.person.name,
    email: signedIn.person.email,
    organisations: signedIn.person.organisations,
    locale: localeOf(req, signedIn),
    timeZone: signedIn.timeZone,
    csrfToken: signedIn.session.csrfToken,
    path: req.originalUrl,
  };
}

/** Temporal did not answer in time: a page that says so (503); anything else goes to the error handler. */
export function answerUnavailable(logger: Logger, error: unknown, res: Response, locale: Locale): void {
  if (!isTemporalUnavailable(error)) throw error;
  logger.warn('the workspace could not reach Temporal in time', { error: (error as Error).message });
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).send(unavailablePage(locale));
}
