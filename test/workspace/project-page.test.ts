/**
 * The project page over real HTTP (dev server, worker, SMTP capture): its sections for a project
 * driven through the API into its contract, earlier versions of a deliverable, the actions a person's
 * role and the project's state allow, the Temporal UI link for operators only, the notices after an
 * action, the scope (another organisation's project is the missing project's 404) and the live
 * stream that tells an open page about a decision made through the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { samplePeople, sampleProject } from '../../dev/sample-project';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  decide,
  getProject,
  sampleDeliverable,
  settledHistoryLength,
  submit,
  uniqueId,
} from '../helpers/project-api';
import { sendWithCookie, signInOverHttp } from '../helpers/workspace-http';
import { pdfBytes } from '../documents/files';

const orgA = `Stad A ${uniqueId('page')}`;
const orgB = `Stad B ${uniqueId('page')}`;
const person = (name: string, roles: string[], locale = 'en') => ({
  email: `${uniqueId(name)}@a.example`.toLowerCase(),
  name,
  organisations: [orgA],
  roles,
  locale,
  timeZone: 'Europe/Brussels',
});
const officer = person('officer', ['officer']);
const operator = person('operator', ['operator']);
const viewer = person('viewer', ['viewer']);
// Asked to decide on the circular need instead of the sample's purchaser.
const approver = person('approver', ['viewer'], 'nl');
const TEMPORAL_UI_URL = 'https://temporal-ui.example.org';

const approvers = sampleProject('x').approvers.map((a) =>
  a.email === samplePeople.purchaser.email ? { ...a, email: approver.email, name: approver.name } : a,
);
const contractProject = uniqueId('page-contract');
const roundProject = uniqueId('page-round');
const otherProject = uniqueId('page-other');

const awardReport = pdfBytes('Gunningsverslag bureaustoelen');
let awardReportId: string;
let dataDir: string;
let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'project-page-'));
  env = await devServerEnvironment();
  h = await startHarness({
    env,
    configEnv: {
      DATA_DIR: dataDir,
      PEOPLE: JSON.stringify([officer, operator, viewer, approver]),
      TEMPORAL_UI_URL,
    },
    extraPeople: [approver],
  });

  await createProject(h, contractProject, { organisation: orgA, title: 'Bureaustoelen' });
  await createProject(h, roundProject, { organisation: orgA, title: 'Vergadertafels', approvers });
  await createProject(h, otherProject, { organisation: orgB, title: `Project of ${orgB}` });
  const uploaded = await h
    .api()
    .post(`/api/projects/${contractProject}/documents?kind=award-report&name=Gunningsverslag.pdf`)
    .set('Content-Type', 'application/octet-stream')
    .send(awardReport);
  expect(uploaded.status).toBe(201);
  awardReportId = uploaded.body.sha256;
  await advanceTo(h, contractProject, 'award');
  await submit(h, contractProject, 'award', {
    ...(sampleDeliverable('award') as object),
    documents: [{ sha256: awardReportId }],
  });
  await approveRound(h, contractProject);
}, 180_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

const page = async (cookie: string, path: string) => {
  const response = await sendWithCookie(h, path, cookie);
  return { status: response.status, html: await response.text() };
};

test('a project in its contract shows every section, the actions of an officer, the .ics of its moments and its documents', async () => {
  const state = await getProject(h, contractProject);
  expect(state.status).toBe('in-contract');
  const cookie = (await signInOverHttp(h, officer.email)).cookie;
  const { status, html } = await page(cookie, `/work/projects/${contractProject}`);
  expect(status).toBe(200);

  // The progress line: seven steps, the fifth is where the project is.
  const steps = [...html.matchAll(/<li class="(done|current|to-come)"/g)].map((m) => m[1]);
  expect(steps).toEqual(['done', 'done', 'done', 'done', 'current', 'to-come', 'to-come']);
  expect(html).toMatch(/<li class="current" aria-current="step"><span class="step">5\. Use/);
  for (const heading of [
    'What happens next',
    'Deliverables per step',
    'Contract plan',
    'Lessons of the product group',
    'Documents of the case file',
    'Timeline',
  ])
    expect(html).toContain(`>${heading}</h2>`);
  // No round is open in the contract.
  expect(html).not.toContain('Open approval round');
  // The deliverables in the approvers' words (domain/digest.ts), with catalogue labels.
  expect(html).toContain('Supplier: Circulair Meubel NV');
  expect(html).toContain(
    `${state.contract.manager.name} (${state.contract.manager.email}), the contract manager`,
  );

  // The timeline, newest first, in the person's time zone.
  const times = [...html.matchAll(/<time datetime="([^"]+)">[^<]*\(Europe\/Brussels\)<\/time>/g)].map(
    (m) => m[1] as string,
  );
  expect(times.length).toBeGreaterThan(10);
  expect([...times].sort().reverse()).toEqual(times);

  for (const action of [
    'reviews/new',
    'amendments/new',
    'end-of-use',
    'resend',
    'approval-settings',
    'cancel',
  ])
    expect(html).toContain(`href="/work/projects/${contractProject}/${action}"`);
  expect(html).not.toContain(`/work/projects/${contractProject}/decision"`);
  expect(html).not.toContain(`/work/projects/${contractProject}/gates/`);
  expect(html).not.toContain(TEMPORAL_UI_URL);

  // Each follow-up moment's calendar file: the same invitation (UID, sequence) as the mail's.
  const moment = state.contract.moments[0];
  const ics = `/work/projects/${contractProject}/moments/${moment.id}.ics`;
  expect(html).toContain(`href="${ics}"`);
  const calendar = await sendWithCookie(h, ics, cookie);
  expect(calendar.status).toBe(200);
  expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
  const body = await calendar.text();
  expect(body).toContain(`UID:${moment.id}.${contractProject}@gent.example`);
  expect(body).toContain(`DTSTART;VALUE=DATE:${moment.dueOn.replace(/-/g, '')}`);
  expect((await sendWithCookie(h, `/work/projects/${contractProject}/moments/nope.ics`, cookie)).status).toBe(
    404,
  );
}, 120_000);

test('earlier versions stay readable, and the open round says who decided what and who must still decide', async () => {
  await submit(h, roundProject, 'circular-need');
  await eventually(async () => (await getProject(h, roundProject)).pendingApprovers.includes(approver.email));
  const asked = await decide(h, roundProject, approver.email, {
    decision: 'request-changes',
    comment: 'Meer aandacht voor hergebruik',
  });
  expect(asked.status).toBe(200);
  await submit(h, roundProject, 'circular-need');
  await eventually(async () => (await getProject(h, roundProject)).pendingApprovers.includes(approver.email));

  const asApprover = (await signInOverHttp(h, approver.email)).cookie;
  const { html } = await page(asApprover, `/work/projects/${roundProject}`);
  expect(html).toContain('>Open goedkeuringsronde</h2>');
  expect(html).toContain('Versie 2, ingediend door');
  expect(html).toMatch(/<details><summary>Eerdere versie: ronde 1, ingediend op [^<]+<\/summary>/);
  expect(html).toContain('“Meer aandacht voor hergebruik”');
  expect(html).toContain(`${approver.name} (${approver.email}) <strong>(aan de beurt)</strong>`);
  // A pending approver may decide; as a viewer, nothing else.
  expect(html).toContain(`href="/work/projects/${roundProject}/decision"`);
  expect(html).not.toContain(`/work/projects/${roundProject}/cancel"`);

  const asOfficer = (await signInOverHttp(h, officer.email)).cookie;
  const officerPage = (await page(asOfficer, `/work/projects/${roundProject}`)).html;
  expect(officerPage).not.toContain(`/work/projects/${roundProject}/decision"`);
  expect(officerPage).toContain(`href="/work/projects/${roundProject}/gates/circular-need"`);
  expect(officerPage).toContain(`href="/work/projects/${roundProject}/cancel"`);
}, 120_000);

test('operators see the workflow in the Temporal UI, viewers do not', async () => {
  const link = `${TEMPORAL_UI_URL}/namespaces/default/workflows/procurement-${contractProject}`;
  const asOperator = (await signInOverHttp(h, operator.email)).cookie;
  expect((await page(asOperator, `/work/projects/${contractProject}`)).html).toContain(`href="${link}"`);
  const asViewer = (await signInOverHttp(h, viewer.email)).cookie;
  const viewerPage = (await page(asViewer, `/work/projects/${contractProject}`)).html;
  expect(viewerPage).toContain('Bureaustoelen');
  expect(viewerPage).not.toContain(TEMPORAL_UI_URL);
  expect(viewerPage).not.toContain('class="button"');
});

test('an action page’s code becomes a polite notice; an unknown code shows none', async () => {
  const cookie = (await signInOverHttp(h, officer.email)).cookie;
  const done = await page(cookie, `/work/projects/${contractProject}?done=review-recorded`);
  expect(done.html).toContain('<p class="notice" role="status">The review was recorded.</p>');
  const unknown = await page(cookie, `/work/projects/${contractProject}?done=%3Cscript%3E`);
  expect(unknown.status).toBe(200);
  expect(unknown.html).not.toContain('class="notice"');
});

test("another organisation's project, its stream, calendar and documents are the missing project's 404", async () => {
  const cookie = (await signInOverHttp(h, officer.email)).cookie;
  const other = await page(cookie, `/work/projects/${otherProject}`);
  const missing = await page(cookie, `/work/projects/${uniqueId('missing')}`);
  expect(other.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(other.html).toBe(missing.html);
  expect(other.html).not.toContain(orgB);
  expect((await sendWithCookie(h, `/work/projects/${otherProject}/events`, cookie)).status).toBe(404);
  expect((await sendWithCookie(h, `/work/projects/${otherProject}/moments/x.ics`, cookie)).status).toBe(404);
  const foreign = await sendWithCookie(
    h,
    `/work/projects/${otherProject}/documents/${awardReportId}`,
    cookie,
  );
  expect(foreign.status).toBe(404);
  expect(await foreign.text()).toBe(missing.html);
});

/** Reads a Server-Sent Events stream: `until(text)` waits for it to arrive and returns all read so far. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(wanted: string): Promise<string> {
      while (!text.includes(wanted)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended before "${wanted}": ${text}`);
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
  };
}

test('the stream tells an open page about a decision made through the API, and a session holds few streams', async () => {
  const cookie = (await signInOverHttp(h, approver.email)).cookie;
  // Mail of the last submission done: only the decision below changes the project.
  await settledHistoryLength(h, roundProject);
  const html = (await page(cookie, `/work/projects/${roundProject}`)).html;
  const events = /data-events="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  expect(events).toMatch(new RegExp(`^/work/projects/${roundProject}/events\\?since=`));

  const aborts: AbortController[] = [];
  const open = async () => {
    const abort = new AbortController();
    aborts.push(abort);
    return sendWithCookie(h, events as string, cookie, { signal: abort.signal });
  };
  try {
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const read = eventReader(stream.body as ReadableStream<Uint8Array>);
    expect(await read.until('retry:')).not.toContain('event:');
    // Nothing changed since the page was read: no event yet. Then a decision arrives by the API.
    const decided = await decide(h, roundProject, approver.email, { decision: 'approve' });
    expect(decided.status).toBe(200);
    const text = await read.until('event: changed');
    expect(text).toMatch(/event: changed\ndata: \{"version":"[^"]+"\}/);

    // Three more streams of the same session are fine (tabs); a fifth is refused.
    for (let i = 0; i < 3; i++) expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(429);
  } finally {
    for (const abort of aborts) abort.abort();
  }
}, 60_000);
