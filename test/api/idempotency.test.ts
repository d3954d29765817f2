/**
 * Idempotency-Key on every route that changes something: a retry with the same key changes
 * nothing and answers what the first request did; keys belong to the person behind the API key;
 * a bad key is a 400. Also: the project's creation is recorded as done by the API key's owner.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleProject } from '../../dev/sample-project';
import { type Harness, devServerEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import {
  type AuditRow,
  auditOf,
  createProject,
  keyOf,
  people,
  sampleDeliverable,
  submit,
  uniqueId,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)));
afterAll(() => stopFileHarness(h, env));

const { internalClient: bram, purchaser: chloe } = people;
const count = (audit: AuditRow[], kind: string) => audit.filter((entry) => entry.kind === kind).length;

/** A keyed POST as a person (the requester holds the officer key). */
function post(path: string, body: object, key: string, email = people.requester.email) {
  return h.api(keyOf(email)).post(path).set('Idempotency-Key', key).send(body);
}

describe('a retried update', () => {
  test('the same submission sent twice with one key is recorded once and answers the same body', async () => {
    const id = uniqueId('idem-submit');
    await createProject(h, id);
    const key = randomUUID();
    const path = `/api/projects/${id}/submissions/circular-need`;
    const first = await post(path, sampleDeliverable('circular-need') as object, key);
    const second = await post(path, sampleDeliverable('circular-need') as object, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const audit = await auditOf(h, id);
    expect(count(audit, 'submitted')).toBe(1);
    expect(count(audit, 'round-opened')).toBe(1);
  });

  test('without a key the same submission opens a second round (the key is what makes a retry safe)', async () => {
    const id = uniqueId('idem-nokey');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const again = await submit(h, id, 'circular-need');
    expect(again).toMatchObject({ round: 2, supersededRound: 1 });
  });

  test('a decision retried with its key answers the first outcome instead of "already decided"', async () => {
    const id = uniqueId('idem-decide');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const key = randomUUID();
    const first = await post(`/api/projects/${id}/decisions`, { decision: 'approve' }, key, bram.email);
    const retry = await post(`/api/projects/${id}/decisions`, { decision: 'approve' }, key, bram.email);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(count(await auditOf(h, id), 'decided')).toBe(1);
  });

  test("one person's key is not another's: the same key from two approvers records two decisions", async () => {
    const id = uniqueId('idem-scope');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const key = 'shared-key-0001';
    const byBram = await post(`/api/projects/${id}/decisions`, { decision: 'approve' }, key, bram.email);
    const byChloe = await post(`/api/projects/${id}/decisions`, { decision: 'approve' }, key, chloe.email);
    expect([byBram.status, byChloe.status]).toEqual([200, 200]);
    const decided = (await auditOf(h, id)).filter((entry) => entry.kind === 'decided');
    expect(decided.map((entry) => entry.actor).sort()).toEqual([bram.email, chloe.email]);
  });
});

describe('a retried signal', () => {
  test('a cancellation sent twice with one key is recorded once, and its retry after the end still answers 202', async () => {
    const id = uniqueId('idem-cancel');
    await createProject(h, id);
    const key = randomUUID();
    const body = { reason: 'the budget was cut' };
    const first = await post(`/api/projects/${id}/cancel`, body, key);
    const second = await post(`/api/projects/${id}/cancel`, body, key);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body).toEqual(first.body);
    await h.client.workflow.getHandle(`procurement-${id}`).result();
    const afterTheEnd = await post(`/api/projects/${id}/cancel`, body, key);
    expect(afterTheEnd.status).toBe(202);
    expect(count(await auditOf(h, id), 'cancelled')).toBe(1);
  });

  test('an async decision sent twice with one key is recorded once', async () => {
    const id = uniqueId('idem-async');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const key = randomUUID();
    const body = { decision: 'approve', mode: 'async' };
    const first = await post(`/api/projects/${id}/decisions`, body, key, bram.email);
    const second = await post(`/api/projects/${id}/decisions`, body, key, bram.email);
    expect([first.status, second.status]).toEqual([202, 202]);
    // An update after both signals is handled after them: a second signal would show by then (as ignored).
    const later = await post(
      `/api/projects/${id}/decisions`,
      { decision: 'approve' },
      randomUUID(),
      chloe.email,
    );
    expect(later.status).toBe(200);
    const audit = await auditOf(h, id);
    expect(audit.filter((entry) => entry.kind === 'decided').map((entry) => entry.actor)).toEqual([
      bram.email,
      chloe.email,
    ]);
    expect(count(audit, 'signal-ignored')).toBe(0);
  });
});

describe('a retried creation', () => {
  test('the same request with the same key answers the same 202, and the project is created once', async () => {
    const id = uniqueId('idem-create');
    const key = randomUUID();
    const first = await post('/api/projects', sampleProject(id), key);
    const second = await post('/api/projects', sampleProject(id), key);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.body).toEqual(first.body);
    expect(count(await auditOf(h, id), 'project-created')).toBe(1);
  });

  test('the same key with another body answers 422 and changes nothing', async () => {
    const id = uniqueId('idem-create-other');
    const key = randomUUID();
    await post('/api/projects', sampleProject(id), key);
    const other = await post('/api/projects', sampleProject(id, { title: 'Another title' }), key);
    expect(other.status).toBe(422);
    expect(other.body.message).toBe(
      `this Idempotency-Key created project "${id}" with another body: use a new key for a new request`,
    );
    expect((await h.api().get(`/api/projects/${id}`)).body.title).toBe(sampleProject(id).title);
  });

  test('another key for an existing project answers 409, as without a key', async () => {
    const id = uniqueId('idem-create-409');
    await post('/api/projects', sampleProject(id), randomUUID());
    const again = await post('/api/projects', sampleProject(id), randomUUID());
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('a project with this id already exists');
  });
});

describe('a bad key', () => {
  test.each([
    ['empty', ''],
    ['longer than 200 characters', 'k'.repeat(201)],
    ['with a control character (tab)', 'retry\t1'],
    ['not ASCII', 'clé-1'],
  ])('%s answers 400 naming the header, and nothing happens', async (_what, key) => {
    const id = uniqueId('idem-bad');
    const response = await post('/api/projects', sampleProject(id), key);
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      'headers.idempotency-key: use 1 to 200 printable ASCII characters (no control characters)',
    ]);
    expect((await h.api().get(`/api/projects/${id}`)).status).toBe(404);
  });
});

describe('who created a project', () => {
  // The API sends `createdBy` in the workflow input; the workflow does not read it yet (to be wired
  // in workflows/procurement/context.ts). Turn this into `test` when it does.
  test('the project-created entry names the owner of the API key, not the requester in the body', async () => {
    const id = uniqueId('created-by');
    const response = await h
      .api()
      .post('/api/projects')
      .send(sampleProject(id, { requester: { name: bram.name, email: bram.email } }));
    expect(response.status).toBe(202);
    const [created] = await auditOf(h, id);
    expect(created).toMatchObject({
      kind: 'project-created',
      actor: people.requester.email,
      channel: 'api',
    });
  });
});
