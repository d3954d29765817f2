/** Builds the worker that runs the procurement workflows and their activities. */
import {
  type NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import { type ActivityDependencies, MAIL_METRICS, createActivities } from '../activities';
import { DEFAULT_MAX_CACHED_WORKFLOWS, DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS } from '../config/config';
import type { Tracing } from '../config/tracing';
import { workerTracing } from './tracing';

export interface ProcurementWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  /** Prebuilt bundle (`npm run build` → `{ codePath }`, or a test's in-memory bundle); bundled from source when absent. */
  workflowBundle?: WorkflowBundleOption;
  /** Sticky cache and workflow task slots (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS); the measured defaults when absent. */
  tuning?: WorkerTuning;
  /** Spans of activities and workflows, when tracing is configured (config/tracing.ts). */
  tracing?: Tracing;
  /** Extra worker options (tests use them to shorten shutdown, for example). */
  overrides?: Partial<WorkerOptions>;
}

/** Resolves to workflows/index.ts under tsx and workflows/index.js once compiled. */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Modules the workflow sandbox evaluates once per worker instead of once per workflow: the
 * bundler's `preloadModules`, used by the worker when it bundles from source, by `npm run build`
 * (dev/bundle-workflows.ts) and by the tests' bundle (test/helpers/harness.ts).
 *
 * With the SDK's reusable V8 context every workflow has its own webpack module cache, so without
 * this each cached project evaluated zod, every schema and the catalogue again: about 2.4 MiB of
 * worker memory per cached workflow against 0.2 MiB for a trivial one (bench/worker-memory.ts).
 * Preloaded modules (and everything they import) are evaluated before the first workflow, then
 * deep-frozen and shared by all workflows.
 *
 * A module belongs here only if it is safe to share frozen: it does not import
 * `@temporalio/workflow` (per-workflow state), reads no clock or randomness at module level, keeps
 * no mutable module state, and nothing writes to what it exports (a write to a frozen object
 * throws in the workflow). Absolute paths, so any bundle's entry point finds them; they resolve to
 * .ts under tsx and to .js once compiled, like the workflows' own imports.
 */
export const WORKFLOW_PRELOAD_MODULES: readonly string[] = [
  // The domain schemas and zod, finished so that zod 4.6 survives the freeze (see the file): its
  // lazily built members, its self-replacing parsers and its regex checks would throw when frozen.
  require.resolve('./workflow-preload'),
  // Fewer frames in the stack trace the SDK takes of every promise made in workflow code (see the file).
  require.resolve('./workflow-stack-traces'),
  require.resolve('../domain/schemas'),
  // Constants and lookups over domain/catalogue.json; the workflow only reads them.
  require.resolve('../domain/catalogue'),
  // Pure functions over the state the workflow passes in; no module state.
  require.resolve('../domain/approval-policy'),
  require.resolve('../domain/follow-up'),
  require.resolve('../domain/details'),
  require.resolve('../domain/digest'),
  require.resolve('../domain/project'),
  // defineSearchAttributeKey returns plain objects; @temporalio/common is shared by the SDK already.
  require.resolve('../domain/search-attributes'),
];

/**
 * The workflow interceptors bundled with the workflows (request ids and trace context from the
 * API's headers, see the file). Every bundle of the workflows includes them: the worker's, `npm run
 * build`'s, the tests' and the replay test's, so a replay runs the code that recorded the history.
 */
export const WORKFLOW_INTERCEPTOR_MODULES: readonly string[] = [require.resolve('../workflows/interceptors')];

/**
 * With tracing on: workflow spans, first so they enclose the handler (workflows/tracing-interceptors.ts
 * says why they are not in the default bundle). `npm run build` writes both bundles.
 */
export const WORKFLOW_TRACING_INTERCEPTOR_MODULES: readonly string[] = [
  require.resolve('../workflows/tracing-interceptors'),
  ...WORKFLOW_INTERCEPTOR_MODULES,
];

/** The interceptor modules of a bundle, with or without workflow spans. */
export function workflowInterceptorModules(traced: boolean): string[] {
  return [...(traced ? WORKFLOW_TRACING_INTERCEPTOR_MODULES : WORKFLOW_INTERCEPTOR_MODULES)];
}

/**
 * How long one call into the workflow sandbox may run: loading the bundle when the worker starts
 * (the preloaded domain modules are finished for the freeze then, worker/workflow-preload.ts), and
 * each activation after that. The SDK's 5 s was exceeded while loading on a machine with both cores
 * busy ("Script execution timed out after 5000ms", and the worker did not start); an activation
 * takes milliseconds, so a longer bound only delays telling a real deadlock apart.
 */
export const WORKFLOW_ISOLATE_TIMEOUT = '20s';
/**
 * The SDK reads `isolateExecutionTimeout` from the worker options but leaves it out of their type
 * ("not exposed at the moment", @temporalio/worker worker-options.d.ts); the worker-start test
 * fails if a later SDK stops reading it.
 */
const sandboxTimeout: Record<string, unknown> = { isolateExecutionTimeout: WORKFLOW_ISOLATE_TIMEOUT };

export interface WorkerTuning {
  /** Workflows kept in the sticky cache; beyond it the least recently used is evicted (and replayed when it next runs). */
  maxCachedWorkflows: number;
  /** Workflow task slots: activations the worker holds at once, all run on one workflow thread. */
  maxConcurrentWorkflowTaskExecutions: number;
}

export async function createProcurementWorker(options: ProcurementWorkerOptions): Promise<Worker> {
  const {
    connection,
    namespace,
    taskQueue,
    workflowBundle,
    tuning = {
      maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    overrides,
    tracing,
    ...dependencies
  } = options;
  const traced = workerTracing(tracing);
  declareMailCounters();
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle
      ? { workflowBundle }
      : {
          workflowsPath: WORKFLOWS_PATH,
          bundlerOptions: { preloadModules: [...WORKFLOW_PRELOAD_MODULES] },
        }),
    interceptors: {
      // When bundling from source; a prebuilt bundle has them built in (and the SDK warns if given).
      ...(workflowBundle ? {} : { workflowModules: workflowInterceptorModules(tracing !== undefined) }),
      activity: traced.activityInterceptors,
    },
    sinks: traced.sinks,
    activities: createActivities({ ...dependencies, taskQueue }),
    ...sandboxTimeout,
    ...tuning,
    ...overrides,
  });
}

/**
 * The mail counters at zero from the start (the activity counts them, activities/index.ts), so a
 * dashboard or an alert on failures sees a series before the first failure.
 */
function declareMailCounters(): void {
  const meter = Runtime.instance().metricMeter;
  meter.createCounter(MAIL_METRICS.sent, 'mails', 'Mails accepted by the SMTP server').add(0);
  meter.createCounter(MAIL_METRICS.failed, 'mails', 'Mail attempts that failed (rejected: for good)').add(0);
}
