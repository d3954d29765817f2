/**
 * The trivial floor workflow plus one import of the domain schemas (and through them zod and the
 * catalogue): what module-level values cost a cached workflow when they are evaluated per workflow.
 */
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { createProject } from '../../domain/schemas';

export const floorStateQuery = defineQuery<string>('floorState');
export const floorStopSignal = defineSignal('floorStop');

export async function schemasFloorWorkflow(): Promise<void> {
  let stopped = false;
  // Referenced so the import is plainly in use; the workflow never parses anything.
  setHandler(floorStateQuery, () => (createProject ? 'waiting' : 'no schemas'));
  setHandler(floorStopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
