/**
 * The project page in Chromium: an officer signed in through the mailed link has a project open
 * while an approver decides elsewhere (from the link mailed to her, in another browser); the page
 * shows the decision within seconds without a reload, keeps the focus where it was and says
 * "Updated" in its live region. axe-core scans the page in English and Dutch at two stages (in
 * approval, in contract); screenshots go to test-artifacts/workspace/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { samplePeople, sampleProject } from '../../dev/sample-project';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  getProject,
  settledHistoryLength,
  submit,
  uniqueId,
  waitForMail,
} from '../helpers/project-api';
import { expectAccessible, signInThroughMail } from '../helpers/workspace-browser';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'workspace');
const organisation = `Stad Live ${uniqueId('org')}`;
const officer = {
  email: `${uniqueId('officer')}@gent.example`.toLowerCase(),
  name: 'Olivia Officer',
  organisations: [organisation],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const approver = { email: `${uniqueId('approver')}@gent.example`.toLowerCase(), name: 'Ann Approver' };
const approvers = sampleProject('x').approvers.map((a) =>
  a.email === samplePeople.purchaser.email ? { ...a, ...approver } : a,
);
const inApproval = uniqueId('live-approval');
const inContract = uniqueId('live-contract');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([officer]) }, extraPeople: [approver] });
  await createProject(h, inApproval, { organisation, title: 'Bureaustoelen', approvers });
  await createProject(h, inContract, { organisation, title: 'Vergadertafels' });
  await submit(h, inApproval, 'circular-need');
  await advanceTo(h, inContract, 'award');
  await submit(h, inContract, 'award');
  await approveRound(h, inContract);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

async function scanBothLanguages(page: Page, url: string, stage: string): Promise<void> {
  await page.goto(`${url}?lang=nl`);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await expectAccessible(page, `project page, ${stage} (nl)`);
  await page.goto(`${url}?lang=en`);
  await expectAccessible(page, `project page, ${stage} (en)`);
}

test('the page shows a decision made elsewhere within seconds, without a reload, and passes axe at two stages', async () => {
  await eventually(async () => (await getProject(h, inApproval)).pendingApprovers.includes(approver.email));
  const { context, page } = await signInThroughMail(h, browser, officer.email);
  const url = `${h.baseUrl}/work/projects/${inApproval}`;
  // The mails of the submission sent: only the decision below changes the project.
  await settledHistoryLength(h, inApproval);
  await scanBothLanguages(page, url, 'in approval');
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'project-page-approval.png'), fullPage: true });
  expect(await page.textContent('li[aria-current=step]')).toContain('1. Circular need');
  expect(await page.textContent('section[aria-labelledby=round]')).toContain('Not decided yet');

  // A mark that a reload would lose, and the focus on an action link.
  // Run in the page (the test's TypeScript has no DOM types): a mark that a reload would lose.
  await page.evaluate('window.notReloaded = true');
  const cancel = `/work/projects/${inApproval}/cancel`;
  await page.focus(`a[href="${cancel}"]`);

  // The approver decides from the link mailed to her, in a browser of her own.
  const [mail] = await waitForMail(h, inApproval, 'approval-request', approver.email);
  const link = mail?.links.find((url) => url.includes('/d/'));
  if (!link) throw new Error('no decision link in the approval mail');
  const approverContext = await browser.newContext();
  const decisionPage = await approverContext.newPage();
  await decisionPage.goto(link);
  await decisionPage.fill('textarea#comment', 'Meer aandacht voor hergebruik');
  await Promise.all([decisionPage.waitForNavigation(), decisionPage.click('button.changes')]);
  await approverContext.close();

  // Locators wait in the test, not in the page: the CSP allows no eval there.
  await page
    .locator('#project-content', { hasText: 'Meer aandacht voor hergebruik' })
    .waitFor({ state: 'attached', timeout: 15_000 });
  expect(await page.evaluate('window.notReloaded')).toBe(true);
  expect(await page.evaluate("document.activeElement.getAttribute('href')")).toBe(cancel);
  await page.locator('#live-status', { hasText: 'Updated' }).waitFor({ state: 'attached', timeout: 5_000 });
  expect(await page.textContent('section[aria-labelledby=next]')).toContain('to revise and resubmit');
  await expectAccessible(page, 'project page, updated in place');

  await scanBothLanguages(page, `${h.baseUrl}/work/projects/${inContract}`, 'in contract');
  expect(await page.textContent('li[aria-current=step]')).toContain('5. Use');
  await page.screenshot({ path: path.join(ARTIFACTS, 'project-page-contract.png'), fullPage: true });
  await context.close();
}, 180_000);
