/**
 * Step 4 read against steps 2 and 3 through the real API and worker: a criterion may serve only an
 * objective step 2 chose, the approvers of the tender see what the market said (mail and decision
 * page), and the award records a contract value for every objective of step 2.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import supertest from 'supertest';
import {
  sampleAward,
  sampleAwardLegalFrame,
  sampleMarketDialogue,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import { addDays, addMonths, formatDate } from '../../domain/follow-up';
import { decisionLink } from '../email/decision-mail';
import { type Harness, timeSkippingEnvironment, startFileHarness, stopFileHarness } from '../helpers/harness';
import { advanceTo, approveRound, createProject, people, submit, uniqueId } from '../helpers/project-api';

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(async () => ({ env, h } = await startFileHarness(timeSkippingEnvironment)), 120_000);
afterAll(() => stopFileHarness(h, env));

const today = async () => formatDate(new Date(await env.currentTimeMs()));

test("a criterion serving an objective step 2 did not choose is refused; the tender's approvers read what the market said", async () => {
  const id = uniqueId('tender-trace');
  await createProject(h, id);
  await advanceTo(h, id, 'tender-documents');
  const strayCriteria = sampleTenderDocuments.awardCriteria.map((criterion, index) =>
    index === 2 ? { ...criterion, serves: ['reduce-virgin-input'] } : criterion,
  );
  const refused = await h
    .api()
    .post(`/api/projects/${id}/submissions/tender-documents`)
    .send({ ...sampleTenderDocuments, awardCriteria: strayCriteria });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toBe(
    'awardCriteria.2.serves.0: reduce-virgin-input is not an objective of step 2 (extend-lifetime, enable-reuse)',
  );

  await submit(h, id, 'tender-documents', sampleTenderDocuments);
  if (sampleMarketDialogue.mode !== 'dialogue') throw new Error('the sample dialogue was held');
  const finding = sampleMarketDialogue.dialogues[0]!.findings;
  // The tender's request to the legal approver (its digest alone has the term with extensions).
  const [request] = await h.mail.waitFor(
    (m) =>
      m.messageId?.includes(`<cpo.${id}.`) === true &&
      m.messageId.includes('.approval-request.') &&
      m.to.includes(people.legal.email) &&
      m.text.includes('Looptijd met verlengingen'),
  );
  if (!request) throw new Error('no approval request for the tender documents');
  expect(request.text).toContain(finding);
  expect(request.text).toContain('Wat de markt zei');
  const page = await supertest(h.baseUrl).get(decisionLink(h, request));
  expect(page.status).toBe(200);
  expect(page.text).toContain('Wat de markt zei');
  expect(page.text).toContain('Looptijd met verlengingen: 120 maanden (standaard 48)');
}, 120_000);

test('an award without a contract value for an objective of step 2 is refused with the objective named', async () => {
  const id = uniqueId('award-values');
  await createProject(h, id);
  await advanceTo(h, id, 'award');
  const start = addDays(await today(), 20);
  const award = sampleAward(start, addMonths(start, 24), {
    legalFrame: sampleAwardLegalFrame(await today()),
  });
  const refused = await h
    .api()
    .post(`/api/projects/${id}/submissions/award`)
    .send({ ...award, contractIndicatorValues: award.contractIndicatorValues.slice(0, 1) });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toBe(
    'contractIndicatorValues: record the value the contract sets for each objective of step 2 (missing: enable-reuse)',
  );
  await submit(h, id, 'award', award);
  await approveRound(h, id);
}, 120_000);
