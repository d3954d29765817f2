/**
 * The decision page in a real browser: Debian's Chromium driven by playwright-core opens the link
 * from a captured mail, clicks "approve" and sees the confirmation; the screenshot is kept in
 * test-artifacts/ (git-ignored) for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { auditTrailQuery } from '../../workflows/messages';
import { launchChromium } from '../helpers/browser';
import { devServerEnvironment, type Harness, startHarness } from '../helpers/harness';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

test('an approver opens the link on a phone, clicks approve and sees the confirmation', async () => {
  const id = `browser-${Date.now()}`;
  expect((await h.api().post('/api/projects').send(sampleProject(id))).status).toBe(202);
  expect((await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed)).status).toBe(
    200,
  );
  const [mail] = await h.mail.waitFor(
    (m) => m.to.includes(samplePeople.purchaser.email) && m.messageId?.includes(`cpo.${id}.`) === true,
  );
  const link = mail?.links.find((l) => l.includes('/d/'));
  if (!link) throw new Error('no decision link in the mail');

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(link);
  await page.getByRole('heading', { name: /Your decision, Chloé Martin/ }).waitFor();
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'decision-page.png'), fullPage: true });
  await page
    .getByLabel(/Comment/)
    .first()
    .fill('Looks complete to me.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('heading', { name: /your decision is recorded/ }).waitFor();

  const screenshot = path.join(ARTIFACTS, 'decision-page-approved.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  process.stdout.write(`decision page screenshot: ${screenshot}\n`);
  await context.close();

  // No third-party assets: every request the page made went to our own server.
  expect(requests.every((url) => url.startsWith(h.baseUrl))).toBe(true);
  const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
  expect(audit.find((e) => e.kind === 'decided')).toMatchObject({
    actor: samplePeople.purchaser.email,
    channel: 'email',
    comment: 'Looks complete to me.',
  });
});
