/**
 * Audit entries that left the carried state are read back from the start input of the run the
 * archive reference names, on a real Temporal server.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleProject } from '../../dev/sample-project';
import { readArchivedAudit } from '../../api/audit-archive';
import { workflowIdFor } from '../../domain/project';
import { cancelSignal } from '../../workflows/messages';
import { initialState } from '../../workflows/procurement/context';
import { procurementWorkflow } from '../../workflows/procurement';
import { type Harness, devServerEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

test('archived audit entries are read from the start input of the run that carried them, and a missing run is reported', async () => {
  const id = uniqueId('archive');
  const state = initialState(sampleProject(id), new Date().toISOString());
  state.audit.push(
    ...Array.from({ length: 30 }, (_, i) => ({
      at: new Date(Date.UTC(2030, 0, 1 + i)).toISOString(),
      kind: 'reminder-sent' as const,
      step: state.step,
      actor: 'system',
      channel: 'timer' as const,
      comment: `reminder ${i + 1}`,
    })),
  );
  const handle = await h.client.workflow.start(procurementWorkflow, {
    workflowId: workflowIdFor(id),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ kind: 'continued', state }],
  });
  const ref = { list: 'audit' as const, runId: handle.firstExecutionRunId, count: 12, from: '', to: '' };
  const gone = { ...ref, runId: '00000000-0000-4000-8000-000000000000' };

  const result = await readArchivedAudit(h.client, workflowIdFor(id), [ref, gone]);
  expect(result.entries).toEqual(state.audit.slice(0, 12));
  expect(result.unavailable).toEqual([gone]);
  await handle.signal(cancelSignal, { reason: 'test finished', by: 'test@gent.example' });
});
