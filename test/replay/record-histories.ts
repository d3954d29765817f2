/**
 * Records workflow histories for the replay test (test/replay/). Each scenario runs on a
 * time-skipping test server through the real API and worker; the histories are written as JSON
 * under test/fixtures/histories/<folder>/. Keep the folders of earlier code: they are what running
 * projects started under that code look like. Re-record only when a change is *meant* to be incompatible and
 * nothing runs the old code; otherwise guard the change with `patched()` and keep the old files.
 *
 *   npm run record:histories
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDays, addMonths, formatDate } from '../../domain/follow-up';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas';
import { lessonsWorkflowIdFor, workflowIdFor } from '../../domain/project';
import { projectQuery } from '../../workflows/messages';
import { type Harness, personalKey, startHarness, timeSkippingEnvironment } from '../helpers/harness';
import { approveRound, createProject, submit } from '../helpers/project-api';
import {
  sampleAmbitions,
  sampleAward,
  sampleAwardLegalFrame,
  sampleEndOfUse,
  sampleEvaluation,
  sampleNeed,
  sampleNoPurchaseNeed,
  samplePeople,
  sampleProject,
  sampleReview,
  sampleSkippedDialogue,
  sampleTenderDocuments,
} from '../../dev/sample-project';

/** One folder per code generation: `npm run record:histories -- --into <folder>` (default "current"). */
const intoArg = process.argv.indexOf('--into');
const OUT = path.resolve(
  __dirname,
  '..',
  'fixtures',
  'histories',
  intoArg > 0 ? (process.argv[intoArg + 1] ?? 'current') : 'current',
);
/** `--only continued-as-new` records that scenario alone (it takes the longest). */
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const p = samplePeople;

async function save(client: Client, workflowId: string, name: string, runId?: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  await writeFile(path.join(OUT, `${name}.json`), `${historyToJSON(history)}\n`);
  console.log(`recorded ${name}: ${history.events?.length ?? 0} events`);
}

async function expectOk(response: { status: number; body: unknown }, what: string): Promise<void> {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  await Promise.resolve();
}

/** Steps 1 → 7 with rework, a superseding resubmission, delegation, signals, reminders, a deadline and contract changes. */
async function fullLifecycle(
  h: Harness,
  env: Awaited<ReturnType<typeof timeSkippingEnvironment>>,
  productGroup: string,
): Promise<string> {
  const id = 'replay-full-lifecycle';
  const decide = async (who: string, body: object) =>
    expectOk(
      await h.api(personalKey(who)).post(`/api/projects/${id}/decisions`).send(body),
      `decision by ${who}`,
    );
  const submitGate = async (gate: string, body: object) =>
    expectOk(await h.api().post(`/api/projects/${id}/submissions/${gate}`).send(body), `submit ${gate}`);

  await expectOk(
    await h
      .api()
      .post('/api/projects')
      .send(
        sampleProject(id, {
          productGroup,
          approvals: {
            policy: { rule: 'all', sequential: false },
            reminders: { everyHours: 48, escalateAfter: 2 },
            escalationContact: p.manager,
            gates: {
              'tender-documents': { policy: { rule: 'quorum', quorum: 3, sequential: true } },
              'market-dialogue': { deadline: { afterHours: 24 * 7, outcome: 'escalate' } },
            },
          },
        }),
      ),
    'create',
  );
  // Step 1: changes requested, then a resubmission that is itself replaced before anyone decides.
  await submitGate('circular-need', sampleNeed);
  await decide(p.internalClient.email, { decision: 'request-changes', comment: 'Add the depot inventory' });
  await submitGate('circular-need', { ...sampleNeed, wishes: ['depot chairs first'] });
  await submitGate('circular-need', { ...sampleNeed, wishes: ['depot chairs first', 'matching colours'] });
  await decide(p.internalClient.email, { decision: 'approve' });
  await decide(p.purchaser.email, { decision: 'approve' });
  // Step 2: a delegation, an invalid signal (ignored) and a valid one.
  await submitGate('circular-ambitions', sampleAmbitions);
  await expectOk(
    await h
      .api(personalKey(p.csr.email))
      .post(`/api/projects/${id}/delegations`)
      .send({ to: p.finance, comment: 'Geert knows the TCO' }),
    'delegate',
  );
  await decide(p.csr.email, { decision: 'approve', mode: 'async' });
  await decide(p.finance.email, { decision: 'approve', mode: 'async' });
  await decide(p.manager.email, { decision: 'approve' });
  // Step 3: skipped dialogue (management must approve), reminders, escalation, deadline.
  await submitGate('market-dialogue', sampleSkippedDialogue);
  await env.sleep('8 days');
  for (const who of [p.purchaser.email, p.legal.email, p.manager.email])
    await decide(who, { decision: 'approve' });
  // Step 4: quorum 3 of 4 in order, then the award.
  // The first in line decides after 30 hours; the second, asked then, is reminded 48 hours after
  // being asked (before the reminders-per-holder patch: 48 hours after the round opened).
  await submitGate('tender-documents', sampleTenderDocuments);
  await env.sleep('30 hours');
  await decide(p.manager.email, { decision: 'approve' });
  await env.sleep('25 hours');
  for (const who of [p.purchaser.email, p.legal.email]) await decide(who, { decision: 'approve' });
  // The college decided today: the approved award waits for the 15-day standstill (the legal-frame
  // patch), then the contract is concluded and starts five days later.
  const today = formatDate(new Date(await env.currentTimeMs()));
  await submitGate(
    'award',
    sampleAward(addDays(today, 20), addMonths(today, 24), { legalFrame: sampleAwardLegalFrame(today) }),
  );
  for (const who of [p.manager.email, p.purchaser.email, p.legal.email, p.finance.email])
    await decide(who, { decision: 'approve' });
  await env.sleep('16 days');
  // Step 5: a reviewed kick-off, a missed review, amendments, then an early end of use.
  await env.sleep('25 days');
  await expectOk(await h.api().post(`/api/projects/${id}/reviews`).send(sampleReview('kick-off')), 'review');
  await env.sleep('120 days');
  await expectOk(
    await h
      .api()
      .post(`/api/projects/${id}/amendments`)
      .send({
        cadence: { reviewEveryMonths: 2 },
        contractManager: p.logistics,
        reason: 'New contract manager, tighter follow-up',
      }),
    'amend',
  );
  await expectOk(
    await h
      .api()
      .post(`/api/projects/${id}/amendments`)
      .send({ contractEnd: addMonths(today, 30), reason: 'Extension option used' }),
    'extend',
  );
  await env.sleep('60 days');
  await expectOk(
    await h.api().post(`/api/projects/${id}/end-of-use`).send({ reason: 'The office closes early' }),
    'end of use',
  );
  // Steps 6 and 7.
  await submitGate('end-of-use', sampleEndOfUse);
  for (const who of [p.logistics.email, p.finance.email]) await decide(who, { decision: 'approve' });
  await submitGate('evaluate', sampleEvaluation);
  for (const who of [p.purchaser.email, p.csr.email]) await decide(who, { decision: 'approve' });
  await h.client.workflow.getHandle(workflowIdFor(id)).result();
  return id;
}

/**
 * A contract whose follow-up moments nobody reviews: announcements, reminders and escalations
 * grow the history until the run continues as new; then it is cancelled in its second run. Both
 * runs are saved: the first ends with ContinuedAsNew, the second starts from the carried state.
 */
async function continuedAsNew(h: Harness, env: Awaited<ReturnType<typeof timeSkippingEnvironment>>) {
  const id = 'replay-continued-as-new';
  await createProject(h, id, {
    approvals: {
      policy: { rule: 'any', sequential: false },
      reminders: { everyHours: 24 * 30, escalateAfter: 10 },
      gates: {},
    },
  });
  for (const gate of [
    'circular-need',
    'circular-ambitions',
    'market-dialogue',
    'tender-documents',
  ] as const) {
    await submit(h, id, gate);
    await approveRound(h, id);
  }
  const today = formatDate(new Date(await env.currentTimeMs()));
  const start = addDays(today, 14);
  await submit(
    h,
    id,
    'award',
    sampleAward(start, addMonths(start, 120), {
      followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 1 },
    }),
  );
  await approveRound(h, id);
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  const firstRunId = (await handle.describe()).runId;
  for (let month = 0; month < 120; month++) {
    if ((await handle.query(projectQuery)).previousRuns > 0) break;
    await env.sleep('30 days');
  }
  await env.sleep('1 day');
  await expectOk(
    await h.api().post(`/api/projects/${id}/cancel`).send({ reason: 'Contract dissolved by the council' }),
    'cancel',
  );
  await handle.result();
  await save(h.client, workflowIdFor(id), 'continued-first-run', firstRunId);
  await save(h.client, workflowIdFor(id), 'continued-second-run');
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  await mkdir(OUT, { recursive: true });
  const env = await timeSkippingEnvironment();
  const h = await startHarness({ env, extraPeople: [] });
  try {
    if (only === 'continued-as-new') {
      await continuedAsNew(h, env);
      return;
    }
    const productGroup = 'replay-office-furniture';
    const full = await fullLifecycle(h, env, productGroup);
    await save(h.client, workflowIdFor(full), 'full-lifecycle');
    await save(h.client, lessonsWorkflowIdFor(productGroup), 'product-group-lessons');

    const avoided = 'replay-purchase-avoided';
    await createProject(h, avoided, { productGroup });
    await submit(h, avoided, 'circular-need', sampleNoPurchaseNeed);
    await approveRound(h, avoided);
    await submit(h, avoided, 'evaluate', sampleEvaluation);
    await approveRound(h, avoided);
    await h.client.workflow.getHandle(workflowIdFor(avoided)).result();
    await save(h.client, workflowIdFor(avoided), 'purchase-avoided');

    const cancelled = 'replay-cancelled';
    await expectOk(await h.api().post('/api/projects').send(sampleProject(cancelled)), 'create cancelled');
    await expectOk(
      await h.api().post(`/api/projects/${cancelled}/submissions/circular-need`).send(sampleNeed),
      'submit',
    );
    await env.sleep('4 days');
    await expectOk(
      await h
        .api()
        .post(`/api/projects/${cancelled}/cancel`)
        .send({ reason: 'Budget withdrawn by the council' }),
      'cancel',
    );
    await h.client.workflow.getHandle(workflowIdFor(cancelled)).result();
    const state = await h.client.workflow.getHandle(workflowIdFor(cancelled)).query(projectQuery);
    if (state.status !== 'cancelled') throw new Error(`expected cancelled, got ${state.status}`);
    await save(h.client, workflowIdFor(cancelled), 'cancelled');

    await continuedAsNew(h, env);
  } finally {
    await h.close();
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
