/**
 * The floor of the throughput and decision benchmarks (bench/throughput.ts, bench/decisions.ts):
 * a workflow that imports nothing but the SDK and accepts updates with a no-op handler. It gets
 * the same arguments the project's updates get, so payload conversion costs both alike; what is
 * left of the difference is the project's own code and its API.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';

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

/**
 * The floor plus the one command a decision cannot do without: the upsert of who is still to decide
 * (My work's "decisions waiting on me" reads it from visibility). It shows what of a decision's
 * cost above the no-op floor is Temporal's own work for that command, not the project's code.
 * It also upserts once when it starts, as a project records its first state: a process of it makes
 * 20 visibility writes where a project makes 21 (bench/throughput.ts runs it as a third side).
 */
export const floorUpsertUpdate = defineUpdate<number, [unknown]>('floorUpsert');
// Declared here, not imported from domain/search-attributes.ts: a floor imports nothing but the SDK.
const PendingApprovers = defineSearchAttributeKey('PendingApprovers', 'KEYWORD_LIST');

export async function upsertFloorWorkflow(): Promise<void> {
  let updates = 0;
  let stopped = false;
  upsertSearchAttributes([{ key: PendingApprovers, value: [] }]);
  setHandler(floorUpsertUpdate, () => {
    updates++;
    upsertSearchAttributes([{ key: PendingApprovers, value: [`approver-${updates}@floor.example`] }]);
    return updates;
  });
  setHandler(floorStopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
