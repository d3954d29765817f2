/** Builds the worker that runs the procurement workflows and their activities. */
import {
  type NativeConnection,
  Worker,
  type WorkerOptions,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import { type ActivityDependencies, createActivities } from '../activities';

export interface ProcurementWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  /** Prebuilt bundle (`npm run build` → `{ codePath }`, or a test's in-memory bundle); bundled from source when absent. */
  workflowBundle?: WorkflowBundleOption;
  /** Extra worker options (tests use them to shorten shutdown, for example). */
  overrides?: Partial<WorkerOptions>;
}

/** Resolves to workflows/index.ts under tsx and workflows/index.js once compiled. */
export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createProcurementWorker(options: ProcurementWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, overrides, ...dependencies } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({ ...dependencies, taskQueue }),
    ...overrides,
  });
}
