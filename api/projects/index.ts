/** The management API of procurement projects: every route is a Temporal start, update, signal, query or list. */
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/config';
import { createProjectMessages } from '../project-messages';
import type { Route } from '../routes';
import { type TemporalCalls, createTemporalCalls } from '../temporal-calls';
import { contractRoutes } from './contract';
import { createProjectRoute } from './create';
import { listProjectsRoute } from './list';
import { readRoutes } from './read';
import { stepRoutes } from './steps';

export { listQueryText } from './list';

export function createProjectRoutes({
  client,
  config,
  calls = createTemporalCalls(client, config.api.temporalTimeoutMs),
}: {
  client: Client;
  config: AppConfig;
  calls?: TemporalCalls;
}): Route[] {
  const dependencies = { client, config, calls, messages: createProjectMessages(client, calls) };
  return [
    createProjectRoute(dependencies),
    listProjectsRoute(dependencies),
    ...readRoutes(dependencies),
    ...stepRoutes(dependencies),
    ...contractRoutes(dependencies),
  ] as Route[];
}
