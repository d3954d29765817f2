/**
 * Once per `npm test`: resolves (and if needed installs) the Temporal binaries and starts one real
 * Temporal dev server with the project's search attributes. Test files connect to it through
 * TEMPORAL_TEST_ADDRESS; time-skipping tests start their own test server from
 * TEMPORAL_TEST_SERVER_PATH.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalBinary } from '../../dev/temporal-binaries';
import { PROCUREMENT_SEARCH_ATTRIBUTES } from '../../domain/search-attributes';

declare global {
  var __TEMPORAL_DEV_SERVER__: TestWorkflowEnvironment | undefined;
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);
  const cli = await resolveTemporalBinary('cli', { log });
  const testServer = await resolveTemporalBinary('test-server', { log });
  if (testServer.executable.type === 'existing-path')
    process.env.TEMPORAL_TEST_SERVER_PATH = testServer.executable.path;
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli.executable,
      searchAttributes: PROCUREMENT_SEARCH_ATTRIBUTES,
      log: { format: 'pretty', level: 'error' },
    },
  });
  globalThis.__TEMPORAL_DEV_SERVER__ = env;
  process.env.TEMPORAL_TEST_ADDRESS = env.address;
  log(`Temporal dev server at ${env.address} (${cli.source})`);
}
