/**
 * The form engine against every gate's schema: the maximal deliverable of each gate
 * (test/helpers/maximal-deliverables.ts) is shown in its form, Chromium reads the form's fields as
 * it would post them (FormData), and parsing that post gives back the deliverable, equal in every
 * field; the new project's form does the same for a maximal project. What the schema validates is
 * what the officer sees and sends.
 */
import type { Browser, Page } from 'playwright-core';
import { GATE_IDS } from '../../../domain/catalogue';
import { addDays, addMonths } from '../../../domain/follow-up';
import { DEFAULT_FOLLOW_UP_CADENCE, createProject, deliverableSchemas } from '../../../domain/schemas';
import { stateOfValue } from '../../../presentation/forms/form-state';
import { gateForm, newProjectForm } from '../../../presentation/forms';
import type { FieldNode } from '../../../presentation/forms/describe';
import type { FormId } from '../../../presentation/forms/labels';
import { parseForm } from '../../../presentation/forms/parse';
import { noProblems } from '../../../presentation/forms/problems';
import { renderNode } from '../../../presentation/forms/render';
import { launchChromium } from '../../helpers/browser';
import { maximalDeliverable } from '../../helpers/maximal-deliverables';
import { maximalProject, maximalTeam } from '../../helpers/maximal-inputs';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const today = new Date().toISOString().slice(0, 10);
const team = maximalTeam();
const context = {
  team,
  contractStart: addDays(today, 14),
  contractEnd: addMonths(addDays(today, 14), 36),
  followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 1 },
  pastDate: addDays(today, -30),
};

/**
 * The value without its empty lists: a form shows an empty list and an absent one alike (no rows),
 * and the maximal deliverable may leave an optional list empty to stay within its size limit.
 */
function withoutEmptyLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyLists);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => !(Array.isArray(field) && field.length === 0))
      .map(([key, field]) => [key, withoutEmptyLists(field)]),
  );
}

/** The form's fields as the browser posts them: FormData of the rendered form, in document order. */
async function postedBy(form: FormId, node: FieldNode, value: unknown): Promise<Record<string, string[]>> {
  const html = renderNode(node, {
    form,
    locale: 'en',
    state: stateOfValue(node, value),
    problems: noProblems(),
  }).html;
  await page.setContent(`<!doctype html><form method="post">${html}</form>`);
  // An expression, not a function: this project's TypeScript has no DOM types.
  const entries = await page.evaluate<[string, string][]>(
    '[...new FormData(document.forms[0]).entries()].map(([name, value]) => [name, String(value)])',
  );
  const posted: Record<string, string[]> = {};
  for (const [name, value] of entries) (posted[name] ??= []).push(value);
  return posted;
}

test.each(GATE_IDS)(
  'the maximal %s deliverable survives its form: rendered, posted by Chromium, parsed back equal',
  async (gate) => {
    const deliverable = maximalDeliverable(gate, context);
    // It is a valid deliverable to begin with, so the round trip is about the form alone.
    expect(deliverableSchemas[gate].safeParse(deliverable).success).toBe(true);
    const node = gateForm(gate);
    const parsed = parseForm(node, await postedBy(gate, node, deliverable));
    expect(withoutEmptyLists(parsed)).toEqual(withoutEmptyLists(deliverable));
    expect(withoutEmptyLists(deliverableSchemas[gate].parse(parsed))).toEqual(
      withoutEmptyLists(deliverableSchemas[gate].parse(deliverable)),
    );
  },
);

test('a maximal new project survives its form (without its approval settings, set per gate later)', async () => {
  const { approvals: _settings, ...project } = maximalProject('round-trip-project', 'office-furniture', team);
  expect(createProject.safeParse(project).success).toBe(true);
  const node = newProjectForm();
  expect(parseForm(node, await postedBy('new-project', node, project))).toEqual(project);
});
