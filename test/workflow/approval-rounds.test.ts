/**
 * Approval rounds against the real stack (dev server, worker, SMTP capture, API): every approval
 * policy, rework, supersession, delegation, concurrent decisions, decisions through two channels,
 * updates the workflow rejects, and decisions as signals. The whole path is in process.test.ts.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleNeed } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { approvalSettings } from '../../domain/schemas';
import {
  decideUpdate,
  delegateUpdate,
  projectQuery,
  submitDeliverableUpdate,
} from '../../workflows/messages';
import {
  type Harness,
  devServerEnvironment,
  eventually,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import {
  approveRound,
  auditOf,
  createProject,
  decide,
  getProject,
  keyOf,
  mailsFor,
  people,
  settledHistoryLength,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)));
afterAll(() => stopFileHarness(h, env));

const handleOf = (id: string): WorkflowHandle => h.client.workflow.getHandle(workflowIdFor(id));

const { requester, internalClient: bram, purchaser: chloe, csr: eva } = people;
const { contractManager: ilse } = people;

const decidedBy = (audit: { kind: string; actor: string }[], email: string) =>
  audit.filter((entry) => entry.kind === 'decided' && entry.actor === email);

describe('approval policies', () => {
  test('under "all" the round waits for every approver, and the last approval moves the project on', async () => {
    const id = uniqueId('all');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', bram.email);
    await waitForMail(h, id, 'approval-request', chloe.email);
    const first = await decide(h, id, bram.email);
    expect(first.body).toMatchObject({ roundStatus: 'open', projectStatus: 'awaiting-approval' });
    expect((await getProject(h, id)).pendingApprovers).toEqual([chloe.email]);
    const last = await decide(h, id, chloe.email);
    expect(last.body).toMatchObject({ roundStatus: 'approved', projectStatus: 'awaiting-submission' });
    expect(await getProject(h, id)).toMatchObject({ step: 'circular-ambitions', gate: 'circular-ambitions' });
    const [outcome] = await waitForMail(h, id, 'round-outcome', requester.email);
    expect(outcome?.subject).toMatch(/goedgekeurd/);
  });

  test('under "any" (set at creation) the first approval decides and a later decision answers 409', async () => {
    const id = uniqueId('any');
    await createProject(h, id, { approvals: approvalSettings.parse({ policy: { rule: 'any' } }) });
    await submit(h, id, 'circular-need');
    expect((await decide(h, id, chloe.email)).body).toMatchObject({ roundStatus: 'approved' });
    const late = await decide(h, id, bram.email, { gate: 'circular-need', round: 1, decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/round 1 is closed \(approved\)/);
    expect(decidedBy(await auditOf(h, id), bram.email)).toHaveLength(0);
  });

  test('a quorum of 2 of 3 (set by PATCH approval-settings) survives one rejection and closes on the second approval', async () => {
    const id = uniqueId('quorum');
    await createProject(h, id);
    const patched = await h
      .api()
      .patch(`/api/projects/${id}/approval-settings`)
      .send({
        gates: { 'circular-need': { approvers: [bram, chloe, eva], policy: { rule: 'quorum', quorum: 2 } } },
      });
    expect(patched.status).toBe(200);
    expect(patched.body.gates['circular-need'].policy).toEqual({
      rule: 'quorum',
      quorum: 2,
      sequential: false,
    });
    expect((await submit(h, id, 'circular-need')).approvers).toEqual([bram.email, chloe.email, eva.email]);
    const no = await decide(h, id, bram.email, { decision: 'reject', comment: 'too expensive' });
    expect(no.body.roundStatus).toBe('open');
    expect((await decide(h, id, eva.email)).body.roundStatus).toBe('open');
    expect((await decide(h, id, chloe.email)).body.roundStatus).toBe('approved');
    expect((await auditOf(h, id)).map((e) => e.kind)).toContain('settings-changed');
  });

  test('a quorum out of reach ends the round as rejected; a quorum above the approvers is refused at submission', async () => {
    const id = uniqueId('quorum-fail');
    await createProject(h, id, {
      approvals: approvalSettings.parse({ policy: { rule: 'quorum', quorum: 2 } }),
    });
    await submit(h, id, 'circular-need');
    const rejected = await decide(h, id, bram.email, { decision: 'reject', comment: 'not needed' });
    expect(rejected.body).toMatchObject({ roundStatus: 'rejected', projectStatus: 'changes-requested' });

    const patched = await h
      .api()
      .patch(`/api/projects/${id}/approval-settings`)
      .send({ policy: { rule: 'quorum', quorum: 3 } });
    expect(patched.status).toBe(200);
    const refused = await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('quorum 3 is more than the 2 approvers of circular-need');
  });

  test('a sequential round asks one person at a time: only the current person decides, the next is mailed on their turn', async () => {
    const id = uniqueId('sequential');
    await createProject(h, id, { approvals: approvalSettings.parse({ policy: { sequential: true } }) });
    await submit(h, id, 'circular-need');
    expect((await getProject(h, id)).pendingApprovers).toEqual([bram.email]);
    await waitForMail(h, id, 'approval-request', bram.email);
    const early = await decide(h, id, chloe.email);
    expect(early.status).toBe(409);
    expect(early.body.message).toBe(`this round is sequential: waiting for ${bram.email} first`);
    const requested = (await auditOf(h, id)).filter((e) => e.kind === 'approval-requested');
    expect(requested.map((e) => e.details?.to)).toEqual([bram.email]);
    expect(mailsFor(h, id, 'approval-request', chloe.email)).toHaveLength(0);

    const bramDecidedAt = Date.now();
    expect((await decide(h, id, bram.email)).body.roundStatus).toBe('open');
    const [turn] = await waitForMail(h, id, 'approval-request', chloe.email);
    expect(Date.parse(turn?.receivedAt ?? '')).toBeGreaterThanOrEqual(bramDecidedAt);
    expect((await decide(h, id, chloe.email)).body.roundStatus).toBe('approved');
  });

  test('a later approver of a sequential round can delegate before their turn; the delegate is asked when it comes', async () => {
    const id = uniqueId('seq-delegate');
    await createProject(h, id, { approvals: approvalSettings.parse({ policy: { sequential: true } }) });
    await submit(h, id, 'circular-need');
    const delegated = await h
      .api(keyOf(chloe.email))
      .post(`/api/projects/${id}/delegations`)
      .send({ to: eva, comment: 'on leave next week' });
    expect(delegated.status).toBe(200);
    expect((await getProject(h, id)).pendingApprovers).toEqual([bram.email]);
    expect((await decide(h, id, eva.email)).status).toBe(409);
    await decide(h, id, bram.email);
    expect((await getProject(h, id)).pendingApprovers).toEqual([eva.email]);
    const [asked] = await waitForMail(h, id, 'approval-request', eva.email);
    expect(asked?.text).toMatch(/Chloé Martin delegated this decision to you/);
    expect((await decide(h, id, eva.email)).body.roundStatus).toBe('approved');
  });
});

describe('rework', () => {
  test('a rejection reopens the step as changes-requested, and the resubmission opens round 2', async () => {
    const id = uniqueId('reject');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const rejected = await decide(h, id, bram.email, {
      decision: 'reject',
      comment: 'Inventory of the depot is missing',
    });
    expect(rejected.body).toMatchObject({ roundStatus: 'rejected', projectStatus: 'changes-requested' });
    expect(await getProject(h, id)).toMatchObject({
      step: 'circular-need',
      gate: 'circular-need',
      status: 'changes-requested',
      pendingApprovers: [],
    });
    const [outcome] = await waitForMail(h, id, 'round-outcome', requester.email);
    expect(outcome?.text).toContain('Inventory of the depot is missing');
    expect((await decide(h, id, chloe.email)).status).toBe(409);

    const again = await submit(h, id, 'circular-need');
    expect(again).toMatchObject({ round: 2, version: 2, approvers: [bram.email, chloe.email] });
    expect(again.supersededRound).toBeUndefined();
    await waitForMail(h, id, 'approval-request', bram.email, 2);
    await waitForMail(h, id, 'approval-request', chloe.email, 2);
    expect(
      mailsFor(h, id, 'approval-request').filter((m) => m.messageId?.includes('.circular-need.r2.')),
    ).toHaveLength(2);
    await approveRound(h, id);
    expect((await getProject(h, id)).step).toBe('circular-ambitions');
  });

  test('a request for changes reopens the step as changes-requested too', async () => {
    const id = uniqueId('changes');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await decide(h, id, bram.email);
    const changes = await decide(h, id, chloe.email, {
      decision: 'request-changes',
      comment: 'Add the wishes',
    });
    expect(changes.body).toMatchObject({
      roundStatus: 'changes-requested',
      projectStatus: 'changes-requested',
    });
    const project = await getProject(h, id);
    expect(project.rounds[0]).toMatchObject({ status: 'changes-requested', number: 1 });
    expect((await submit(h, id, 'circular-need')).round).toBe(2);
  });

  test('resubmitting while a round is open supersedes it: its pending approvers hear it was replaced, and a decision on it answers 409 naming round 2', async () => {
    const id = uniqueId('supersede');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    await decide(h, id, bram.email);
    const again = await submit(h, id, 'circular-need', {
      ...sampleNeed,
      wishes: ['uniform look', 'quiet castors'],
    });
    expect(again).toMatchObject({ round: 2, supersededRound: 1 });
    const [replaced] = await waitForMail(h, id, 'round-replaced', chloe.email);
    expect(replaced?.subject).toMatch(/round 1 → 2/);
    expect(mailsFor(h, id, 'round-replaced', bram.email)).toHaveLength(0);
    const old = await decide(h, id, chloe.email, { gate: 'circular-need', round: 1, decision: 'approve' });
    expect(old.status).toBe(409);
    expect(old.body.message).toBe('round 1 was replaced by round 2');
    const project = await getProject(h, id);
    expect(project.rounds.map((r: { status: string }) => r.status)).toEqual(['superseded', 'open']);
    expect(project.pendingApprovers).toEqual([bram.email, chloe.email]);
  });
});

describe('delegation', () => {
  test('a delegation is recorded, the delegate is asked by mail and decides, and the original approver can no longer decide', async () => {
    const id = uniqueId('delegate');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const delegated = await h
      .api(keyOf(bram.email))
      .post(`/api/projects/${id}/delegations`)
      .send({ to: eva, comment: 'Eva knows the depot inventory' });
    expect(delegated.status).toBe(200);
    expect(delegated.body).toMatchObject({ gate: 'circular-need', round: 1, delegatedTo: eva.email });

    const entry = (await auditOf(h, id)).find((e) => e.kind === 'delegated');
    expect(entry).toMatchObject({
      actor: bram.email,
      channel: 'api',
      comment: 'Eva knows the depot inventory',
      details: { to: eva.email },
    });
    const project = await getProject(h, id);
    expect(project.currentRound.slots[0]).toMatchObject({
      approver: { email: bram.email },
      holder: { email: eva.email },
      delegations: [expect.objectContaining({ from: expect.objectContaining({ email: bram.email }) })],
    });
    expect(project.pendingApprovers).toEqual([eva.email, chloe.email]);
    const [asked] = await waitForMail(h, id, 'approval-request', eva.email);
    expect(asked?.text).toContain('Bram De Smet delegated this decision to you.');

    const original = await decide(h, id, bram.email);
    expect(original.status).toBe(409);
    expect(original.body.message).toBe(`${bram.email} delegated this decision to ${eva.email}`);
    const stranger = await decide(h, id, ilse.email);
    expect(stranger.status).toBe(403);
    expect((await decide(h, id, eva.email)).status).toBe(200);
    expect((await decide(h, id, chloe.email)).body.roundStatus).toBe('approved');
    const audit = await auditOf(h, id);
    expect(decidedBy(audit, eva.email)).toHaveLength(1);
    expect(decidedBy(audit, bram.email)).toHaveLength(0);
  });
});

describe('concurrent decisions', () => {
  test('two approvers deciding at the same moment are both counted, once each', async () => {
    const id = uniqueId('together');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const answers = await Promise.all([decide(h, id, bram.email), decide(h, id, chloe.email)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.roundStatus).sort()).toEqual(['approved', 'open']);
    const audit = await auditOf(h, id);
    expect(decidedBy(audit, bram.email)).toHaveLength(1);
    expect(decidedBy(audit, chloe.email)).toHaveLength(1);
    expect(await getProject(h, id)).toMatchObject({ step: 'circular-ambitions' });
  });

  test('one approver clicking twice at the same moment is counted once; the second click is rejected', async () => {
    const id = uniqueId('twice');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const answers = await Promise.all([decide(h, id, bram.email), decide(h, id, bram.email)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.message).toMatch(/already decided \(approve/);
    expect(decidedBy(await auditOf(h, id), bram.email)).toHaveLength(1);
    const project = await getProject(h, id);
    expect(project.pendingApprovers).toEqual([chloe.email]);
    expect(project.currentRound.slots.filter((s: { decision?: unknown }) => s.decision)).toHaveLength(1);
  });
});

describe('decisions through two channels', () => {
  test('the same approver deciding through a signal and the API at the same moment is counted once', async () => {
    const id = uniqueId('two-channels');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const answers = await Promise.all([
      decide(h, id, bram.email, { decision: 'approve', mode: 'async' }),
      decide(h, id, bram.email, { decision: 'approve' }),
    ]);
    expect(answers[0]?.status).toBe(202);
    const audit = await eventually(async () => {
      const entries = await auditOf(h, id);
      const settled =
        answers[1]?.status === 409 ||
        entries.some((e) => e.kind === 'signal-ignored' && e.actor === bram.email);
      return settled ? entries : undefined;
    });
    expect([200, 409]).toContain(answers[1]?.status);
    expect(decidedBy(audit, bram.email)).toHaveLength(1);
    expect((await getProject(h, id)).pendingApprovers).toEqual([chloe.email]);
  });
});

describe('updates the workflow rejects', () => {
  test('a rejected update leaves both the state and the history unchanged', async () => {
    const id = uniqueId('rejected');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    const handle = handleOf(id);
    const before = await settledHistoryLength(h, id);
    const stateBefore = await handle.query(projectQuery);

    await expect(
      handle.executeUpdate(submitDeliverableUpdate, {
        args: [{ gate: 'award', deliverable: {}, submittedBy: requester.email, channel: 'api' }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const invalid = await handle
      .executeUpdate(submitDeliverableUpdate, {
        args: [
          {
            gate: 'circular-need',
            deliverable: { ...sampleNeed, inventory: [] },
            submittedBy: requester.email,
            channel: 'api',
          },
        ],
      })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((invalid as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'InvalidInput',
      message: expect.stringContaining('inventory: record at least one inventory check'),
    });
    await expect(
      handle.executeUpdate(decideUpdate, {
        args: [{ approver: ilse.email, decision: 'approve', channel: 'api' }],
      }),
    ).rejects.toMatchObject({
      cause: { type: 'NotAllowed', message: `${ilse.email} is not an approver in round 1` },
    });
    expect((await decide(h, id, chloe.email, { round: 7, decision: 'approve' })).status).toBe(409);
    await expect(
      handle.executeUpdate(delegateUpdate, { args: [{ from: bram.email, to: bram, channel: 'api' }] }),
    ).rejects.toMatchObject({ cause: { type: 'WrongState', message: 'you cannot delegate to yourself' } });

    expect((await handle.fetchHistory()).events?.length).toBe(before);
    expect(await handle.query(projectQuery)).toEqual(stateBefore);
  });
});

describe('decisions as signals', () => {
  test('a decision sent as a signal counts when valid; an invalid one is ignored and noted as signal-ignored', async () => {
    const id = uniqueId('signal');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const stranger = await decide(h, id, ilse.email, { decision: 'approve', mode: 'async' });
    expect(stranger.status).toBe(202);
    const valid = await decide(h, id, bram.email, { decision: 'approve', mode: 'async' });
    expect(valid.status).toBe(202);
    const duplicate = await decide(h, id, bram.email, {
      decision: 'reject',
      comment: 'changed my mind',
      mode: 'async',
    });
    expect(duplicate.status).toBe(202);

    const audit = await eventually(async () => {
      const entries = await auditOf(h, id);
      return entries.filter((e) => e.kind === 'signal-ignored').length >= 2 ? entries : undefined;
    });
    const ignored = audit.filter((e) => e.kind === 'signal-ignored');
    expect(ignored).toEqual([
      expect.objectContaining({
        actor: ilse.email,
        channel: 'signal',
        comment: `${ilse.email} is not an approver in round 1`,
      }),
      expect.objectContaining({
        actor: bram.email,
        channel: 'signal',
        comment: expect.stringMatching(/already decided/),
      }),
    ]);
    expect(decidedBy(audit, bram.email)).toEqual([
      expect.objectContaining({ channel: 'signal', details: { decision: 'approve' } }),
    ]);
    const project = await getProject(h, id);
    expect(project).toMatchObject({ status: 'awaiting-approval', pendingApprovers: [chloe.email] });
  });
});
