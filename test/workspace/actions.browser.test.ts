/**
 * The workspace's action pages in Chromium on a phone-sized screen (390×844): an approver decides
 * from the workspace with the keyboard alone, and axe-core scans the decision, review and amendment
 * pages in Dutch and English (the amendment also with the project's refusal and a problem beside a
 * field): no WCAG 2.1 A/AA violation. Screenshots go to test-artifacts/workspace/.
 */
import { mkdirSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type sampleAward, samplePeople, sampleProject } from '../../dev/sample-project';
import { addMonths } from '../../domain/follow-up';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  getProject,
  sampleDeliverable,
  submit,
  uniqueId,
} from '../helpers/project-api';
import { expectAccessible } from '../helpers/workspace-browser';
import { signInOverHttp } from '../helpers/workspace-http';

const ARTIFACTS = 'test-artifacts/workspace';
const PHONE = { width: 390, height: 844 };
const organisation = `Stad Telefoon ${uniqueId('org')}`;
const person = (name: string, roles: string[]) => ({
  email: `${uniqueId(name)}@telefoon.example`.toLowerCase(),
  name,
  organisations: [organisation],
  roles,
  locale: 'en',
  timeZone: 'Europe/Brussels',
});
const officer = person('olivia', ['officer']);
const approver = person('april', ['viewer']);
const decisionProject = uniqueId('phone-decide');
const contractProject = uniqueId('phone-contract');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env = await devServerEnvironment();
  h = await startHarness({
    env,
    configEnv: { PEOPLE: JSON.stringify([officer, approver]) },
    extraPeople: [approver],
  });
  const approvers = sampleProject('x').approvers.map((someone) =>
    someone.email === samplePeople.purchaser.email
      ? { ...someone, name: approver.name, email: approver.email }
      : someone,
  );
  await createProject(h, decisionProject, { organisation, title: 'Bureaustoelen', approvers });
  await submit(h, decisionProject, 'circular-need');
  await createProject(h, contractProject, { organisation, title: 'Vergadertafels' });
  await advanceTo(h, contractProject, 'award');
  // A kick-off the day after the award is announced at once: the review page has a moment to offer.
  const award = sampleDeliverable('award') as ReturnType<typeof sampleAward>;
  await submit(h, contractProject, 'award', {
    ...award,
    followUpCadence: { ...award.followUpCadence, kickOffWithinDays: 1 },
  });
  await approveRound(h, contractProject);
  await eventually(async () => {
    const { contract } = await getProject(h, contractProject);
    return contract?.moments.some((moment: { announcedAt?: string }) => moment.announcedAt) || undefined;
  }, 60_000);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

/** A phone-sized browser signed in as `email` (through the link mailed to them). */
async function phoneSignedInAs(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const session = await signInOverHttp(h, email);
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: h.baseUrl }]);
  return { context, page: await context.newPage() };
}

/** Tabs forward until the element with this id has the focus, as a keyboard user does. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (
      (await page
        .locator(':focus')
        .getAttribute('id')
        .catch(() => null)) === id
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never had the focus`);
}

/** Both languages of one page, scanned, with a screenshot of the English one. */
async function scanBoth(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${h.baseUrl}${path}?lang=nl`);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await expectAccessible(page, `${name} (nl)`);
  await page.goto(`${h.baseUrl}${path}?lang=en`);
  await expectAccessible(page, `${name} (en)`);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

test('an approver decides from the workspace on a phone with the keyboard alone', async () => {
  const { context, page } = await phoneSignedInAs(approver.email);
  const path = `/work/projects/${decisionProject}/decision`;
  await scanBoth(page, path, 'decision');
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    PHONE.width,
  );

  await tabTo(page, 'comment');
  await page.keyboard.type('Clear need, approved from my phone');
  await page.keyboard.press('Tab');
  expect(await page.locator(':focus').getAttribute('value')).toBe('approve');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${h.baseUrl}/work/projects/${decisionProject}?done=decided`);

  const project = await getProject(h, decisionProject);
  const slot = project.currentRound.slots.find(
    (s: { holder: { email: string } }) => s.holder.email === approver.email,
  );
  expect(slot.decision).toMatchObject({ kind: 'approve', comment: 'Clear need, approved from my phone' });
  await context.close();
}, 180_000);

test('the review and amendment pages, with a refusal and a problem shown, pass axe on a phone in nl and en', async () => {
  const { context, page } = await phoneSignedInAs(officer.email);
  await scanBoth(page, `/work/projects/${contractProject}/reviews/new`, 'review');
  await page.click('button.approve');
  await expectAccessible(page, 'review with a problem beside a field');

  const amendment = `/work/projects/${contractProject}/amendments/new`;
  await scanBoth(page, amendment, 'amendment');
  const { contract } = await getProject(h, contractProject);
  await page.fill('#contractEnd', addMonths(contract.end, 25));
  await page.fill('#reason', 'Extension of 25 months');
  await page.click('button.approve');
  expect(await page.textContent('[role=alert]')).toContain("the tender's extension options (24 months)");
  expect(await page.inputValue('#contractEnd')).toBe(addMonths(contract.end, 25));
  await expectAccessible(page, 'amendment refused');
  await page.screenshot({ path: `${ARTIFACTS}/amendment-refused.png`, fullPage: true });
  await context.close();
}, 180_000);
