/**
 * One project from creation to completion, all seven steps, through the workspace only: the officer
 * signs in through the mailed link, starts the project on the new-project page, fills every gate's
 * form in Chromium (adding rows and choosing variants as a person does, with the form's own buttons),
 * starts the end of use from its action page, and reads the project page; every approver decides by
 * opening the link mailed to them and pressing Approve. The API is only read, to know whom a round
 * still waits on. Screenshots of each page type go to test-artifacts/workspace/.
 */
import { mkdirSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { sampleProject } from '../../dev/sample-project';
import { GATE_IDS } from '../../domain/catalogue';
import { gateForm, newProjectForm } from '../../presentation/forms';
import { stateOfValue } from '../../presentation/forms/form-state';
import { launchChromium } from '../helpers/browser';
import { type Harness, devServerEnvironment, startHarness } from '../helpers/harness';
import { getProject, sampleDeliverable, uniqueId } from '../helpers/project-api';
import { signInThroughMail } from '../helpers/workspace-browser';

const SCREENSHOTS = 'test-artifacts/workspace';
const organisation = `Stad Zeven ${uniqueId('org')}`;
const officer = {
  email: `${uniqueId('officer')}@gent.example`.toLowerCase(),
  name: 'Ans Peeters',
  organisations: [organisation],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const projectId = uniqueId('seven-steps');

let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([officer]) } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

interface Control {
  name: string;
  tag: string;
  type: string;
  options: string[];
}

/** The named controls of the page's forms, as the browser has them. */
const controlsOf = (page: Page): Promise<Control[]> =>
  // An expression, not a function: this project's TypeScript has no DOM types.
  page.evaluate<Control[]>(
    `[...document.querySelectorAll('main form [name]')].map((e) => ({ name: e.name, tag: e.tagName, type: e.type ?? '', options: e.tagName === 'SELECT' ? [...e.options].map((o) => o.value) : [] }))`,
  );

/** Presses one of the form's own buttons (add a row, show a variant's fields, save) and waits for the page it posts to. */
async function press(page: Page, action: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.click(`main button[name="_action"][value="${action}"]`);
  await loaded;
}

/**
 * Fills the form on the page with what `target` says each field holds (the names the form posts),
 * the way a person does: the fields on the page first, then a row added or a variant's fields shown
 * with the form's own buttons, until every field is there and filled. A choice whose options follow
 * another field (strategies per objective) is offered once that field is saved.
 */
async function fill(page: Page, target: Record<string, string[]>): Promise<void> {
  for (let pass = 0; pass < 80; pass++) {
    const controls = new Map((await controlsOf(page)).map((control) => [control.name, control]));
    let waiting = false;
    for (const [name, [value = '']] of Object.entries(target)) {
      const control = controls.get(name);
      if (!control) continue;
      const field = page.locator(`main [name="${name}"]`).first();
      if (control.type === 'checkbox') await field.setChecked(value === 'true');
      else if (control.tag === 'SELECT') {
        if (control.options.includes(value)) await field.selectOption(value);
        else waiting = true;
      } else await field.fill(value);
    }
    const missing = Object.keys(target).filter((name) => !controls.has(name));
    if (missing.length === 0 && !waiting) return;
    const addable = missing.map((name) => rowToAdd(name, controls)).find((action) => action !== undefined);
    if (
      addable &&
      controls.has('_action') &&
      (await page.locator(`main button[value="${addable}"]`).count()) > 0
    )
      await press(page, addable);
    else if ((await page.locator('main button[value="refresh"]').count()) > 0) await press(page, 'refresh');
    else await press(page, 'save');
  }
  throw new Error(`the form never showed every field: ${page.url()}`);
}

/** The "add a row" action a missing field needs: its first list row that is not on the page yet. */
function rowToAdd(name: string, controls: Map<string, Control>): string | undefined {
  const parts = name.split('.');
  for (let i = 1; i < parts.length; i++) {
    if (!/^\d+$/.test(parts[i] as string)) continue;
    const row = parts.slice(0, i + 1).join('.');
    const rowShown = [...controls.keys()].some((control) => control === row || control.startsWith(`${row}.`));
    if (!rowShown) return `add:${parts.slice(0, i).join('.')}`;
  }
  return undefined;
}

/** Submits the page's form with its button; a page that answers with problems fails the test with them. */
async function submitForm(page: Page, expectedPath: RegExp): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.click('main button[name="_action"][value="submit"]');
  await loaded;
  if (!expectedPath.test(new URL(page.url()).pathname + new URL(page.url()).search)) {
    const problems = await page.locator('main').innerText();
    throw new Error(`the form was not accepted at ${page.url()}:\n${problems.slice(0, 3000)}`);
  }
}

/** Every approver the open round waits on opens the link mailed to them and approves, until it closes. */
async function approversApprove(mailsBefore: number): Promise<number> {
  let approvals = 0;
  for (let i = 0; i < 20; i++) {
    const pending: string[] = (await getProject(h, projectId)).pendingApprovers;
    if (pending.length === 0) return approvals;
    for (const email of pending) {
      const [mail] = await h.mail.waitFor(
        (m) =>
          h.mail.messages.indexOf(m) >= mailsBefore &&
          m.to.includes(email) &&
          m.messageId?.includes(`<cpo.${projectId}.`) === true &&
          m.messageId.includes('.approval-request.'),
      );
      const link = mail?.links.find((url) => url.startsWith(`${h.baseUrl}/d/`));
      if (!link) throw new Error(`no decision link was mailed to ${email}`);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      const loaded = page.waitForEvent('load');
      await page.getByRole('button', { name: /^(Approve|Goedkeuren)$/ }).click();
      await loaded;
      await context.close();
      approvals++;
    }
  }
  throw new Error('the round never closed');
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}

test('an officer runs a project from creation to evaluation in the workspace, approvers decide from their mail', async () => {
  const { page } = await signInThroughMail(h, browser, officer.email);
  await page.setViewportSize({ width: 1100, height: 760 });

  // New project: the product group first (its lessons appear), then the project itself.
  await page.click('nav.site a[href="/work/projects/new"]');
  await page.fill('input[name=productGroup]', 'office-furniture');
  const chosen = page.waitForEvent('load');
  await page.click('main form[method=get] button[type=submit]');
  await chosen;
  const { approvals: _perGate, ...project } = sampleProject(projectId, {
    organisation,
    title: 'Bureaustoelen zeven stappen',
    requester: { name: officer.name, email: officer.email },
  });
  await fill(page, stateOfValue(newProjectForm(), project));
  await shoot(page, 'new-project');
  await submitForm(page, new RegExp(`^/work/projects/${projectId}\\?done=created$`));
  await shoot(page, 'project-created');

  const steps: string[] = [];
  for (const gate of GATE_IDS) {
    let state = await getProject(h, projectId);
    if (gate === 'end-of-use') {
      // The contract runs for years: its end of use is started from the project page's action.
      expect(state.step).toBe('use-and-execution');
      await page.goto(`${h.baseUrl}/work/projects/${projectId}`);
      await shoot(page, 'readme-project-page');
      await page.click(`main a[href="/work/projects/${projectId}/end-of-use"]`);
      await page.fill('main textarea[name=reason]', 'The chairs are replaced early: the office moves.');
      const started = page.waitForEvent('load');
      await page.click(`main form[action="/work/projects/${projectId}/end-of-use"] button[type=submit]`);
      await started;
      state = await getProject(h, projectId);
    }
    expect(state.gate).toBe(gate);
    await page.click(`main a[href="/work/projects/${projectId}/gates/${gate}"]`);
    await fill(page, stateOfValue(gateForm(gate), sampleDeliverable(gate)));
    if (gate === 'tender-documents') {
      // The README's picture of a form: the award criteria with their running sum.
      await page.locator('main .running-sum').first().scrollIntoViewIfNeeded();
      await page.evaluate('window.scrollBy(0, 260)');
      await shoot(page, 'readme-gate-form');
    }
    const mailsBefore = h.mail.messages.length;
    await submitForm(page, new RegExp(`^/work/projects/${projectId}\\?done=submitted$`));
    expect(await approversApprove(mailsBefore)).toBeGreaterThan(0);
    steps.push((await getProject(h, projectId)).step);
    await page.goto(`${h.baseUrl}/work/projects/${projectId}`);
  }

  expect(steps).toEqual([
    'circular-ambitions',
    'market-dialogue',
    'specify-and-award',
    'specify-and-award',
    'use-and-execution',
    'evaluate',
    'evaluate',
  ]);
  expect((await getProject(h, projectId)).status).toBe('completed');
  await page.reload();
  expect(await page.locator('main').innerText()).toMatch(/completed/i);
  await shoot(page, 'project-completed');
  await page.click('nav.site a[href="/work"]');
  await shoot(page, 'readme-my-work');
}, 900_000);
