/**
 * Update handlers store the update's own argument (it is in history) instead of parsing it again,
 * so the validator insists on the normalized form the API sends. A caller past the API (the CLI,
 * another integration) that sends untrimmed text or an upper-case address gets a clear rejection
 * naming the field, and nothing changes; the same value through the API is accepted.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleNeed } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { delegateUpdate, projectQuery, submitDeliverableUpdate } from '../../workflows/messages';
import {
  type Harness,
  OFFICER_KEY,
  devServerEnvironment,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import { createProject, people, submit, uniqueId, waitForMail } from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

const { requester, internalClient: bram, csr: eva } = people;

test('an update sent past the API with untrimmed text or an upper-case address is refused, naming the field, and changes nothing', async () => {
  const id = uniqueId('normalized');
  await createProject(h, id);
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  const before = await handle.query(projectQuery);

  const untrimmed = await handle
    .executeUpdate(submitDeliverableUpdate, {
      args: [
        {
          gate: 'circular-need',
          deliverable: { ...sampleNeed, functionalNeed: `  ${sampleNeed.functionalNeed}  ` },
          submittedBy: requester.email,
          channel: 'api',
        },
      ],
    })
    .catch((error: unknown) => error);
  expect(untrimmed).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((untrimmed as WorkflowUpdateFailedError).cause).toMatchObject({
    type: 'InvalidInput',
    message: expect.stringMatching(/^deliverable\.functionalNeed: send the normalized value/),
  });
  expect(await handle.query(projectQuery)).toEqual(before);

  // The same deliverable, normalized by the API, is accepted and stored as sent.
  await submit(h, id, 'circular-need', { ...sampleNeed, functionalNeed: `  ${sampleNeed.functionalNeed}  ` });
  const stored = await handle.query(projectQuery);
  expect(stored.submissions['circular-need']?.data.functionalNeed).toBe(sampleNeed.functionalNeed);
  await waitForMail(h, id, 'approval-request', bram.email);

  await expect(
    handle.executeUpdate(delegateUpdate, {
      args: [{ from: bram.email, to: { ...eva, email: eva.email.toUpperCase() }, channel: 'api' }],
    }),
  ).rejects.toMatchObject({
    cause: {
      type: 'InvalidInput',
      message: expect.stringMatching(/^delegation\.to\.email: send the normalized/),
    },
  });
  const after = await handle.query(projectQuery);
  expect(after.currentRound?.slots.every((slot) => slot.delegations.length === 0)).toBe(true);
});

test('approval settings changed bit by bit cannot grow past their limit in all: the change that would is refused and nothing changes', async () => {
  const id = uniqueId('settings-limit');
  await createProject(h, id);
  const approvers = Array.from({ length: 50 }, (_, i) => ({
    name: `Approver ${i} `.padEnd(200, 'é'),
    email: `approver-${i}@gent.example`,
  }));
  const patch = (gate: string) =>
    h
      .api(OFFICER_KEY)
      .patch(`/api/projects/${id}/approval-settings`)
      .send({ gates: { [gate]: { approvers } } });

  // Each change is well within the limit on its own; the second would bring the settings past it.
  const first = await patch('circular-need');
  expect(first.status).toBe(200);
  const second = await patch('award');
  // 422: the change is valid on its own; what it would make of the project's settings is not.
  expect(second.status).toBe(422);
  expect(JSON.stringify(second.body)).toMatch(/the approval settings holds at most 32 KiB in all/);
  const settings = (await h.client.workflow.getHandle(workflowIdFor(id)).query(projectQuery)).approvals;
  expect(Object.keys(settings.gates)).toEqual(['circular-need']);
});
