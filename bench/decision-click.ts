/**
 * Time from the POST of a decision (the approver's click on the decision page) to the page that
 * confirms it, beside the API's JSON decision and the floor (`executeUpdate` on a no-op handler),
 * on the real stack: a Temporal dev server, the worker on the prebuilt bundle, the API on HTTP,
 * links from the composed mail. The measurement is bench/decisions.ts; `npm run bench` runs it
 * too, with everything else.
 *
 *   npm run bench:decision-click [-- --clicks 100]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startLocalDevServer } from '../test/helpers/harness';
import { WORKFLOWS_PATH } from '../worker/worker';
import { measureDecisions } from './decisions';
import { startBenchStack, startFloorWorker } from './stack';
import { count, floorWorkflowsPath, prebuiltBundle } from './support';

async function main(): Promise<void> {
  const clicks = count('clicks', 100, 10_000);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await startLocalDevServer();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-decision-click-'));
  try {
    const [projectBundle, floorBundle] = await Promise.all([
      prebuiltBundle(dir, WORKFLOWS_PATH, true),
      prebuiltBundle(dir, floorWorkflowsPath('updates'), false),
    ]);
    const stack = await startBenchStack({ env, bundle: projectBundle });
    const namespace = env.namespace ?? 'default';
    const floor = await startFloorWorker(env.nativeConnection, namespace, floorBundle, stack.config.worker);
    try {
      const result = await measureDecisions(stack, env.client, floor.taskQueue, clicks);
      console.log(
        JSON.stringify(
          {
            ...result,
            note: 'ms; POST /d/<token> → 200 confirmation page; 10 approvers per round, policy all',
          },
          null,
          2,
        ),
      );
    } finally {
      await floor.close();
      await stack.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
