/**
 * What an operator sees: the `temporal` CLI finds a project by its step, and the Temporal Web UI
 * (served by the dev server, opened in Debian's Chromium) lists it for the same query and shows
 * its search attributes and current details. This file runs its own dev server with the UI on.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { resolveTemporalBinaryPath } from '../../dev/temporal-binaries';
import { workflowIdFor } from '../../domain/project';
import { advanceTo, createProject, people, submit, uniqueId } from '../helpers/project-api';
import { launchChromium } from '../helpers/browser';
import { type Harness, eventually, startHarness, startLocalDevServer } from '../helpers/harness';
import { freePorts } from '../helpers/npm-start';

const run = promisify(execFile);
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

let cli: string;
let uiPort: number;
let env: TestWorkflowEnvironment;
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  cli = await resolveTemporalBinaryPath('cli');
  [uiPort] = (await freePorts(1)) as [number];
  env = await startLocalDevServer({ port: uiPort });
  h = await startHarness({ env });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await env?.teardown();
});

test('a project in step 4 is found by `temporal workflow list` and in the Temporal UI, with its step, status and pending approvers', async () => {
  const id = uniqueId('operator-view');
  await createProject(h, id);
  await advanceTo(h, id, 'tender-documents');
  await submit(h, id, 'tender-documents');
  const workflowId = workflowIdFor(id);

  const listed = await eventually(async () => {
    const { stdout } = await run(cli, [
      'workflow',
      'list',
      '--address',
      env.address,
      '--query',
      "ProcurementStep='specify-and-award'",
      '--output',
      'json',
    ]);
    return stdout.includes(workflowId) ? stdout : undefined;
  });
  expect(listed).toContain(workflowId);

  const { stdout: described } = await run(cli, [
    'workflow',
    'describe',
    '--address',
    env.address,
    '--workflow-id',
    workflowId,
    '--output',
    'json',
  ]);
  const fields = (
    JSON.parse(described) as {
      workflowExecutionInfo: { searchAttributes: { indexedFields: Record<string, { data: string }> } };
    }
  ).workflowExecutionInfo.searchAttributes.indexedFields;
  const decoded = (name: string): unknown =>
    JSON.parse(Buffer.from(fields[name]?.data ?? '', 'base64').toString('utf8'));
  expect(decoded('ProcurementStep')).toBe('specify-and-award');
  expect(decoded('ProcurementStatus')).toBe('awaiting-approval');
  expect(decoded('PendingApprovers')).toEqual(
    expect.arrayContaining([people.manager.email, people.purchaser.email]),
  );
  expect(decoded('ProductGroup')).toBe('office-furniture');

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const query = encodeURIComponent("ProcurementStep='specify-and-award'");
  await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows?query=${query}`);
  await page.getByText(workflowId).first().waitFor({ timeout: 30_000 });

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'temporal-ui-list.png'), fullPage: true });

  // The workflow page: search attributes in their tab, the current details ("case file") in User Metadata.
  await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows/${workflowId}`);
  await page
    .getByRole('link', { name: 'Search Attributes' })
    .or(page.getByRole('tab', { name: 'Search Attributes' }))
    .first()
    .click();
  await page.getByText('awaiting-approval').first().waitFor({ timeout: 30_000 });
  const attributes = await page.locator('body').innerText();
  expect(attributes).toContain('specify-and-award');
  expect(attributes).toContain('office-furniture');
  expect(attributes).toContain(people.manager.email);
  await page.screenshot({ path: path.join(ARTIFACTS, 'temporal-ui-search-attributes.png'), fullPage: true });

  await page
    .getByRole('link', { name: 'User Metadata' })
    .or(page.getByRole('tab', { name: 'User Metadata' }))
    .first()
    .click();
  // The UI renders the markdown in a sandboxed frame: read the text of every frame.
  const details = await eventually(async () => {
    const texts = await Promise.all(
      page.frames().map((frame) =>
        frame
          .locator('body')
          .innerText()
          .catch(() => ''),
      ),
    );
    const all = texts.join('\n');
    return all.includes('Waiting for approval of') ? all : undefined;
  }, 30_000);
  expect(details).toContain('Specify: tender documents');
  expect(details).toContain(people.manager.email);
  await page.screenshot({ path: path.join(ARTIFACTS, 'temporal-ui-current-details.png'), fullPage: true });
  process.stdout.write(`Temporal UI screenshots: ${ARTIFACTS}/temporal-ui-*.png\n`);
  await page.close();
}, 90_000);

test("the workflow's stack trace (the UI's Stack Trace tab) still shows where a waiting project waits, in our source", async () => {
  const id = uniqueId('stack-trace');
  await createProject(h, id);
  // Only a few frames are kept per promise (worker/workflow-stack-traces.ts): the nearest ones.
  const trace = await eventually(async () => {
    const text = await h.client.workflow.getHandle(workflowIdFor(id)).query<string>('__stack_trace');
    // Right after the start it may still be loading the lessons of earlier projects.
    if (!text.includes('detachedLoop')) throw new Error(`not waiting in the main loop yet:\n${text}`);
    return text;
  });
  expect(trace).toMatch(/detachedLoop \(.*workflows\/procurement\/main-loop\.ts:\d+:\d+\)/);
});

test('the worker gives a call into the workflow sandbox 20 s, not the 5 s that a busy machine exceeded while loading', () => {
  // Read by the SDK although its type leaves it out (worker/worker.ts): this fails if it stops.
  expect(h.worker.options.isolateExecutionTimeoutMs).toBe(20_000);
});
