/** Builds the Express app without listening, so tests mount it on an ephemeral port. */
import express, { type Express, type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import type { Tracing } from '../config/tracing';
import { createAuthenticator } from './auth';
import { createLinkRouter } from './links/router';
import { createWorkspace } from './session';
import type { SessionStore } from './session/store';
import { createWorkspaceRouter } from './workspace/router';
import { metricsEndpoint } from './metrics';
import { requestObservability, restoreRequestContext } from './observability';
import { HttpError, createErrorHandler } from './errors';
import { createHealthRoutes } from './health';
import { openApiDocument } from './openapi';
import { createProjectRoutes } from './projects';
import { createCountsCache } from './projects/counts-cache';
import { mountRoutes } from './routes';
import { type TemporalCalls, createTemporalCalls } from './temporal-calls';
import { type DocumentStore, documentStoreFromConfig } from '../storage';

export interface AppDependencies {
  client: Client;
  config: AppConfig;
  logger: Logger;
  /**
   * The current time for link expiry. Real time in production; a time-skipping test passes the
   * test server's clock, so a link minted in skipped time expires in skipped time.
   */
  now?: () => Promise<number>;
  /** Deadlines of the API's Temporal calls; given by the caller that must wait for them at shutdown. */
  calls?: TemporalCalls;
  /** Server spans per request when tracing is configured (config/tracing.ts). */
  tracing?: Tracing;
  /** The case file's store; by default the one the configuration names (DOCUMENTS_STORE). */
  documents?: DocumentStore;
  /** Sessions and used sign-in links; by default a file under DATA_DIR (api/session/store.ts). */
  sessionStore?: SessionStore;
  /**
   * Wall-clock time for sessions and sign-in links (not the Temporal test server's: a session lives
   * in real time). Tests pass a clock they move.
   */
  wallClock?: () => number;
}

/** Headers for every answer: no sniffing, no framing, no referrer (capability links must not leak). */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy':
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  });
  next();
};

export function createApp({
  client,
  config,
  logger,
  now = () => Promise.resolve(Date.now()),
  calls = createTemporalCalls(client, config.api.temporalTimeoutMs),
  tracing,
  documents = documentStoreFromConfig(config.documents),
  sessionStore,
  wallClock = Date.now,
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  if (config.api.trustProxy) app.set('trust proxy', config.api.trustProxy);
  app.use(securityHeaders);
  // Request id, access log (route pattern, tokens redacted), HTTP metrics, server span.
  app.use(requestObservability(logger, tracing));
  app.use(express.json({ limit: '256kb' }), restoreRequestContext);
  app.get('/metrics', metricsEndpoint(config.observability.metricsToken));

  // One per app, shared by the counts route and My work (tests build many apps: no module singleton).
  const countsCache = createCountsCache({ ttlSeconds: config.api.countsCacheSeconds });
  const routes = [
    ...createHealthRoutes({ client, calls, taskQueue: config.temporal.taskQueue }),
    ...createProjectRoutes({ client, config, calls, documents, countsCache }),
  ];
  const document = openApiDocument(routes, {
    title: 'Circular Procurement Orchestrator API',
    version: '0.1.0',
    serverUrl: config.api.publicBaseUrl,
  });

  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use(createLinkRouter({ client, config, logger, now, calls, documents }));
  const workspace = createWorkspace({ config, logger, sessionStore, wallClock });
  app.use(workspace.sessionRouter);
  app.use(
    createWorkspaceRouter({
      client,
      config,
      calls,
      logger,
      sessions: workspace.sessions,
      documents,
      countsCache,
      now: wallClock,
    }),
  );
  app.use(mountRoutes(routes, createAuthenticator(config.apiKeys)));

  app.use((req, _res, next) => {
    next(new HttpError(404, `no route ${req.method} ${req.path}`));
  });
  app.use(createErrorHandler(logger));
  return app;
}
