/**
 * The floor of the throughput and decision benchmarks (bench/throughput.ts, bench/decisions.ts):
 * a workflow that imports nothing but the SDK and accepts updates with a no-op handler. It gets
 * the same arguments the project's updates get, so payload conversion costs both alike; what is
 * left of the difference is the project's own code and its API.
 */
import { condition, defineQuery, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const floorNoopUpdate = defineUpdate<number, [unknown]>('floorNoop');
export const floorStateQuery = defineQuery<string>('floorState');
export const floorStopSignal = defineSignal('floorStop');

export async function updateFloorWorkflow(): Promise<void> {
  let updates = 0;
  let stopped = false;
  setHandler(floorNoopUpdate, () => ++updates);
  setHandler(floorStateQuery, () => `updates: ${updates}`);
  setHandler(floorStopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
