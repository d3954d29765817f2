/**
 * The gate forms over real HTTP with the dev server, the worker and the SMTP capture: an officer
 * opens a gate's form, adds a row (kept as a draft that survives a restart of the app on the same
 * DATA_DIR), submits with a problem and sees it beside its field, submits the deliverable and is
 * sent to the project page while the approval round opens; a viewer reads only, another
 * organisation's officer gets the 404 of a missing project, a POST without the CSRF token is
 * refused, and a submission to a gate the project does not wait on shows the workflow's refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleProject } from '../../dev/sample-project';
import { gateForm } from '../../presentation/forms';
import { stateOfValue } from '../../presentation/forms/form-state';
import { escapeHtml } from '../../presentation/html';
import { type Harness, devServerEnvironment, startHarness } from '../helpers/harness';
import { advanceTo, getProject, sampleDeliverable, uniqueId } from '../helpers/project-api';
import { csrfOf, send, signIn } from '../helpers/workspace-http';

const orgA = `Stad Formulier ${uniqueId('a')}`;
const orgB = `Stad Anders ${uniqueId('b')}`;
const officer = {
  email: `${uniqueId('ann')}@a.example`,
  name: 'Ann Officer',
  organisations: [orgA],
  roles: ['officer'],
  locale: 'en',
};
const viewer = {
  email: `${uniqueId('vic')}@a.example`,
  name: 'Vic Viewer',
  organisations: [orgA],
  roles: ['viewer'],
  locale: 'en',
};
const stranger = {
  email: `${uniqueId('sam')}@b.example`,
  name: 'Sam Elsewhere',
  organisations: [orgB],
  roles: ['officer'],
  locale: 'en',
};
const PEOPLE = JSON.stringify([officer, viewer, stranger]);

let env: TestWorkflowEnvironment;
let h: Harness;
let dataDir: string;
const projectId = uniqueId('gate-form');
const gatePath = `/work/projects/${projectId}/gates/circular-need`;

beforeAll(async () => {
  env = await devServerEnvironment();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gate-forms-'));
  h = await startHarness({ env, configEnv: { PEOPLE, DATA_DIR: dataDir } });
  const created = await h
    .api()
    .post('/api/projects')
    .send(sampleProject(projectId, { organisation: orgA }));
  expect(created.status).toBe(202);
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The circular need's sample deliverable as the form posts it. */
const needForm = () => stateOfValue(gateForm('circular-need'), sampleDeliverable('circular-need'));

test('the form shows the step’s key questions and every field, and a POST without the CSRF token is refused', async () => {
  const cookie = await signIn(h, officer.email);
  const page = await send(h, gatePath, { cookie });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Is a purchase needed at all?');
  expect(html).toContain('name="functionalNeed"');
  expect(html).toContain('name="inventory.0.what"');
  expect(html).toContain('Weigh each alternative once');
  const refused = await send(h, gatePath, {
    method: 'POST',
    cookie,
    form: { ...needForm(), _action: 'submit' },
  });
  expect(refused.status).toBe(403);
  expect((await getProject(h, projectId)).status).toBe('awaiting-submission');
});

test('a viewer reads the form but cannot submit it; another organisation’s officer does not find the project', async () => {
  const cookie = await signIn(h, viewer.email);
  const html = await (await send(h, gatePath, { cookie })).text();
  expect(html).toContain('disabled');
  expect(html).not.toContain('value="submit"');
  const csrf = await csrfOf(h, cookie);
  const posted = await send(h, gatePath, {
    method: 'POST',
    cookie,
    form: { ...needForm(), _csrf: csrf, _action: 'submit' },
  });
  expect(posted.status).toBe(403);

  const strangerCookie = await signIn(h, stranger.email);
  const hidden = await send(h, gatePath, { cookie: strangerCookie });
  expect(hidden.status).toBe(404);
  const missing = await send(h, `/work/projects/${uniqueId('missing')}/gates/circular-need`, {
    cookie: strangerCookie,
  });
  expect(missing.status).toBe(404);
  expect(await hidden.text()).toBe(await missing.text());
  const strangerCsrf = await csrfOf(h, strangerCookie);
  const strangerPost = await send(h, gatePath, {
    method: 'POST',
    cookie: strangerCookie,
    form: { ...needForm(), _csrf: strangerCsrf, _action: 'submit' },
  });
  expect(strangerPost.status).toBe(404);
  expect((await getProject(h, projectId)).status).toBe('awaiting-submission');
});

test('"Add another" keeps a draft that a restarted app on the same DATA_DIR shows again', async () => {
  const cookie = await signIn(h, officer.email);
  const csrf = await csrfOf(h, cookie);
  const form = {
    ...needForm(),
    functionalNeed: 'Seats for 40 new colleagues, drafted',
    _csrf: csrf,
    _action: 'add:inventory',
  };
  const added = await send(h, gatePath, { method: 'POST', cookie, form });
  expect(added.status).toBe(200);
  const rows = Object.keys(needForm()).filter((name) => /^inventory\.\d+\.what$/.test(name)).length;
  const html = await added.text();
  expect(html).toContain(`name="inventory.${rows}.what"`);
  expect(html).toMatch(new RegExp(`name="inventory\\.${rows}\\.what" value=""[^>]*autofocus`));

  const restarted = await startHarness({ env, configEnv: { PEOPLE, DATA_DIR: dataDir } });
  try {
    const again = await signIn(restarted, officer.email);
    const page = await (await send(restarted, gatePath, { cookie: again })).text();
    expect(page).toContain('This is your draft');
    expect(page).toContain('Seats for 40 new colleagues, drafted');
    expect(page).toContain(`name="inventory.${rows}.what"`);
  } finally {
    await restarted.close();
  }
});

test('a cross-field rule of the schema reads in the page’s language beside its field', async () => {
  const cookie = await signIn(h, officer.email);
  const csrf = await csrfOf(h, cookie);
  // An inventory line that found nothing, yet records the condition of what it found.
  const form: Record<string, string | string[]> = {
    ...needForm(),
    'inventory.0.result': 'not-available',
    _csrf: csrf,
    _action: 'submit',
  };
  expect(form['inventory.0.condition']).toBeTruthy();
  const problemOf = (html: string) =>
    new RegExp('id="f-inventory_0_condition-problem">([^<]*)<').exec(html)?.[1];

  const dutch = await send(h, `${gatePath}?lang=nl`, { method: 'POST', cookie, form });
  expect(dutch.status).toBe(400);
  const nl = await dutch.text();
  expect(problemOf(nl)).toBe(
    escapeHtml('Een lijn met resultaat "niet beschikbaar" vond niets: laat de staat leeg.'),
  );
  expect(nl).not.toContain('found nothing whose condition');

  const english = await send(h, gatePath, { method: 'POST', cookie, form });
  expect(english.status).toBe(400);
  expect(problemOf(await english.text())).toBe(
    escapeHtml('a line with result "not-available" found nothing whose condition could be recorded'),
  );
  expect((await getProject(h, projectId)).status).toBe('awaiting-submission');
});

test('a problem is shown beside its field and in the summary; the fixed deliverable opens the round', async () => {
  const cookie = await signIn(h, officer.email);
  const csrf = await csrfOf(h, cookie);
  const bad = await send(h, gatePath, {
    method: 'POST',
    cookie,
    form: { ...needForm(), functionalNeed: 'short', _csrf: csrf, _action: 'submit' },
  });
  expect(bad.status).toBe(400);
  const html = await bad.text();
  expect(html).toContain(
    'id="f-functionalNeed" name="functionalNeed" maxlength="5000" aria-describedby="f-functionalNeed-problem" aria-invalid="true"',
  );
  expect(html).toContain(
    '<p class="error field-problem" id="f-functionalNeed-problem">Write at least 10 characters.</p>',
  );
  expect(html).toContain('<a href="#f-functionalNeed">Functional need</a>: Write at least 10 characters.');
  expect((await getProject(h, projectId)).status).toBe('awaiting-submission');

  const good = await send(h, gatePath, {
    method: 'POST',
    cookie,
    form: { ...needForm(), _csrf: csrf, _action: 'submit' },
  });
  expect(good.status).toBe(303);
  expect(good.headers.get('location')).toBe(`/work/projects/${projectId}?done=submitted`);
  const project = await getProject(h, projectId);
  expect(project.status).toBe('awaiting-approval');
  expect(project.submissions['circular-need'].data).toEqual(sampleDeliverable('circular-need'));
  // The draft is gone: the form now shows the submitted version.
  const after = await (await send(h, gatePath, { cookie })).text();
  expect(after).toContain('The form shows version 1, as submitted.');
  expect(after).not.toContain('This is your draft');
});

test('a submission the workflow refuses (a gate the project does not wait on) shows its reason', async () => {
  const cookie = await signIn(h, officer.email);
  const csrf = await csrfOf(h, cookie);
  const award = stateOfValue(gateForm('award'), sampleDeliverable('award'));
  const refused = await send(h, `/work/projects/${projectId}/gates/award`, {
    method: 'POST',
    cookie,
    form: { ...award, _csrf: csrf, _action: 'submit' },
  });
  expect([409, 422]).toContain(refused.status);
  const html = await refused.text();
  expect(html).toContain('class="summary"');
  expect(html).toMatch(
    /takes no deliverable submission now|expects the &quot;circular-need&quot; deliverable now/,
  );

  // On a Dutch page the same refusal reads in Dutch (the rule's text, not the API's English).
  const dutch = await send(h, `/work/projects/${projectId}/gates/award?lang=nl`, {
    method: 'POST',
    cookie,
    form: { ...award, _csrf: csrf, _action: 'submit' },
  });
  expect(dutch.status).toBe(refused.status);
  const nl = await dutch.text();
  expect(nl).toMatch(/Deze stap neemt nu geen inzending aan\.|Het project verwacht nu het deliverable/);
  expect(nl).not.toMatch(/takes no deliverable submission|expects the/);
  expect((await getProject(h, projectId)).submissions.award).toBeUndefined();
});

test('a new version from the form keeps the documents of the current one (uploaded to the case file, not typed)', async () => {
  const id = uniqueId('gate-documents');
  const created = await h
    .api()
    .post('/api/projects')
    .send(sampleProject(id, { organisation: orgA }));
  expect(created.status).toBe(202);
  await advanceTo(h, id, 'market-dialogue');
  const uploaded = await h
    .api()
    .post(`/api/projects/${id}/documents?kind=rfi&name=rfi-office-chairs.txt`)
    .set('content-type', 'text/plain')
    .send(`RFI for office chairs ${id}`);
  expect(uploaded.status).toBe(201);
  const sha256 = (uploaded.body as { sha256: string }).sha256;
  const dialogue = sampleDeliverable('market-dialogue') as Record<string, unknown>;
  const first = await h
    .api()
    .post(`/api/projects/${id}/submissions/market-dialogue`)
    .send({ ...dialogue, documents: [{ sha256 }] });
  expect(first.status).toBe(200);

  const cookie = await signIn(h, officer.email);
  const formPath = `/work/projects/${id}/gates/market-dialogue`;
  const html = await (await send(h, formPath, { cookie })).text();
  expect(html).toContain('rfi-office-chairs.txt');
  const form = stateOfValue(gateForm('market-dialogue'), dialogue);
  const csrf = await csrfOf(h, cookie);
  const again = await send(h, formPath, {
    method: 'POST',
    cookie,
    form: { ...form, _csrf: csrf, _action: 'submit' },
  });
  expect(again.status).toBe(303);
  const submission = (await getProject(h, id)).submissions['market-dialogue'];
  expect(submission.version).toBe(2);
  expect(submission.data.documents.map((ref: { sha256: string }) => ref.sha256)).toEqual([sha256]);

  // An upload from the form (multipart) joins the draft and goes with the next submission.
  const multipart = new FormData();
  multipart.append('_csrf', csrf);
  multipart.append('kind', 'consultation-report');
  multipart.append(
    'file',
    new Blob([`Consultation report ${id}`], { type: 'text/plain' }),
    'consultation.txt',
  );
  const upload = await fetch(`${h.baseUrl}${formPath}/documents`, {
    method: 'POST',
    headers: { cookie, origin: h.baseUrl },
    body: multipart,
    redirect: 'manual',
  });
  expect(upload.status).toBe(303);
  expect(upload.headers.get('location')).toBe(`${formPath}?upload=done`);
  const withUpload = await (await send(h, `${formPath}?upload=done`, { cookie })).text();
  expect(withUpload).toContain('The document is in the case file');
  expect(withUpload).toContain('consultation.txt');
  const third = await send(h, formPath, {
    method: 'POST',
    cookie,
    form: { ...form, _csrf: csrf, _action: 'submit' },
  });
  expect(third.status).toBe(303);
  const latest = (await getProject(h, id)).submissions['market-dialogue'];
  expect(latest.version).toBe(3);
  expect(latest.data.documents.map((ref: { name: string }) => ref.name)).toEqual([
    'rfi-office-chairs.txt',
    'consultation.txt',
  ]);
});
