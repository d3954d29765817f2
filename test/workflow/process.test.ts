/**
 * The seven-step process against the real stack (dev server, worker, SMTP capture, API): the full
 * path, the no-purchase path, cancellation, search attributes and current details, who approves,
 * and step 3. Approval rounds in all their forms are in approval-rounds.test.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  sampleAmbitions,
  sampleEvaluation,
  sampleMarketDialogue,
  sampleNoPurchaseNeed,
  sampleRefurbishNeed,
  sampleSkippedDialogue,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import { resolveTemporalBinary } from '../../dev/temporal-binaries';
import { workflowIdFor } from '../../domain/project';
import { approvalSettings } from '../../domain/schemas';
import { cancelSignal } from '../../workflows/messages';
import { CODE_GENERATION } from '../../workflows/procurement/patches';
import {
  type Harness,
  OFFICER_KEY,
  devServerEnvironment,
  eventually,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  auditOf,
  createProject,
  decide,
  getProject,
  mailsFor,
  people,
  sampleDeliverable,
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

const { requester, internalClient: bram, purchaser: chloe, manager: dirk, csr: eva } = people;
const { legal: femke, finance: geert, logistics: hanne, contractManager: ilse } = people;

/** `temporal workflow list --query …` with the real CLI, as an operator would run it. */
async function cliList(query: string): Promise<string[]> {
  const { executable } = await resolveTemporalBinary('cli');
  if (executable.type !== 'existing-path') throw new Error('the Temporal CLI is not installed locally');
  const { stdout } = await promisify(execFile)(executable.path, [
    'workflow',
    'list',
    '--address',
    env.address,
    '--query',
    query,
    '--output',
    'json',
  ]);
  return (JSON.parse(stdout) as { execution: { workflowId: string } }[]).map(
    (row) => row.execution.workflowId,
  );
}

const decidedBy = (audit: { kind: string; actor: string }[], email: string) =>
  audit.filter((entry) => entry.kind === 'decided' && entry.actor === email);

describe('the whole process', () => {
  test('a project goes from need to evaluation through the API under several policies, and its lessons reach the next project of its group', async () => {
    const id = uniqueId('full');
    const group = uniqueId('chairs');
    await createProject(h, id, {
      productGroup: group,
      approvals: approvalSettings.parse({
        gates: {
          'circular-ambitions': { policy: { rule: 'any' } },
          'tender-documents': { policy: { rule: 'quorum', quorum: 3 } },
          award: { policy: { rule: 'all', sequential: true } },
        },
      }),
    });

    // 1. Need: all of the internal client and purchasing approve.
    expect((await submit(h, id, 'circular-need')).approvers).toEqual([bram.email, chloe.email]);
    expect(await approveRound(h, id)).toEqual([bram.email, chloe.email]);

    // 2. Ambitions: any one of management and CSR is enough; the other is too late.
    expect((await submit(h, id, 'circular-ambitions')).approvers).toEqual([dirk.email, eva.email]);
    expect((await decide(h, id, eva.email)).body).toMatchObject({ roundStatus: 'approved' });
    const late = await decide(h, id, dirk.email, { gate: 'circular-ambitions', decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('round 1 is closed (approved)');

    // 3. Market dialogue: purchasing and legal.
    expect((await submit(h, id, 'market-dialogue')).approvers).toEqual([chloe.email, femke.email]);
    await approveRound(h, id);

    // 4a. Tender documents: 3 of 4 — one request for changes does not stop it.
    expect((await submit(h, id, 'tender-documents')).approvers).toEqual([
      dirk.email,
      chloe.email,
      femke.email,
      geert.email,
    ]);
    const listed = await eventually(async () => {
      for await (const execution of h.client.workflow.list({
        query: `ProcurementStep = 'specify-and-award' AND WorkflowId = '${workflowIdFor(id)}'`,
      }))
        return execution.workflowId;
      return undefined;
    });
    expect(listed).toBe(workflowIdFor(id));
    expect(await cliList(`ProcurementStep='specify-and-award' AND ProductGroup='${group}'`)).toEqual([
      workflowIdFor(id),
    ]);
    expect((await decide(h, id, dirk.email)).body.roundStatus).toBe('open');
    const dissent = await decide(h, id, chloe.email, {
      decision: 'request-changes',
      comment: 'add a repair KPI',
    });
    expect(dissent.body.roundStatus).toBe('open');
    expect((await decide(h, id, femke.email)).body.roundStatus).toBe('open');
    expect((await decide(h, id, geert.email)).body).toMatchObject({ roundStatus: 'approved' });
    expect((await getProject(h, id)).gate).toBe('award');
    // The outcome mail says what happens next: still step 4, now the award proposal.
    const [approvedTender] = await h.mail.waitFor(
      (m) =>
        m.messageId?.includes(`<cpo.${id}.tender-documents.`) === true &&
        m.messageId.includes('.round-outcome.'),
    );
    expect(approvedTender?.text).toMatch(
      /Volgende inzending: het gunningsvoorstel|Next to submit: the award proposal/,
    );

    // 4b. Award: all four, one at a time in order.
    await submit(h, id, 'award');
    expect((await getProject(h, id)).pendingApprovers).toEqual([dirk.email]);
    expect(await approveRound(h, id)).toEqual([dirk.email, chloe.email, femke.email, geert.email]);

    // 5. Use and execution: the contract runs; the history of the whole 1 → 5 run stays small.
    const inContract = await getProject(h, id);
    expect(inContract).toMatchObject({ step: 'use-and-execution', status: 'in-contract' });
    expect(inContract.contract.manager.email).toBe(ilse.email);
    const inUse = await eventually(async () => {
      const response = await h.api().get(`/api/projects?productGroup=${group}&step=use-and-execution`);
      return response.body.items.find((item: { id: string }) => item.id === id);
    });
    expect(inUse).toMatchObject({
      status: 'in-contract',
      contractEndDate: inContract.contract.end,
      pendingApprovers: [],
    });
    const historyLength = await settledHistoryLength(h, id);
    process.stderr.write(`[process.test] history of a full 1 → 5 run: ${historyLength} events\n`);
    expect(historyLength).toBeLessThan(1000);
    await eventually(async () => {
      const it = h.client.workflow.list({
        query: `ProcurementStep = 'specify-and-award' AND WorkflowId = '${workflowIdFor(id)}'`,
      });
      for await (const _ of it) return false;
      return true;
    });
    const ended = await h
      .api()
      .post(`/api/projects/${id}/end-of-use`)
      .send({ reason: 'The furniture is worn out early.' });
    expect(ended.status).toBe(200);

    // 6. End of use: logistics and finance. 7. Evaluate: purchasing and CSR.
    expect((await submit(h, id, 'end-of-use')).approvers).toEqual([geert.email, hanne.email]);
    await approveRound(h, id);
    // The evaluation covers every objective of step 2 and every internal actor, or it is refused.
    const partial = await h
      .api()
      .post(`/api/projects/${id}/submissions/evaluate`)
      .send({
        ...sampleEvaluation,
        indicatorValues: sampleEvaluation.indicatorValues.slice(0, 1),
        evaluatedWith: [],
      });
    expect(partial.status).toBe(422);
    expect(partial.body.message).toContain(
      'indicatorValues: measure "share of items reused after first use" (enable-reuse) at the end',
    );
    expect(partial.body.message).toContain('evaluatedWith: evaluate with every internal actor of step 2');
    expect((await submit(h, id, 'evaluate')).approvers).toEqual([eva.email, chloe.email]);
    await approveRound(h, id);

    const done = await getProject(h, id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'completed', step: 'evaluate' });
    expect(await handleOf(id).result()).toEqual({ projectId: id, outcome: 'completed', step: 'evaluate' });
    const audit = await auditOf(h, id);
    expect(audit.filter((e) => e.kind === 'decided')).toHaveLength(2 + 1 + 2 + 4 + 4 + 2 + 2);
    await waitForMail(h, id, 'project-closed', requester.email);

    // A run of this code records one patch marker, its code generation, not one per patch (each
    // with a TemporalChangeVersion upsert, a visibility write) — workflows/procurement/patches.ts.
    const events = (await handleOf(id).fetchHistory()).events ?? [];
    const patchMarkers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
    const versionUpserts = events.flatMap((e) => {
      const value =
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields
          ?.TemporalChangeVersion;
      return value?.data ? [JSON.parse(Buffer.from(value.data).toString('utf8')) as string[]] : [];
    });
    expect(patchMarkers).toHaveLength(1);
    expect(versionUpserts).toEqual([[CODE_GENERATION]]);

    const lessons = await eventually(async () => {
      const response = await h.api().get(`/api/product-groups/${group}/lessons`);
      return response.body.lessons.length > 0 ? response.body.lessons : undefined;
    });
    expect(lessons).toEqual([
      expect.objectContaining({ projectId: id, outcome: 'completed', lessons: sampleEvaluation.lessons }),
    ]);

    const next = uniqueId('next');
    await createProject(h, next, { productGroup: group });
    const shown = await eventually(async () => {
      const project = await getProject(h, next);
      return project.earlierLessons.length > 0 ? project.earlierLessons : undefined;
    });
    expect(shown).toEqual([expect.objectContaining({ projectId: id, lessons: sampleEvaluation.lessons })]);
    expect((await auditOf(h, next)).map((e) => e.kind)).toContain('lessons-shown');
  });

  test('an approved "no purchase" goes straight to evaluation and the project ends as purchase avoided', async () => {
    const id = uniqueId('nopurchase');
    await createProject(h, id, { productGroup: uniqueId('avoided') });
    await submit(h, id, 'circular-need', sampleNoPurchaseNeed);
    await approveRound(h, id);
    const skipped = await getProject(h, id);
    expect(skipped).toMatchObject({ step: 'evaluate', gate: 'evaluate', status: 'awaiting-submission' });
    const entered = (await auditOf(h, id)).filter((e) => e.kind === 'step-entered');
    expect(entered.at(-1)?.comment).toMatch(/no purchase: reuse instead/);
    await submit(h, id, 'evaluate');
    await approveRound(h, id);
    expect(await getProject(h, id)).toMatchObject({
      status: 'purchase-avoided',
      outcome: 'purchase-avoided',
    });
    expect(await handleOf(id).result()).toMatchObject({ outcome: 'purchase-avoided' });
  });
});

describe('refurbishing what exists', () => {
  test('is a purchase of a service: step 2 follows, a tender for a product is refused with the reason, and the tender names the inventory', async () => {
    const id = uniqueId('refurbish');
    await createProject(h, id);
    await submit(h, id, 'circular-need', sampleRefurbishNeed);
    await approveRound(h, id);
    expect(await getProject(h, id)).toMatchObject({ step: 'circular-ambitions' });
    await advanceTo(h, id, 'tender-documents');
    const tender = sampleDeliverable('tender-documents') as { scope: { kind: string } };
    const product = await h
      .api(OFFICER_KEY)
      .post(`/api/projects/${id}/submissions/tender-documents`)
      .send({ ...tender, scope: { ...tender.scope, kind: 'product' } });
    expect(product.status).toBe(422);
    expect(JSON.stringify(product.body)).toMatch(
      /scope\.kind: step 1 chose to refurbish the existing inventory, which is a service/,
    );
    await submit(h, id, 'tender-documents', { ...tender, scope: { ...tender.scope, kind: 'service' } });
    const project = await getProject(h, id);
    expect(project).toMatchObject({ status: 'awaiting-approval', gate: 'tender-documents' });
    // The approvers read what the tender is about: the inventory step 1 recorded.
    expect(project.currentRound?.digest.nl).toContain(
      'Voorwerp: de bestaande inventaris opknappen: office chairs ×250, te herstellen (old city office and depot); desks ×80, bruikbaar (depot and partner OCMW)',
    );
  });
});

describe('cancellation', () => {
  test('cancelling records the reason, closes the project and tells the approvers still pending', async () => {
    const id = uniqueId('cancel');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    await decide(h, id, bram.email);
    const cancelled = await h
      .api()
      .post(`/api/projects/${id}/cancel`)
      .send({ reason: 'Budget withdrawn by the council' });
    expect(cancelled.status).toBe(202);

    expect(await handleOf(id).result()).toEqual({
      projectId: id,
      outcome: 'cancelled',
      step: 'circular-need',
    });
    const project = await getProject(h, id);
    expect(project).toMatchObject({
      status: 'cancelled',
      outcome: 'cancelled',
      cancellation: { reason: 'Budget withdrawn by the council', by: requester.email },
      pendingApprovers: [],
    });
    expect(project.rounds[0].status).toBe('cancelled');
    expect((await auditOf(h, id)).find((e) => e.kind === 'cancelled')).toMatchObject({
      actor: requester.email,
      comment: 'Budget withdrawn by the council',
    });
    const [told] = await waitForMail(h, id, 'round-outcome', chloe.email);
    expect(told?.text).toMatch(/was cancelled: you no longer need to decide/);
    expect(mailsFor(h, id, 'round-outcome', bram.email)).toHaveLength(0);
    const [closed] = await waitForMail(h, id, 'project-closed', requester.email);
    expect(closed?.text).toContain('Budget withdrawn by the council');

    const late = await decide(h, id, chloe.email);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/closed|cancelled/);
  });
});

describe('cancellation without a reason', () => {
  test('a cancel signal without a reason (sent past the API, e.g. from the Temporal UI) is ignored and noted', async () => {
    const id = uniqueId('cancel-bare');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await handleOf(id).signal(cancelSignal, { reason: '  ', by: requester.email });
    const ignored = await eventually(async () =>
      (await auditOf(h, id)).find((e) => e.kind === 'signal-ignored'),
    );
    expect(ignored).toMatchObject({
      actor: requester.email,
      comment: expect.stringMatching(/^cancel ignored: reason: /),
    });
    expect(await getProject(h, id)).toMatchObject({
      status: 'awaiting-approval',
      pendingApprovers: [bram.email, chloe.email],
    });
    expect((await handleOf(id).describe()).status.name).toBe('RUNNING');
  });
});

describe('visibility', () => {
  test('the pending approver, status and step filters follow the round', async () => {
    const id = uniqueId('visible');
    const group = uniqueId('lamps');
    await createProject(h, id, { productGroup: group });
    await submit(h, id, 'circular-need');
    const ids = async (query: string): Promise<string[]> => {
      const response = await h.api().get(`/api/projects?productGroup=${group}&${query}`);
      return response.body.items.map((item: { id: string }) => item.id);
    };
    const has = (query: string) => eventually(async () => (await ids(query)).includes(id));
    const hasNot = (query: string) => eventually(async () => !(await ids(query)).includes(id));

    await has(`pendingApprover=${bram.email}`);
    await has(`pendingApprover=${chloe.email}`);
    await has('status=awaiting-approval&step=circular-need');
    await decide(h, id, bram.email);
    await hasNot(`pendingApprover=${bram.email}`);
    await has(`pendingApprover=${chloe.email}`);
    await decide(h, id, chloe.email);
    await hasNot(`pendingApprover=${chloe.email}`);
    await has('status=awaiting-submission&step=circular-ambitions');
    await hasNot('status=awaiting-approval');
    const [item] = (await h.api().get(`/api/projects?productGroup=${group}&organisation=Stad%20Gent`)).body
      .items;
    expect(item).toMatchObject({ id, organisation: 'Stad Gent', productGroup: group, running: true });
    expect(await ids('organisation=Elsewhere')).toEqual([]);
  });

  test('timers and mail activities carry summaries, so the history reads like a case file', async () => {
    const id = uniqueId('summaries');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await waitForMail(h, id, 'approval-request', chloe.email);
    const summaries = await eventually(async () => {
      const events = (await handleOf(id).fetchHistory()).events ?? [];
      const found = events.flatMap((event) => {
        const data = event.userMetadata?.summary?.data;
        return data ? [JSON.parse(Buffer.from(data).toString('utf8')) as string] : [];
      });
      return found.some((summary) => summary.startsWith('reminder')) ? found : undefined;
    });
    expect(summaries).toEqual(
      expect.arrayContaining([
        // One activity for both requests (patch batched-mail), naming each recipient.
        `approval-request → ${bram.email}, ${chloe.email}`,
        'reminder 1 · circular-need round 1',
      ]),
    );
  });

  test('the current details name the gate, the policy and the approvers still pending', async () => {
    const id = uniqueId('details');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    const details = async (): Promise<string> => {
      const metadata = await handleOf(id).query<{ currentDetails: string }>('__temporal_workflow_metadata');
      return metadata.currentDetails;
    };
    const first = await details();
    expect(first).toContain('**1. Circular need** · awaiting-approval');
    expect(first).toContain(
      'Waiting for approval of **Circular need**, round 1 (all must approve; 0/2 so far)',
    );
    expect(first).toContain(`From: Bram De Smet <${bram.email}>, Chloé Martin <${chloe.email}>`);
    await decide(h, id, bram.email);
    const second = await details();
    expect(second).toContain('(all must approve; 1/2 so far)');
    expect(second).toContain(`From: Chloé Martin <${chloe.email}>`);
    expect(second).not.toContain(bram.email);
  });
});

describe('who approves', () => {
  test('the internal actors named in step 2 become the default approvers of later steps', async () => {
    const id = uniqueId('team');
    await createProject(h, id);
    await submit(h, id, 'circular-need');
    await approveRound(h, id);
    const actors = [
      { ...dirk, roles: ['management'] },
      { ...eva, roles: ['csr-manager'] },
      { ...hanne, roles: ['purchasing-team', 'legal'] },
    ];
    await submit(h, id, 'circular-ambitions', { ...sampleAmbitions, internalActors: actors });
    await approveRound(h, id);
    expect((await submit(h, id, 'market-dialogue')).approvers).toEqual([hanne.email]);
    const team = (await getProject(h, id)).team.map((m: { email: string; roles: string[] }) => [
      m.email,
      m.roles,
    ]);
    expect(team).toEqual(
      expect.arrayContaining([
        [hanne.email, ['purchasing-team', 'legal', 'logistics']],
        [bram.email, ['internal-client']],
        [geert.email, ['finance']],
      ]),
    );
    expect(team.map(([email]: [string]) => email)).not.toContain(chloe.email);
  });

  test('a per-gate override names other approvers for one gate only', async () => {
    const id = uniqueId('override');
    await createProject(h, id, {
      approvals: approvalSettings.parse({ gates: { 'circular-need': { approvers: [ilse] } } }),
    });
    expect((await submit(h, id, 'circular-need')).approvers).toEqual([ilse.email]);
    await approveRound(h, id);
    expect((await submit(h, id, 'circular-ambitions')).approvers).toEqual([dirk.email, eva.email]);
  });
});

describe('step 3', () => {
  test('a skipped market dialogue needs management approval: management joins the round', async () => {
    const id = uniqueId('skip');
    await createProject(h, id);
    await advanceTo(h, id, 'market-dialogue');
    expect((await submit(h, id, 'market-dialogue', sampleMarketDialogue)).approvers).toEqual([
      chloe.email,
      femke.email,
    ]);
    const skipped = await submit(h, id, 'market-dialogue', sampleSkippedDialogue);
    expect(skipped).toMatchObject({ round: 2, supersededRound: 1 });
    expect(skipped.approvers).toContain(dirk.email);
    expect([...skipped.approvers].sort()).toEqual([chloe.email, dirk.email, femke.email].sort());
    expect((await getProject(h, id)).pendingApprovers).toContain(dirk.email);
    await approveRound(h, id);
    expect(decidedBy(await auditOf(h, id), dirk.email).at(-1)).toMatchObject({
      gate: 'market-dialogue',
      round: 2,
    });
    expect(await getProject(h, id)).toMatchObject({ step: 'specify-and-award', gate: 'tender-documents' });
    expect((await submit(h, id, 'tender-documents', sampleTenderDocuments)).approvers).toHaveLength(4);
  });
});
