/**
 * What steps 1 and 3 must record, through the real API and worker: a project started now needs
 * the purchaser's mandate, the dialogue with the internal client, a full inventory and the
 * dialogue's planning; a project carried over from before the rule (patch complete-step-records)
 * can still submit what it could; and the market dialogue adjusts only objectives step 2 set, the
 * tender's approvers reading the targets as adjusted.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import supertest from 'supertest';
import { sampleAmbitions, sampleMarketDialogue, sampleNeed, sampleProject } from '../../dev/sample-project';
import { withinKeywordListLimit } from '../../domain/carried-state';
import { participantEmails } from '../../domain/participants';
import { workflowIdFor } from '../../domain/project';
import { Organisation, Participants } from '../../domain/search-attributes';
import { procurementWorkflow } from '../../workflows/procurement';
import { initialState } from '../../workflows/procurement/context';
import { decisionLink } from '../email/decision-mail';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import { advanceTo, createProject, getProject, people, submit, uniqueId } from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(timeSkippingEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

const { purchaserMandate: _mandate, internalClientDialogue: _dialogue, ...needWithoutRecords } = sampleNeed;
if (sampleMarketDialogue.mode !== 'dialogue') throw new Error('the sample dialogue is held');
const { planning: _planning, ...dialogueWithoutPlanning } = sampleMarketDialogue;

const post = (id: string, gate: string, body: object) =>
  h.api().post(`/api/projects/${id}/submissions/${gate}`).send(body);

describe('a project started under the rule', () => {
  test('step 1 is refused (422) without the mandate, the client dialogue and a full inventory, each named; the complete record reaches the approvers', async () => {
    const id = uniqueId('records');
    await createProject(h, id);
    const bare = await post(id, 'circular-need', {
      ...needWithoutRecords,
      inventory: [{ what: 'office chairs', where: 'depot', result: 'available' }],
      alternatives: sampleNeed.alternatives.map(({ reach: _reach, ...alternative }) => alternative),
    });
    expect(bare.status).toBe(422);
    const problems = JSON.stringify(bare.body);
    for (const field of [
      'purchaserMandate',
      'internalClientDialogue',
      'inventory.0.quantity',
      'inventory.0.condition',
      'alternatives.0.reach',
      'alternatives.1.reach',
    ])
      expect(problems).toContain(field);

    const future = await post(id, 'circular-need', {
      ...sampleNeed,
      purchaserMandate: { ...sampleNeed.purchaserMandate, givenOn: '2099-01-01' },
    });
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body)).toContain('purchaserMandate.givenOn: 2099-01-01 is in the future');
    expect((await getProject(h, id)).status).toBe('awaiting-submission');

    await submit(h, id, 'circular-need');
    const [request] = await h.mail.waitFor(
      (m) => m.messageId?.includes(`<cpo.${id}.`) === true && m.to.includes(people.internalClient.email),
    );
    expect(request?.text).toContain(
      'Mandaat van de aankoper: gegeven door Dirk Janssens, algemeen directeur op 2026-03-02',
    );
    expect(request?.text).toContain('Dialoog met de interne klant (2026-03-10');
    expect(request?.text).toContain('office chairs (×250, te herstellen, eigen dienst)');
    if (!request) throw new Error('no approval request for the need');
    const page = await supertest(h.baseUrl).get(decisionLink(h, request));
    expect(page.status).toBe(200);
    expect(page.text).toContain('hergebruiken (intern en met andere organisaties)');
  });

  test('a held dialogue without planning is refused; it adjusts only objectives of step 2, and the tender shows the adjusted target', async () => {
    const id = uniqueId('dialogue-records');
    await createProject(h, id);
    await advanceTo(h, id, 'market-dialogue');

    const unplanned = await post(id, 'market-dialogue', dialogueWithoutPlanning);
    expect(unplanned.status).toBe(422);
    expect(JSON.stringify(unplanned.body)).toContain('planning: record when the dialogue started');

    const strange = await post(id, 'market-dialogue', {
      ...sampleMarketDialogue,
      objectiveAdjustments: [
        { objectiveId: 'reduce-virgin-input', target: 30, reason: 'market offers more' },
      ],
    });
    expect(strange.status).toBe(422);
    expect(JSON.stringify(strange.body)).toContain(
      'reduce-virgin-input is not an objective of the approved ambitions (step 2 set extend-lifetime, enable-reuse)',
    );

    await advanceTo(h, id, 'tender-documents');
    await submit(h, id, 'tender-documents');
    const project = await getProject(h, id);
    const digest: string[] = project.currentRound.digest.en;
    // Step 2 set 15 years; the dialogue (the sample) brought it to 12.
    expect(sampleAmbitions.objectives[0]?.target).toBe(15);
    expect(digest).toContain(
      'Objectives: Longer use and lifetime: target 12 years (adjusted after the market dialogue, was 15); Enable reuse of products and parts: target 80 %',
    );
  });
});

test('a project carried over from before the rule submits step 1 and a dialogue as it could before', async () => {
  const id = uniqueId('carried');
  const project = sampleProject(id);
  // What a project started before the patch carries: its state without `rules`.
  const state = initialState(project, new Date(await env.currentTimeMs()).toISOString());
  expect(state.rules).toBeUndefined();
  await h.client.workflow.start(procurementWorkflow, {
    workflowId: workflowIdFor(id),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ kind: 'continued', state }],
    typedSearchAttributes: [
      { key: Organisation, value: project.organisation },
      {
        key: Participants,
        value: withinKeywordListLimit(
          participantEmails({ requester: project.requester, team: project.approvers }),
        ),
      },
    ],
  });
  const response = await post(id, 'circular-need', needWithoutRecords);
  expect(response.status).toBe(200);
  expect((await getProject(h, id)).rules).toBeUndefined();
  await advanceTo(h, id, 'market-dialogue');
  expect((await post(id, 'market-dialogue', dialogueWithoutPlanning)).status).toBe(200);
});
