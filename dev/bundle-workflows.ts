/**
 * `npm run build` (after tsc): bundles the workflow code once with webpack into
 * dist/workflow-bundle.js, so production workers start in a second instead of bundling from source.
 * Point a worker at it with WORKFLOW_BUNDLE_PATH=dist/workflow-bundle.js, or, with tracing on
 * (OTEL_EXPORTER_OTLP_ENDPOINT), at dist/workflow-bundle-traced.js, which adds workflow spans.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH, workflowInterceptorModules } from '../worker/worker';

const DIST = path.resolve(__dirname, '..', 'dist');

async function writeBundle(traced: boolean): Promise<void> {
  const file = path.join(DIST, traced ? 'workflow-bundle-traced.js' : 'workflow-bundle.js');
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Evaluated once per worker and shared by every workflow (see worker/worker.ts).
    preloadModules: [...WORKFLOW_PRELOAD_MODULES],
    workflowInterceptorModules: workflowInterceptorModules(traced),
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
  await writeFile(file, code);
  const kib = (Buffer.byteLength(code) / 1024).toFixed(0);
  console.log(
    `[bundle] wrote ${path.relative(process.cwd(), file)} (${kib} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  await writeBundle(false);
  await writeBundle(true);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
