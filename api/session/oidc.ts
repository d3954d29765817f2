/**
 * Sign-in through the organisation's OpenID Connect provider (openid-client): authorization code
 * flow with PKCE (S256), state and nonce. The identity's e-mail address must be in the people
 * directory; it then gets a session like a mailed link does.
 *
 *   GET /sign-in/oidc           redirects to the provider; a cookie binds the flow to this browser
 *   GET /sign-in/oidc/callback  checks state, nonce and the code verifier, then starts the session
 *
 * The pending flows (state, nonce, verifier) live in this process for FLOW_TTL_MS: several API
 * instances need sticky sessions for these two requests, or a shared store.
 */
import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import type { Configuration } from 'openid-client';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import { signInFailedPage } from '../../presentation/workspace/sign-in-pages';
import { requestLocale } from '../request-locale';
import { pageHeaders } from './router';
import { type Sessions, cookieValue } from './sessions';

const FLOW_COOKIE = 'cpo_oidc_flow';
/** Time to sign in at the provider. */
const FLOW_TTL_MS = 10 * 60_000;
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

interface PendingFlow {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

/** Plain http is for a provider on this machine only (tests, a local dev provider). */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function createOidcRouter({
  config,
  logger,
  sessions,
  now,
}: {
  config: AppConfig;
  logger: Logger;
  sessions: Sessions;
  now: () => number;
}): Router {
  const router = Router();
  if (!config.workspace.oidc) return router;
  const { issuer: issuerUrl, clientId, clientSecret } = config.workspace.oidc;
  const redirectUri = `${config.api.publicBaseUrl}${OIDC_CALLBACK_PATH}`;
  const secure = new URL(config.api.publicBaseUrl).protocol === 'https:';
  const flows = new Map<string, PendingFlow>();
  // openid-client is an ES module: loaded when first needed, so Node versions without require(esm) run the rest.
  const library = () => import('openid-client');

  let discovered: Promise<Configuration> | undefined;
  function provider(): Promise<Configuration> {
    discovered ??= library()
      .then((oidc) => {
        const issuer = new URL(issuerUrl);
        return oidc.discovery(
          issuer,
          clientId,
          clientSecret,
          undefined,
          issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {},
        );
      })
      .catch((error: unknown) => {
        // Try discovery again at the next sign-in (the provider may have been down).
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  const failed = (req: Request, res: Response, reason: string, error?: unknown) => {
    logger.warn('an OpenID Connect sign-in failed', { reason, ...(error ? { error } : {}) });
    res.status(403).send(signInFailedPage(requestLocale(req, config.defaults.locale)));
  };

  router.use('/sign-in/oidc', pageHeaders);

  router.get('/sign-in/oidc', async (req, res) => {
    const oidc = await library();
    let configuration: Configuration;
    try {
      configuration = await provider();
    } catch (error) {
      return failed(req, res, 'discovery failed', error);
    }
    const at = now();
    for (const [id, flow] of flows) if (flow.expiresAt <= at) flows.delete(id);
    const flow: PendingFlow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      expiresAt: at + FLOW_TTL_MS,
    };
    const flowId = randomBytes(32).toString('base64url');
    flows.set(flowId, flow);
    res.cookie(FLOW_COOKIE, flowId, {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET, which carries it.
      sameSite: 'lax',
      path: '/sign-in/oidc',
      secure,
      maxAge: FLOW_TTL_MS,
    });
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    const flowId = cookieValue(req, FLOW_COOKIE);
    const flow = flowId ? flows.get(flowId) : undefined;
    // One use per flow, whatever the outcome.
    if (flowId) flows.delete(flowId);
    res.clearCookie(FLOW_COOKIE, { path: '/sign-in/oidc' });
    if (!flow || flow.expiresAt <= now()) return failed(req, res, 'no sign-in was started in this browser');
    const oidc = await library();
    let email: unknown;
    let verified: unknown;
    try {
      // The URL as the provider was told it (PUBLIC_BASE_URL), never from the Host header.
      const currentUrl = new URL(`${config.api.publicBaseUrl}${req.originalUrl}`);
      const configuration = await provider();
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      // Providers put the e-mail address in the ID token or only behind the UserInfo endpoint.
      const identity =
        claims && typeof claims.email === 'string'
          ? claims
          : await oidc.fetchUserInfo(
              configuration,
              tokens.access_token,
              claims?.sub ?? oidc.skipSubjectCheck,
            );
      email = identity.email;
      verified = identity.email_verified;
    } catch (error) {
      return failed(req, res, 'the provider did not confirm the sign-in', error);
    }
    const person = typeof email === 'string' && verified !== false ? sessions.person(email) : undefined;
    if (!person) return failed(req, res, 'the identity is not in the people directory');
    sessions.start(req, res, person, 'oidc');
    res.redirect(303, '/work');
  });
  return router;
}
