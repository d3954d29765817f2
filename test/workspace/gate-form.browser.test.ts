/**
 * A gate's form in Chromium, keyboard only: the officer opens the circular need (her draft of it
 * waits there), adds an inventory line with Enter on "Add another", fills it with the keyboard
 * but leaves "where" empty, submits with Enter, finds the problem beside the field (and in the
 * summary at the top), fixes it and submits: the approval round opens and she is on the project
 * page. axe-core scans the form and the new-project page in English and Dutch; screenshots go to
 * test-artifacts/workspace/.
 */
import { mkdirSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { sampleProject } from '../../dev/sample-project';
import { gateForm } from '../../presentation/forms';
import { stateOfValue } from '../../presentation/forms/form-state';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, startHarness } from '../helpers/harness';
import { advanceTo, getProject, sampleDeliverable, uniqueId } from '../helpers/project-api';
import { expectAccessible, signInThroughMail } from '../helpers/workspace-browser';
import { csrfOf, send, signIn } from '../helpers/workspace-http';

const SCREENSHOTS = 'test-artifacts/workspace';
const organisation = `Stad Toetsenbord ${uniqueId('org')}`;
const officer = {
  email: `${uniqueId('kim')}@k.example`,
  name: 'Kim Keyboard',
  organisations: [organisation],
  roles: ['officer'],
  locale: 'en',
};
const projectId = uniqueId('keyboard-form');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([officer]) } });
  const created = await h.api().post('/api/projects').send(sampleProject(projectId, { organisation }));
  expect(created.status).toBe(202);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

/** Presses Tab until the focused element is the one `matches` describes (what a keyboard user does). */
async function tabTo(page: Page, matches: string, what: string): Promise<void> {
  for (let presses = 0; presses < 600; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(matches)}) ?? false`))
      return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const focusedName = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.name');

test('an officer fills a gate form with the keyboard only: adds a row, sees the problem beside its field, fixes it, submits', async () => {
  // Her draft of the circular need (saved earlier, over HTTP) is what the form shows.
  const cookie = await signIn(h, officer.email);
  const draft = await send(h, `/work/projects/${projectId}/gates/circular-need`, {
    method: 'POST',
    cookie,
    form: {
      ...stateOfValue(gateForm('circular-need'), sampleDeliverable('circular-need')),
      _csrf: await csrfOf(h, cookie),
      _action: 'save',
    },
  });
  expect(draft.status).toBe(200);
  const rows = (await draft.text()).match(/name="inventory\.\d+\.what"/g)?.length ?? 0;

  const { context, page } = await signInThroughMail(h, browser, officer.email);
  await page.goto(`${h.baseUrl}/work/projects/${projectId}/gates/circular-need`);
  expect(await page.textContent('body')).toContain('This is your draft');
  await expectAccessible(page, 'gate form (en)');
  await page.screenshot({ path: `${SCREENSHOTS}/gate-form.png`, fullPage: true });

  await tabTo(page, 'button[value="add:inventory"]', 'Add another inventory line');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[name="inventory.${rows}.what"]`);
  // The new row's first field has the focus: type on.
  expect(await focusedName(page)).toBe(`inventory.${rows}.what`);
  await page.keyboard.type('Laptops of the former project office');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe(`inventory.${rows}.where`);
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe(`inventory.${rows}.result`);
  await page.keyboard.type('available');
  expect(await page.inputValue(`[name="inventory.${rows}.result"]`)).toBe('available');
  await tabTo(page, 'button[value="submit"]', 'Submit for approval');
  await page.keyboard.press('Enter');

  const problem = page.locator(`#f-inventory_${rows}_where-problem`);
  await problem.waitFor();
  expect(await problem.textContent()).toBe('Fill this in.');
  expect(await page.getAttribute(`[name="inventory.${rows}.where"]`, 'aria-invalid')).toBe('true');
  expect(await page.textContent('#problems')).toContain(
    `Inventory: what do we already have? ${rows + 1} › Where`,
  );
  // The summary has the focus, so a screen reader reads it first.
  expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('problems');
  await expectAccessible(page, 'gate form with a problem (en)');
  await page.screenshot({ path: `${SCREENSHOTS}/gate-form-problem.png`, fullPage: true });

  await tabTo(page, `[name="inventory.${rows}.where"]`, 'the field with the problem');
  await page.keyboard.type('Storage room, second floor');
  // A project started now records how many were found, and in what condition (step 1 of the text).
  await tabTo(page, `[name="inventory.${rows}.quantity"]`, 'the quantity');
  await page.keyboard.type('12');
  await tabTo(page, `[name="inventory.${rows}.condition"]`, 'the condition');
  await page.keyboard.type('good');
  expect(await page.inputValue(`[name="inventory.${rows}.condition"]`)).toBe('good');
  await tabTo(page, 'button[value="submit"]', 'Submit for approval');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${h.baseUrl}/work/projects/${projectId}?done=submitted`);

  const project = await getProject(h, projectId);
  expect(project.status).toBe('awaiting-approval');
  expect(project.submissions['circular-need'].data.inventory.at(-1)).toEqual({
    what: 'Laptops of the former project office',
    where: 'Storage room, second floor',
    result: 'available',
    quantity: 12,
    condition: 'good',
  });

  await page.goto(`${h.baseUrl}/work/projects/${projectId}/gates/circular-need?lang=nl`);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  expect(await page.textContent('body')).toContain('Is een aankoop wel nodig?');
  await expectAccessible(page, 'gate form (nl)');
  await context.close();
}, 180_000);

test('the new-project page and a form with an upload pass axe in English and Dutch', async () => {
  const { context, page } = await signInThroughMail(h, browser, officer.email);
  for (const lang of ['en', 'nl']) {
    await page.goto(`${h.baseUrl}/work/projects/new?lang=${lang}`);
    await expectAccessible(page, `new project, product group (${lang})`);
    await page.goto(`${h.baseUrl}/work/projects/new?productGroup=office-furniture&lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expectAccessible(page, `new project, form (${lang})`);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/new-project.png`, fullPage: true });

  // A form that takes documents (the market dialogue): its upload form passes too.
  const withDocuments = uniqueId('keyboard-documents');
  expect(
    (await h.api().post('/api/projects').send(sampleProject(withDocuments, { organisation }))).status,
  ).toBe(202);
  await advanceTo(h, withDocuments, 'market-dialogue');
  for (const lang of ['en', 'nl']) {
    await page.goto(`${h.baseUrl}/work/projects/${withDocuments}/gates/market-dialogue?lang=${lang}`);
    expect(await page.locator('input[type=file]').count()).toBe(1);
    await expectAccessible(page, `gate form with an upload (${lang})`);
  }
  await context.close();
}, 120_000);
