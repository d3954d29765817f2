/**
 * The Projects list in Chromium: an officer signed in through the mailed link filters the list with
 * the keyboard only (no mouse, the GET form), opens a project from it, and axe-core finds no WCAG
 * 2.1 A/AA violation in English and Dutch. Screenshots go to test-artifacts/workspace/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { statusLabel } from '../../presentation/labels';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { createProject, submit, uniqueId } from '../helpers/project-api';
import { expectAccessible, signInThroughMail } from '../helpers/workspace-browser';

const organisation = `Stad Lijst Browser ${uniqueId('org')}`;
const olivia = {
  email: `${uniqueId('olivia')}@lijst.example`.toLowerCase(),
  name: 'Olivia Officer',
  organisations: [organisation],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const submitted = { id: uniqueId('browser-submitted'), title: 'Bureaustoelen' };
const quiet = { id: uniqueId('browser-quiet'), title: 'Vergadertafels' };
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'workspace');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([olivia]) } });
  for (const project of [submitted, quiet])
    await createProject(h, project.id, { organisation, title: project.title });
  await submit(h, submitted.id, 'circular-need');
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

/** Presses Tab until the element matching `selector` has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await page.locator(selector).evaluate((element) => element === element.ownerDocument.activeElement))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('an officer filters the list with the keyboard only, opens a project, in English and Dutch without an accessibility violation', async () => {
  const { context, page } = await signInThroughMail(h, browser, olivia.email);
  // Visibility is eventually consistent: reload until both projects are listed in their state.
  await eventually(
    async () => {
      await page.goto(`${h.baseUrl}/work/projects`);
      const body = (await page.textContent('body')) ?? '';
      return (
        body.includes(submitted.title) &&
        body.includes(quiet.title) &&
        body.includes(statusLabel('awaiting-approval', 'en'))
      );
    },
    120_000,
    500,
  );
  await expectAccessible(page, 'projects (en)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'projects.png'), fullPage: true });

  await tabTo(page, '#f-status');
  while ((await page.inputValue('#f-status')) !== 'awaiting-approval') await page.keyboard.press('ArrowDown');
  await tabTo(page, 'form.filters button[type=submit]');
  await Promise.all([page.waitForURL(/status=awaiting-approval/), page.keyboard.press('Enter')]);
  const titles = await page.locator('tbody th[scope=row] a').allTextContents();
  expect(titles).toEqual([submitted.title]);
  await expectAccessible(page, 'projects filtered (en)');

  await page.click('button[name=locale]');
  expect(await page.textContent('h1')).toBe('Projecten');
  expect(await page.inputValue('#f-status')).toBe('awaiting-approval');
  await expectAccessible(page, 'projects (nl)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'projects-nl.png'), fullPage: true });

  await page.goto(`${h.baseUrl}/work/projects?step=nonsense`);
  expect(await page.textContent('h1')).toBe('Filters niet geldig');
  await expectAccessible(page, 'bad filters (nl)');

  await page.goto(`${h.baseUrl}/work/projects`);
  await tabTo(page, `a[href="/work/projects/${submitted.id}"]`);
  await Promise.all([
    page.waitForURL(`${h.baseUrl}/work/projects/${submitted.id}`),
    page.keyboard.press('Enter'),
  ]);
  expect(await page.textContent('h1')).toBe(submitted.title);

  // My work with its sections, for the README's screenshots (its own browser test scans it too).
  await page.goto(`${h.baseUrl}/work?lang=en`);
  await expectAccessible(page, 'my work with its sections (en)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'my-work.png'), fullPage: true });
  await context.close();
}, 180_000);
