/** Sign-in and sessions of the workspace, built from config: the sessions and the sign-in router. */
import { Router } from 'express';
import { LinkSigner } from '../../activities/links';
import { createSmtpTransport, smtpSettings } from '../../activities/mail/transport';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import { createOidcRouter } from './oidc';
import { createSessionRouter } from './router';
import { type Sessions, createSessions } from './sessions';
import { createSignInLinks } from './sign-in-links';
import { type SessionStore, createFileSessionStore } from './store';

export function createWorkspace({
  config,
  logger,
  sessionStore,
  wallClock,
}: {
  config: AppConfig;
  logger: Logger;
  sessionStore: SessionStore | undefined;
  wallClock: () => number;
}): { sessions: Sessions; sessionRouter: Router } {
  const store = sessionStore ?? createFileSessionStore(config.dataDir);
  const sessions = createSessions({ config, store, now: wallClock });
  const links = createSignInLinks({
    signer: config.links.signingKeys.length > 0 ? new LinkSigner(config.links.signingKeys) : undefined,
    publicBaseUrl: config.api.publicBaseUrl,
    ttlMs: config.workspace.signInLinkTtlMs,
    // A connection per mail, made when one is sent: nothing stays open between sign-ins.
    transport: () => createSmtpTransport(smtpSettings(config), config.mail.timeouts, { pool: false }),
    from: config.mail.from,
  });
  const sessionRouter = Router();
  sessionRouter.use(createSessionRouter({ config, logger, sessions, store, links, now: wallClock }));
  sessionRouter.use(createOidcRouter({ config, logger, sessions, now: wallClock }));
  return { sessions, sessionRouter };
}
