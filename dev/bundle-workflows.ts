/**
 * `npm run build` (after tsc): bundles the workflow code once with webpack into
 * dist/workflow-bundle.js, so production workers start in a second instead of bundling from source.
 * Point a worker at it with WORKFLOW_BUNDLE_PATH=dist/workflow-bundle.js.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../worker/worker';

const DIST = path.resolve(__dirname, '..', 'dist');
const WORKFLOW_BUNDLE_FILE = path.join(DIST, 'workflow-bundle.js');

async function main(): Promise<void> {
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Evaluated once per worker and shared by every workflow (see worker/worker.ts).
    preloadModules: [...WORKFLOW_PRELOAD_MODULES],
    workflowInterceptorModules: [...WORKFLOW_INTERCEPTOR_MODULES],
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => console.warn(`[bundle] ${message}`),
      error: (message) => console.error(`[bundle] ${message}`),
      log: () => undefined,
    },
  });
  await mkdir(DIST, { recursive: true });
  await writeFile(WORKFLOW_BUNDLE_FILE, code);
  const kib = (Buffer.byteLength(code) / 1024).toFixed(0);
  console.log(
    `[bundle] wrote ${path.relative(process.cwd(), WORKFLOW_BUNDLE_FILE)} (${kib} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
