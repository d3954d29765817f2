/**
 * The workspace in Chromium: an approver asks for a sign-in link, opens it from the mail in the real
 * SMTP capture, presses "Sign in", and sees the decision waiting on them and the projects of their
 * organisation per step and status; switches to Dutch and signs out. axe-core scans every page type
 * on the way, in English and Dutch: no WCAG 2.1 A/AA violation.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { samplePeople, sampleProject } from '../../dev/sample-project';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { createProject, submit, uniqueId } from '../helpers/project-api';
import { expectAccessible } from '../helpers/workspace-browser';

const organisation = `Stad Browser ${uniqueId('org')}`;
// The purchaser decides on the circular need (step 1): a decision waits on her once it is submitted.
// An address of this test's own: other suites' projects on the shared dev server name the sample's.
const chloe = {
  email: `${uniqueId('chloe')}@gent.example`.toLowerCase(),
  name: samplePeople.purchaser.name,
  organisations: [organisation],
  roles: ['viewer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const waitingProject = uniqueId('my-work-waiting');
const quietProject = uniqueId('my-work-quiet');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([chloe]) } });
  const approvers = sampleProject('x').approvers.map((approver) =>
    approver.email === samplePeople.purchaser.email ? { ...approver, email: chloe.email } : approver,
  );
  await createProject(h, waitingProject, { organisation, title: 'Bureaustoelen', approvers });
  await createProject(h, quietProject, { organisation, title: 'Vergadertafels', approvers });
  await submit(h, waitingProject, 'circular-need');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

test('an approver signs in through the mailed link, sees what waits on her, switches language and signs out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/sign-in?lang=en`);
  await expectAccessible(page, 'sign-in (en)');
  await page.goto(`${h.baseUrl}/sign-in?lang=nl`);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await expectAccessible(page, 'sign-in (nl)');
  await page.click('text=English');

  const before = h.mail.messages.length;
  await page.fill('input[name=email]', 'not an address');
  await page.click('button[type=submit]');
  await expectAccessible(page, 'sign-in with a problem');
  await page.fill('input[name=email]', chloe.email);
  await page.click('button[type=submit]');
  expect(await page.textContent('h1')).toBe('Check your mailbox');
  await expectAccessible(page, 'check your mailbox');

  // Her approval request may arrive meanwhile: wait for the mail with the sign-in link.
  const [mail] = await h.mail.waitFor(
    (m) =>
      h.mail.messages.indexOf(m) >= before &&
      m.to.includes(chloe.email) &&
      m.links.some((url) => url.includes('/sign-in/link/')),
  );
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  expect(link).toBeDefined();
  await page.goto(link as string);
  expect(await context.cookies()).toEqual([]);
  await expectAccessible(page, 'confirm sign-in');
  await page.click('button[type=submit]');
  await page.waitForURL(`${h.baseUrl}/work`);

  // Visibility is eventually consistent: the round's pending approvers reach it shortly.
  // A loaded machine (the whole suite at once) can take its time over the 13 visibility calls of a page.
  // A page answered while Temporal was slow has no list to wait on: reload rather than wait on it.
  await eventually(
    async () => {
      await page.reload();
      const waiting = await page
        .locator('section[aria-labelledby=waiting]')
        .textContent({ timeout: 5_000 })
        .catch(() => null);
      return waiting?.includes('(1)') && waiting.includes('Bureaustoelen');
    },
    120_000,
    500,
  );
  expect(await page.textContent('body')).toContain('Bureaustoelen');
  const stepRow = await page.textContent('tr:has(th:text("1. Circular need"))');
  expect(stepRow).toContain('2');
  await expectAccessible(page, 'my work (en)');

  await page.click('a:text("Bureaustoelen")');
  expect(await page.textContent('h1')).toBe('Bureaustoelen');
  await expectAccessible(page, 'project');
  await page.goto(`${h.baseUrl}/work/projects/${uniqueId('missing')}`);
  await expectAccessible(page, 'project not found');
  await page.goto(`${h.baseUrl}/work`);

  await page.click('button[name=locale]');
  expect(await page.textContent('h1')).toBe('Mijn werk');
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await expectAccessible(page, 'my work (nl)');

  await page.click('button:text("Afmelden")');
  expect(await page.textContent('h1')).toBe('U bent afgemeld');
  await expectAccessible(page, 'signed out');
  await page.goto(`${h.baseUrl}/work`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');

  await page.goto(link as string);
  expect(await page.textContent('h1')).toBe('This link does not sign you in');
  await expectAccessible(page, 'used link');
  await context.close();
  // A whole visit with ten scans; on a loaded machine well over jest's default minute.
}, 180_000);
