/**
 * One full process through the real API, as people do it: create the project, then for each gate
 * up to the award submit the sample deliverable and let every approver the round names approve
 * with their own key, until the project is in step 5 (use and execution). Unlike
 * test/helpers/project-api.ts `advanceTo` it asks no queries between calls (the submission names
 * the approvers), so every call is an update or the start, the same calls the floor makes.
 *
 * The floor process starts a trivial workflow and sends it the same arguments as updates.
 */
import type { Client } from '@temporalio/client';
import { sampleProject } from '../dev/sample-project';
import type { GateId } from '../domain/catalogue';
import type { CreateProject } from '../domain/schemas';
import { OFFICER_KEY } from '../test/helpers/harness';
import { keyOf, sampleDeliverable } from '../test/helpers/project-api';
import {
  floorNoopUpdate,
  floorUpsertUpdate,
  updateFloorWorkflow,
  upsertFloorWorkflow,
} from './floor-workflows/updates';
import { type BenchStack, apiCall } from './stack';

export const GATES_TO_STEP_5: GateId[] = [
  'circular-need',
  'circular-ambitions',
  'market-dialogue',
  'tender-documents',
  'award',
];

export interface DriveOptions {
  /** Stop before the next call once this returns true (the end of a timed window). */
  stop?: () => boolean;
  /** Each call's milliseconds, as it finishes. */
  onCall?: (ms: number) => void;
  createOverrides?: Partial<CreateProject>;
  /** The award deliverable (defaults to the sample's, starting next month). */
  award?: unknown;
}

/** What the workflow received, in order: the floor replays the same arguments as updates. */
export type UpdateArgs = Record<string, unknown>;

async function call(
  stack: Pick<BenchStack, 'baseUrl'>,
  key: string,
  path: string,
  body: unknown,
  options: DriveOptions,
): Promise<Record<string, unknown>> {
  const result = await apiCall(stack, key, 'POST', path, body);
  if (result.status !== 200 && result.status !== 202) {
    throw new Error(`POST ${path}: ${result.status} ${JSON.stringify(result.body).slice(0, 400)}`);
  }
  options.onCall?.(result.ms);
  return result.body;
}

/** Drives project `id` to step 5; returns the update arguments, or undefined when stopped early. */
export async function driveProjectToStep5(
  stack: Pick<BenchStack, 'baseUrl'>,
  id: string,
  options: DriveOptions = {},
): Promise<UpdateArgs[] | undefined> {
  const updates: UpdateArgs[] = [];
  if (options.stop?.()) return undefined;
  await call(stack, OFFICER_KEY, '/api/projects', sampleProject(id, options.createOverrides), options);
  for (const gate of GATES_TO_STEP_5) {
    if (options.stop?.()) return undefined;
    const deliverable = gate === 'award' && options.award ? options.award : sampleDeliverable(gate);
    const submitted = await call(
      stack,
      OFFICER_KEY,
      `/api/projects/${id}/submissions/${gate}`,
      deliverable,
      options,
    );
    updates.push({ gate, deliverable, submittedBy: 'ans.peeters@gent.example', channel: 'api' });
    let roundStatus = 'open';
    for (const approver of submitted.approvers as string[]) {
      if (options.stop?.()) return undefined;
      const decided = await call(
        stack,
        keyOf(approver),
        `/api/projects/${id}/decisions`,
        { decision: 'approve' },
        options,
      );
      updates.push({ approver, decision: 'approve', channel: 'api' });
      roundStatus = String(decided.roundStatus);
      if (roundStatus !== 'open') break;
    }
    if (roundStatus !== 'approved') throw new Error(`${id}: the ${gate} round ended ${roundStatus}`);
  }
  return updates;
}

/**
 * The floor of one process: start a trivial workflow, then the same arguments as updates. With
 * `upserts`, the floor that also writes visibility as often as a project does (one search-attribute
 * upsert at the start and per update).
 */
export async function driveFloorProcess(
  client: Client,
  taskQueue: string,
  workflowId: string,
  updates: UpdateArgs[],
  options: Pick<DriveOptions, 'stop' | 'onCall'> & { upserts?: boolean } = {},
): Promise<boolean> {
  if (options.stop?.()) return false;
  const [workflow, update] = options.upserts
    ? [upsertFloorWorkflow, floorUpsertUpdate]
    : [updateFloorWorkflow, floorNoopUpdate];
  let started = performance.now();
  const handle = await client.workflow.start(workflow, { taskQueue, workflowId });
  options.onCall?.(performance.now() - started);
  for (const args of updates) {
    if (options.stop?.()) return false;
    started = performance.now();
    await handle.executeUpdate(update, { args: [args] });
    options.onCall?.(performance.now() - started);
  }
  return true;
}
