import {
  devServerEnvironment,
  eventually,
  type Harness,
  personalKey,
  startHarness,
} from '../helpers/harness';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env });
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

test('smoke: create, submit need, two approvals, step 2', async () => {
  const id = `smoke-${Date.now()}`;
  const created = await h.api().post('/api/projects').send(sampleProject(id));
  expect(created.status).toBe(202);
  const submitted = await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed);
  expect(submitted.status).toBe(200);
  expect(submitted.body.approvers.sort()).toEqual(
    [samplePeople.internalClient.email, samplePeople.purchaser.email].sort(),
  );
  const first = await h
    .api(personalKey(samplePeople.internalClient.email))
    .post(`/api/projects/${id}/decisions`)
    .send({ decision: 'approve' });
  expect(first.status).toBe(200);
  const second = await h
    .api(personalKey(samplePeople.purchaser.email))
    .post(`/api/projects/${id}/decisions`)
    .send({ decision: 'approve' });
  expect(second.body).toMatchObject({ roundStatus: 'approved' });
  const state = await h.api().get(`/api/projects/${id}`);
  expect(state.body.step).toBe('circular-ambitions');
  await h.mail.waitFor(
    (m) => m.subject.includes('Approval requested') || m.subject.includes('Goedkeuring gevraagd'),
    { count: 2 },
  );
  const listed = await eventually(async () => {
    const list = await h.api().get(`/api/projects?step=circular-ambitions&productGroup=office-furniture`);
    return list.body.items.find((i: { id: string }) => i.id === id);
  });
  expect(listed.step).toBe('circular-ambitions');
});
