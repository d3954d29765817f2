/**
 * The new-project page over real HTTP: the product group first, then its lessons and the form; a
 * problem beside its field, a project for another organisation refused, a taken id refused, and a
 * valid project started by the same function as the API's (it is then there through the API).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sampleProject } from '../../dev/sample-project';
import { newProjectForm } from '../../presentation/forms';
import { stateOfValue } from '../../presentation/forms/form-state';
import { lessonsWorkflowIdFor } from '../../domain/project';
import { addLessonSignal, productGroupLessonsWorkflow } from '../../workflows/lessons';
import {
  type Harness,
  devServerEnvironment,
  eventually,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import { getProject, uniqueId } from '../helpers/project-api';
import { csrfOf, send, signIn } from '../helpers/workspace-http';

const organisation = `Stad Nieuw ${uniqueId('org')}`;
const officer = {
  email: `${uniqueId('nina')}@n.example`,
  name: 'Nina Officer',
  organisations: [organisation],
  roles: ['officer'],
  locale: 'en',
};
const viewer = {
  email: `${uniqueId('vera')}@n.example`,
  name: 'Vera Viewer',
  organisations: [organisation],
  roles: ['viewer'],
  locale: 'nl',
};

let env: TestWorkflowEnvironment;
let h: Harness;
beforeAll(
  async () =>
    ({ env, h } = await startFileHarness(devServerEnvironment, {
      configEnv: { PEOPLE: JSON.stringify([officer, viewer]) },
    })),
);
afterAll(() => stopFileHarness(h, env));

/** A project's fields as the form posts them (its approval settings are not on the form). */
function projectForm(id: string, overrides: Parameters<typeof sampleProject>[1] = {}) {
  const { approvals: _settings, ...project } = sampleProject(id, { organisation, ...overrides });
  return stateOfValue(newProjectForm(), project);
}

// Each page reads the lessons of its product group; on a loaded machine a test takes well over a minute.
test('the product group comes first; its lessons then show above the form, prefilled with the officer', async () => {
  const cookie = await signIn(h, officer.email);
  const first = await (await send(h, '/work/projects/new', { cookie })).text();
  expect(first).toContain('name="productGroup"');
  expect(first).not.toContain('name="title"');
  const group = uniqueId('group');
  const page = await (await send(h, `/work/projects/new?productGroup=${group}`, { cookie })).text();
  expect(page).toContain(`Lessons of earlier projects (${group})`);
  expect(page).toContain('There are no lessons for this product group yet.');
  expect(page.indexOf('Lessons of earlier projects')).toBeLessThan(page.indexOf('name="title"'));
  expect(page).toContain(`name="requester.email" value="${officer.email}"`);
  expect(page).toContain(`name="organisation" value="${organisation}"`);
  const bad = await send(h, '/work/projects/new?productGroup=Not%20A%20Slug', { cookie });
  expect(bad.status).toBe(400);
}, 180_000);

test('the lessons an earlier project of the group left are shown before the form', async () => {
  const group = uniqueId('lessons-group');
  const lesson = {
    projectId: uniqueId('earlier'),
    title: 'Bureaustoelen 2024',
    organisation,
    completedAt: new Date().toISOString(),
    outcome: 'completed' as const,
    lessons: ['Ask for a buy-back price per chair in the tender'],
    nextTime: 'Hold the market dialogue before the summer',
    targetMet: 'partial',
  };
  // As a finished project publishes them (activities/index.ts publishLessons).
  await h.client.workflow.signalWithStart(productGroupLessonsWorkflow, {
    workflowId: lessonsWorkflowIdFor(group),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ productGroup: group }],
    signal: addLessonSignal,
    signalArgs: [lesson],
  });
  const cookie = await signIn(h, officer.email);
  const page = await eventually(async () => {
    const html = await (await send(h, `/work/projects/new?productGroup=${group}`, { cookie })).text();
    return html.includes('Bureaustoelen 2024') && html;
  });
  expect(page).toContain('Ask for a buy-back price per chair in the tender');
  expect(page).toContain('Hold the market dialogue before the summer');
  expect(page.indexOf('Ask for a buy-back price')).toBeLessThan(page.indexOf('name="title"'));
}, 180_000);

test('a valid project starts and leads to its page; problems, another organisation and a taken id are refused', async () => {
  const cookie = await signIn(h, officer.email);
  const csrf = await csrfOf(h, cookie);
  const id = uniqueId('new-project');
  const post = (form: Record<string, string[]>) =>
    send(h, '/work/projects/new', {
      method: 'POST',
      cookie,
      form: { ...form, _csrf: csrf, _action: 'submit' },
    });

  const invalid = await post({ ...projectForm(id), title: [''] });
  expect(invalid.status).toBe(400);
  expect(await invalid.text()).toContain('<a href="#f-title">Title</a>: Fill this in.');

  const elsewhere = await post(projectForm(id, { organisation: 'Another City' }));
  expect(elsewhere.status).toBe(403);
  expect(await elsewhere.text()).toContain('You can only start projects of your own organisations.');

  const started = await post(projectForm(id));
  expect(started.status).toBe(303);
  expect(started.headers.get('location')).toBe(`/work/projects/${id}?done=created`);
  const project = await getProject(h, id);
  expect(project.organisation).toBe(organisation);
  expect(project.step).toBe('circular-need');

  const taken = await post(projectForm(id));
  expect(taken.status).toBe(409);
  expect(await taken.text()).toContain('A project with this id exists');
}, 180_000);

test('a viewer cannot start a project', async () => {
  const cookie = await signIn(h, viewer.email);
  const csrf = await csrfOf(h, cookie);
  const page = await (await send(h, '/work/projects/new?productGroup=office-furniture', { cookie })).text();
  expect(page).toContain('Enkel aankopers kunnen een project starten.');
  const id = uniqueId('viewer-project');
  const refused = await send(h, '/work/projects/new', {
    method: 'POST',
    cookie,
    form: { ...projectForm(id), _csrf: csrf, _action: 'submit' },
  });
  expect(refused.status).toBe(403);
  expect((await h.api().get(`/api/projects/${id}`)).status).toBe(404);
}, 180_000);
