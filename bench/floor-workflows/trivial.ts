/**
 * The floor of bench/worker-memory.ts: a workflow that imports nothing but the SDK, answers a
 * query and waits for a signal. What a cached workflow costs the worker before any project code.
 */
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const floorStateQuery = defineQuery<string>('floorState');
export const floorStopSignal = defineSignal('floorStop');

export async function trivialFloorWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(floorStateQuery, () => 'waiting');
  setHandler(floorStopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
