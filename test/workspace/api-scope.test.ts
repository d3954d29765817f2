/**
 * API keys see the projects of their organisations and the projects their person has a part in:
 * another organisation's project answers 404 like a missing one, on every project route, and never
 * shows in a list. Checked both ways against the real dev server's visibility.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ApiKeyEntry } from '../../config/config';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import {
  type Harness,
  devServerEnvironment,
  eventually,
  personalKey,
  startHarness,
} from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';

const orgA = `Gemeente A ${uniqueId('scope')}`;
const orgB = `Gemeente B ${uniqueId('scope')}`;
const KEY_A = 'scope-key-of-organisation-a-000001';
const KEY_B = 'scope-key-of-organisation-b-000002';
const PARTNER_KEY = 'scope-key-of-a-partner-elsewhere-03';
const DELEGATE_KEY = 'scope-key-of-a-delegate-elsewhere-4';
const delegate = { name: 'Dario Delegate', email: 'dario.delegate@derden.example' };
const partner = { name: 'Pia Partner', email: 'pia.partner@elders.example' };
const keys: ApiKeyEntry[] = [
  { key: KEY_A, name: 'Officer A', email: 'officer@a.example', roles: ['officer'], organisations: [orgA] },
  { key: KEY_B, name: 'Officer B', email: 'officer@b.example', roles: ['officer'], organisations: [orgB] },
  // Of a third organisation, but an approver in project B: sees B (and only B) through that part.
  { key: PARTNER_KEY, ...partner, roles: ['viewer'], organisations: ['Elders'] },
  // Of a fourth organisation: gets a part in project B only when a decision is handed to them.
  { key: DELEGATE_KEY, ...delegate, roles: ['viewer'], organisations: ['Derden'] },
];

let env: TestWorkflowEnvironment;
let h: Harness;
const productGroup = uniqueId('scoped-group');
const projectA = uniqueId('scope-a');
const projectB = uniqueId('scope-b');

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, extraKeys: keys });
  const a = await h
    .api(KEY_A)
    .post('/api/projects')
    .send(sampleProject(projectA, { organisation: orgA, productGroup }));
  expect(a.status).toBe(202);
  const base = sampleProject(projectB, { organisation: orgB, productGroup });
  const b = await h
    .api(KEY_B)
    .post('/api/projects')
    .send({ ...base, approvers: [...base.approvers, { ...partner, roles: ['finance'] }] });
  expect(b.status).toBe(202);
  // Visibility is eventually consistent: wait until an all-seeing key lists both.
  await eventually(async () => {
    const all = await h.api().get(`/api/projects?productGroup=${productGroup}`);
    return all.body.items?.length === 2;
  });
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

const listed = async (key: string, query = '') => {
  const response = await h.api(key).get(`/api/projects?productGroup=${productGroup}${query}`);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id);
};

test('each organisation reads its own project and gets the 404 of a missing project for the other', async () => {
  const missing = await h.api(KEY_A).get(`/api/projects/${uniqueId('never-created')}`);
  expect(missing.status).toBe(404);

  for (const [key, own, other] of [
    [KEY_A, projectA, projectB],
    [KEY_B, projectB, projectA],
  ] as const) {
    expect((await h.api(key).get(`/api/projects/${own}`)).status).toBe(200);
    const foreign = await h.api(key).get(`/api/projects/${other}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(JSON.stringify(foreign.body)).not.toContain(other);
  }
});

test("every route of another organisation's project answers 404 and changes nothing", async () => {
  const attempts = [
    h.api(KEY_A).get(`/api/projects/${projectB}/audit`),
    h.api(KEY_A).post(`/api/projects/${projectB}/cancel`).send({ reason: 'not ours to cancel, surely' }),
    h.api(KEY_A).post(`/api/projects/${projectB}/submissions/circular-need`).send({}),
    h.api(KEY_A).patch(`/api/projects/${projectB}/approval-settings`).send({ reminderIntervalDays: 3 }),
  ];
  for (const response of await Promise.all(attempts)) {
    // A body that is invalid anyway gets its 400 (which says nothing about the project); the rest 404.
    expect([400, 404]).toContain(response.status);
    expect(JSON.stringify(response.body)).not.toContain(orgB);
  }
  expect((await attempts[0])?.status).toBe(404);
  expect((await attempts[1])?.status).toBe(404);
  const b = await h.api(KEY_B).get(`/api/projects/${projectB}`);
  expect(b.body.status).toBe('awaiting-submission');
});

test("a list never shows another organisation's project, even when filtered by its organisation", async () => {
  expect(await listed(KEY_A)).toEqual([projectA]);
  expect(await listed(KEY_B)).toEqual([projectB]);
  expect(await listed(KEY_A, `&organisation=${encodeURIComponent(orgB)}`)).toEqual([]);
  expect(await listed(KEY_B, `&organisation=${encodeURIComponent(orgA)}`)).toEqual([]);
});

test("the case file of another organisation's project answers the same 404: list, upload, download, export", async () => {
  const missing = await h.api(KEY_A).get(`/api/projects/${uniqueId('never-created')}/documents`);
  expect(missing.status).toBe(404);
  expect((await h.api(KEY_B).get(`/api/projects/${projectB}/documents`)).status).toBe(200);
  expect((await h.api(KEY_B).get(`/api/projects/${projectB}/export.csv`)).status).toBe(200);
  const foreign = [
    await h.api(KEY_A).get(`/api/projects/${projectB}/documents`),
    await h
      .api(KEY_A)
      .post(`/api/projects/${projectB}/documents?kind=tender-documents&name=bestek.txt`)
      .set('content-type', 'text/plain')
      .send('Bestek'),
    await h.api(KEY_A).get(`/api/projects/${projectB}/documents/${'0'.repeat(64)}`),
    await h.api(KEY_A).get(`/api/projects/${projectB}/export.pdf`),
    await h.api(KEY_A).get(`/api/projects/${projectB}/export.csv`),
  ];
  for (const response of foreign) {
    expect(response.status).toBe(404);
    expect(response.body).toEqual(missing.body);
  }
  expect((await h.api(KEY_B).get(`/api/projects/${projectB}/documents`)).body.items).toEqual([]);
});

test('a person of another organisation sees the project they have a part in, and no other', async () => {
  expect((await h.api(PARTNER_KEY).get(`/api/projects/${projectB}`)).status).toBe(200);
  expect((await h.api(PARTNER_KEY).get(`/api/projects/${projectA}`)).status).toBe(404);
  expect(await listed(PARTNER_KEY)).toEqual([projectB]);
});

test('a key may not start a project of an organisation that is not one of its own', async () => {
  const response = await h
    .api(KEY_A)
    .post('/api/projects')
    .send(sampleProject(uniqueId('scope-foreign'), { organisation: orgB, productGroup }));
  expect(response.status).toBe(403);
  expect(response.body.message).toContain(orgB);
});

test('someone a decision is handed to sees the project from then on (the workflow keeps Participants current)', async () => {
  expect((await h.api(DELEGATE_KEY).get(`/api/projects/${projectB}`)).status).toBe(404);
  const submitted = await h
    .api(KEY_B)
    .post(`/api/projects/${projectB}/submissions/circular-need`)
    .send(sampleNeed);
  expect(submitted.status).toBe(200);
  const handedOver = await h
    .api(personalKey(samplePeople.purchaser.email))
    .post(`/api/projects/${projectB}/delegations`)
    .send({ to: delegate, comment: 'Dario knows this market better' });
  expect(handedOver.status).toBe(200);
  // The workflow upserts the search attribute; visibility follows shortly.
  await eventually(async () => (await h.api(DELEGATE_KEY).get(`/api/projects/${projectB}`)).status === 200);
  await eventually(async () => (await listed(DELEGATE_KEY)).includes(projectB));
  expect(await listed(DELEGATE_KEY)).toEqual([projectB]);
});
