/** The management API of procurement projects: every route is a Temporal start, update, signal, query or list. */
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import { createProjectMessages } from '../project-messages';
import { type ProjectScope, createProjectScope } from '../project-scope';
import type { Route } from '../routes';
import { type TemporalCalls, createTemporalCalls } from '../temporal-calls';
import { contractRoutes } from './contract';
import { countProjectsRoute } from './counts';
import { type CountsCache, createCountsCache } from './counts-cache';
import { createProjectRoute } from './create';
import { listProjectsRoute } from './list';
import { organisationLessonsRoute } from './organisation-lessons';
import { readRoutes } from './read';
import { stepRoutes } from './steps';
import { type DocumentStore, documentStoreFromConfig } from '../../storage';
import { type ProjectAccess, createProjectAccess } from '../documents/access';
import { documentRoutes } from '../documents/routes';
import { exportRoutes } from '../export/routes';

export { listQueryText } from './list';

export function createProjectRoutes({
  client,
  config,
  calls = createTemporalCalls(client, config.api.temporalTimeoutMs),
  documents = documentStoreFromConfig(config.documents),
  access,
  countsCache = createCountsCache({ ttlSeconds: config.api.countsCacheSeconds }),
}: {
  client: Client;
  config: AppConfig;
  calls?: TemporalCalls;
  documents?: DocumentStore;
  access?: ProjectAccess;
  /** Shared with My work's counts; by default one of this app's own. */
  countsCache?: CountsCache;
}): Route[] {
  const messages = createProjectMessages(client, calls);
  const scope = createProjectScope(client, calls);
  const dependencies = {
    client,
    config,
    calls,
    messages,
    documents,
    access: access ?? createProjectAccess(scope),
    countsCache,
  };
  return [
    ...[
      createProjectRoute(dependencies),
      listProjectsRoute(dependencies),
      // Before the routes of one project: `counts` is not a project id.
      countProjectsRoute(dependencies),
      ...readRoutes(dependencies),
      organisationLessonsRoute(dependencies),
      ...stepRoutes(dependencies),
      ...contractRoutes(dependencies),
    ].map((r) => scopedToCaller(r as Route, scope)),
    // The case file's routes check the scope through `access`, which also tells a closed project.
    ...(documentRoutes(dependencies) as Route[]),
    ...(exportRoutes(dependencies) as Route[]),
  ];
}

/**
 * Every route of one project first checks that the caller may see it, before anything is asked of
 * the workflow: outside their scope the answer is the 404 of a missing project, whatever the route.
 */
function scopedToCaller(r: Route, scope: ProjectScope): Route {
  if (!r.path.startsWith('/api/projects/:id')) return r;
  return {
    ...r,
    async handle(context) {
      const { params } = context.input as { params?: { id?: string } };
      if (params?.id !== undefined) await scope.ensureVisible(context.principal, params.id);
      await r.handle(context);
    },
  };
}
