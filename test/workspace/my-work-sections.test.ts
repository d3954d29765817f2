/**
 * My work's sections and portfolio over real HTTP against the dev server: each section shows a
 * project put in its state through the API (or, where only time gets a project there — a round past
 * its deadline, an overdue review — a project continued as new with that state), and every count
 * comes from visibility. Another organisation's project where the person has no part never counts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  sampleAward,
  sampleAwardLegalFrame,
  sampleEvaluation,
  sampleNeed,
  sampleNoPurchaseNeed,
  samplePeople,
  sampleProject,
} from '../../dev/sample-project';
import { myWorkQueries } from '../../api/workspace/my-work';
import { stepLabel } from '../../domain/catalogue';
import { workflowIdFor } from '../../domain/project';
import type { ProjectState } from '../../domain/project';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas/award';
import { statusLabel } from '../../presentation/labels';
import { cancelSignal } from '../../workflows/messages';
import { procurementWorkflow } from '../../workflows/procurement';
import { initialState } from '../../workflows/procurement/context';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  daysFromNow,
  submit,
  uniqueId,
} from '../helpers/project-api';
import { type WorkspaceSession, signInOverHttp } from '../helpers/workspace-http';

const orgM = `Stad Werk ${uniqueId('m')}`;
const orgX = `Stad Anders ${uniqueId('x')}`;
const mia = {
  email: `${uniqueId('mia')}@werk.example`.toLowerCase(),
  name: 'Mia Officer',
  organisations: [orgM],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const ids = {
  waiting: uniqueId('mw-waiting'),
  submit: uniqueId('mw-submit'),
  contract: uniqueId('mw-contract'),
  overdueRound: uniqueId('mw-round'),
  overdueReview: uniqueId('mw-review'),
  avoided: uniqueId('mw-avoided'),
};
const unrelated = uniqueId('mw-unrelated');
const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

let env: TestWorkflowEnvironment;
let h: Harness;
let miaSession: WorkspaceSession;

/** Step 1 waits on one approver whose round's deadline (escalate) passed a day ago. */
function roundPastItsDeadline(id: string): ProjectState {
  const state = initialState(
    sampleProject(id, { organisation: orgM, title: 'Round past its deadline' }),
    hoursAgo(48),
  );
  const { roles: _roles, ...approver } = state.team[0] as (typeof state.team)[number];
  state.status = 'awaiting-approval';
  state.submissions['circular-need'] = {
    gate: 'circular-need',
    data: sampleNeed,
    submittedAt: hoursAgo(30),
    submittedBy: state.requester.email,
    version: 1,
  };
  state.rounds.push({
    gate: 'circular-need',
    number: 1,
    policy: { rule: 'all', sequential: false },
    slots: [{ approver, holder: approver, delegations: [], requestedAt: hoursAgo(30), remindersSent: 0 }],
    openedAt: hoursAgo(30),
    submittedBy: state.requester.email,
    digest: { nl: [], en: [] },
    deadline: { afterHours: 6, outcome: 'escalate', at: hoursAgo(24), handled: true },
    reminders: { everyHours: 72, escalateAfter: 2, sent: 0 },
    escalatedAt: hoursAgo(24),
    status: 'open',
  });
  return state;
}

/** In contract, its periodic review two days overdue. */
function reviewOverdue(id: string): ProjectState {
  const state = initialState(
    sampleProject(id, { organisation: orgM, title: 'Review overdue' }),
    hoursAgo(24 * 200),
  );
  state.step = 'use-and-execution';
  delete state.gate;
  state.status = 'in-contract';
  state.contract = {
    supplier: 'Circulair Meubel NV',
    start: daysFromNow(-100),
    end: daysFromNow(900),
    originalEnd: daysFromNow(900),
    cadence: { ...DEFAULT_FOLLOW_UP_CADENCE },
    awardedOn: daysFromNow(-130),
    anchor: daysFromNow(-100),
    manager: samplePeople.contractManager,
    expectedLifetimeYears: 10,
    moments: [
      {
        id: `periodic-review-${daysFromNow(-2)}`,
        kind: 'periodic-review',
        dueOn: daysFromNow(-2),
        sequence: 0,
        announcedTo: samplePeople.contractManager.email,
        announcedAt: hoursAgo(24 * 9),
      },
    ],
    amendments: [],
  };
  return state;
}

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([mia]) } });
  const asked = sampleProject('x').approvers.map((approver) =>
    approver.email === samplePeople.purchaser.email
      ? { ...approver, email: mia.email, name: mia.name }
      : approver,
  );
  await createProject(h, ids.waiting, { organisation: orgM, title: 'Waiting on Mia', approvers: asked });
  await submit(h, ids.waiting, 'circular-need');
  await createProject(h, ids.submit, {
    organisation: orgM,
    title: 'Mia must submit',
    requester: { name: mia.name, email: mia.email },
  });
  await createProject(h, ids.contract, { organisation: orgM, title: 'Contract ending soon' });
  await advanceTo(h, ids.contract, 'award');
  await submit(
    h,
    ids.contract,
    'award',
    sampleAward(daysFromNow(30), daysFromNow(120), {
      followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, kickOffWithinDays: 3 },
      // Decided a month ago: the standstill has passed, the contract runs at once.
      legalFrame: sampleAwardLegalFrame(daysFromNow(-30)),
    }),
  );
  await approveRound(h, ids.contract);
  await createProject(h, ids.avoided, { organisation: orgM, title: 'Reused instead' });
  await submit(h, ids.avoided, 'circular-need', sampleNoPurchaseNeed);
  await approveRound(h, ids.avoided);
  await submit(h, ids.avoided, 'evaluate', sampleEvaluation);
  await approveRound(h, ids.avoided);
  for (const state of [roundPastItsDeadline(ids.overdueRound), reviewOverdue(ids.overdueReview)])
    await h.client.workflow.start(procurementWorkflow, {
      workflowId: workflowIdFor(state.projectId),
      taskQueue: h.config.temporal.taskQueue,
      args: [{ kind: 'continued', state }],
    });
  // Another organisation's project, submitted, in step 1: Mia has no part in it.
  await createProject(h, unrelated, { organisation: orgX, title: 'Not Mia’s business' });
  await submit(h, unrelated, 'circular-need');
  miaSession = await signInOverHttp(h, mia.email);
}, 240_000);
afterAll(async () => {
  for (const id of [ids.overdueRound, ids.overdueReview])
    await h?.client.workflow
      .getHandle(workflowIdFor(id))
      .signal(cancelSignal, { reason: 'test finished', by: 'test@gent.example' })
      .catch(() => undefined);
  await h?.close();
  await env?.teardown();
});

interface Section {
  count: number;
  ids: string[];
}

/** Each section of the page: the count in its heading and the projects it links to. */
function sectionsOf(html: string): Record<string, Section> {
  const sections: Record<string, Section> = {};
  for (const match of html.matchAll(/<section aria-labelledby="([^"]+)">([\s\S]*?)<\/section>/g)) {
    const [, id, body] = match as unknown as [string, string, string];
    sections[id] = {
      count: Number(/\((\d+)\)<\/h2>/.exec(body)?.[1]),
      ids: [...body.matchAll(/href="\/work\/projects\/([^"]+)"/g)].map((link) => link[1] as string),
    };
  }
  return sections;
}

/** The number in a portfolio table's row. */
const rowCount = (html: string, label: string): number =>
  Number(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`).exec(html)?.[1]);

const expected: Record<string, string[]> = {
  waiting: [ids.waiting],
  submit: [ids.submit],
  reviews: [ids.contract, ids.overdueReview],
  'overdue-rounds': [ids.overdueRound],
  'contracts-ending': [ids.contract],
  recent: Object.values(ids),
};

test('each section lists the project put in its state, with its count, once visibility has them', async () => {
  // Visibility is eventually consistent: wait for the last state of every project.
  const html = await eventually(
    async () => {
      const page = await (await miaSession.get('/work')).text();
      const sections = sectionsOf(page);
      const settled = Object.entries(expected).every(
        ([id, projects]) => sections[id]?.count === projects.length,
      );
      return settled && rowCount(page, 'Purchases avoided') === 1 ? page : undefined;
    },
    90_000,
    500,
  );
  const sections = sectionsOf(html);
  for (const [id, projects] of Object.entries(expected)) {
    expect({ id, ids: [...(sections[id]?.ids ?? [])].sort() }).toEqual({ id, ids: [...projects].sort() });
    expect({ id, count: sections[id]?.count }).toEqual({ id, count: projects.length });
  }
  expect(html).not.toContain(unrelated);
  expect(html).toContain('Contracts ending within 180 days');
});

test("the portfolio counts the organisation's projects per step and status, purchases avoided and overdue reviews", async () => {
  const html = await eventually(async () => {
    const page = await (await miaSession.get('/work')).text();
    return rowCount(page, 'Overdue reviews') === 1 ? page : undefined;
  }, 60_000);
  expect(rowCount(html, 'Purchases avoided')).toBe(1);
  // Step 1: waiting, submit, the round past its deadline; not the other organisation's project.
  expect(rowCount(html, stepLabel('circular-need', 'en'))).toBe(3);
  expect(rowCount(html, statusLabel('awaiting-approval', 'en'))).toBe(2);
  expect(rowCount(html, statusLabel('in-contract', 'en'))).toBe(2);
});

test('the counts are visibility counts of the same queries, scoped to the person', async () => {
  const queries = myWorkQueries(
    { email: mia.email, organisations: [orgM] },
    h.config.workspace.myWork,
    Date.now(),
  );
  const count = async (query: string) => (await h.client.workflow.count(query)).count;
  expect(await count(queries.overdueReviews)).toBe(1);
  expect(await count(queries.sections['overdue-rounds'])).toBe(1);
  for (const query of [...Object.values(queries.sections), queries.portfolio])
    expect(query).not.toContain(orgX);
  // Without the scope the other organisation's project is there: the scope is what keeps it out.
  const unscoped = myWorkQueries(
    { email: mia.email, organisations: '*' },
    h.config.workspace.myWork,
    Date.now(),
  );
  const inStepOne = `${unscoped.portfolio} AND ProcurementStep = 'circular-need'`;
  expect(await count(`${inStepOne} AND WorkflowId = '${workflowIdFor(unrelated)}'`)).toBe(1);
  expect(await count(`${queries.portfolio} AND WorkflowId = '${workflowIdFor(unrelated)}'`)).toBe(0);
});
