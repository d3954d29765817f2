/**
 * The workspace's Projects list and its CSV export over real HTTP, against the dev server: the
 * API's filters (and a contract end range), sorting, paging with Temporal's token and by number,
 * another organisation's projects never listed, the CSV parsed back with formulas neutralised.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import { sampleAward, sampleAwardLegalFrame, samplePeople } from '../../dev/sample-project';
import { type Harness, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  daysFromNow,
  submit,
  uniqueId,
} from '../helpers/project-api';
import { type WorkspaceSession, send, signInOverHttp } from '../helpers/workspace-http';

const orgA = `Stad Lijst ${uniqueId('a')}`;
const orgB = `Stad Elders ${uniqueId('b')}`;
const olga = {
  email: `${uniqueId('olga')}@lijst.example`.toLowerCase(),
  name: 'Olga Officer',
  organisations: [orgA],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
const contractEnd = daysFromNow(400);
const projects = {
  waiting: { id: uniqueId('list-waiting'), title: 'Alpha chairs' },
  ambitions: { id: uniqueId('list-ambitions'), title: 'Bravo desks' },
  formula: { id: uniqueId('list-formula'), title: '=HYPERLINK("http://evil.example","click"), then more' },
  at: { id: uniqueId('list-at'), title: '@SUM(A1:A2) lamps' },
  contract: { id: uniqueId('list-contract'), title: 'Charlie cabinets' },
};
const elsewhere = { id: uniqueId('list-elsewhere'), title: 'Secret of the other city' };
const ours = Object.values(projects);

let env: TestWorkflowEnvironment;
let h: Harness;
let olgaSession: WorkspaceSession;

beforeAll(async () => {
  env = await devServerEnvironment();
  h = await startHarness({ env, configEnv: { PEOPLE: JSON.stringify([olga]) } });
  for (const project of ours)
    await createProject(h, project.id, {
      organisation: orgA,
      title: project.title,
      productGroup: project === projects.at ? 'lighting' : 'office-furniture',
    });
  await createProject(h, elsewhere.id, { organisation: orgB, title: elsewhere.title });
  await submit(h, projects.waiting.id, 'circular-need');
  await submit(h, projects.ambitions.id, 'circular-need');
  await approveRound(h, projects.ambitions.id);
  await advanceTo(h, projects.contract.id, 'award');
  await submit(
    h,
    projects.contract.id,
    'award',
    sampleAward(daysFromNow(30), contractEnd, { legalFrame: sampleAwardLegalFrame(daysFromNow(-30)) }),
  );
  await approveRound(h, projects.contract.id);
  olgaSession = await signInOverHttp(h, olga.email);
  // Visibility is eventually consistent: wait until every project shows its last state.
  await eventually(async () => {
    const ids = await listedIds('/work/projects?limit=200');
    const contract = await listedIds(
      `/work/projects?status=in-contract&organisation=${encodeURIComponent(orgA)}`,
    );
    return ids.length === ours.length && contract.length === 1;
  }, 60_000);
}, 240_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function pageOf(path: string): Promise<{ status: number; html: string }> {
  const response = await olgaSession.get(path);
  return { status: response.status, html: await response.text() };
}

/** The project ids of a list page, in their order. */
const idsIn = (html: string): string[] =>
  [...html.matchAll(/<th scope="row"><a href="\/work\/projects\/([^"]+)">/g)].map(
    (match) => match[1] as string,
  );

async function listedIds(path: string): Promise<string[]> {
  const { status, html } = await pageOf(path);
  if (status !== 200) throw new Error(`${path}: ${status}`);
  return idsIn(html);
}

const idOf = (key: keyof typeof projects) => projects[key].id;
const sorted = (ids: string[]) => [...ids].sort();

test("the list shows the person's organisation's projects, each linking to its page, and never another organisation's", async () => {
  const { html } = await pageOf('/work/projects');
  expect(sorted(idsIn(html))).toEqual(sorted(ours.map((project) => project.id)));
  expect(html).not.toContain(elsewhere.title);
  expect(html).toContain('aria-current="page">Projects');
  // Even when asked for by name, the other organisation stays out.
  expect(await listedIds(`/work/projects?organisation=${encodeURIComponent(orgB)}`)).toEqual([]);
});

test.each([
  ['step', 'step=circular-ambitions', ['ambitions']],
  ['status', 'status=awaiting-approval', ['waiting']],
  ['product group', 'productGroup=lighting', ['at']],
  [
    'pending approver',
    `pendingApprover=${encodeURIComponent(samplePeople.internalClient.email)}`,
    ['waiting'],
  ],
  [
    'contract end range around the end',
    `contractEndFrom=${daysFromNow(399)}&contractEndTo=${daysFromNow(401)}`,
    ['contract'],
  ],
  ['contract end range before the end', `contractEndTo=${daysFromNow(399)}`, []],
] as const)('the %s filter lists the matching projects only', async (_name, query, expected) => {
  expect(sorted(await listedIds(`/work/projects?${query}&organisation=`))).toEqual(
    sorted(expected.map(idOf)),
  );
});

test('empty fields of the GET form are no filter, and the form shows what was asked', async () => {
  const { html } = await pageOf(
    '/work/projects?step=&status=awaiting-approval&productGroup=&contractEndFrom=',
  );
  expect(idsIn(html)).toEqual([idOf('waiting')]);
  expect(html).toContain('<option value="awaiting-approval" selected>');
});

test('sorted by title or by contract end, over the whole list, paged by number', async () => {
  const byTitle = ours
    .map((project) => project)
    .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  expect(await listedIds('/work/projects?sort=title')).toEqual(byTitle.map((project) => project.id));
  const first = await pageOf('/work/projects?sort=title&limit=2');
  expect(idsIn(first.html)).toEqual(byTitle.slice(0, 2).map((project) => project.id));
  expect(first.html).toContain('Page 1, 5 projects in all.');
  const second = await listedIds('/work/projects?sort=title&limit=2&page=2');
  expect(second).toEqual(byTitle.slice(2, 4).map((project) => project.id));
  expect((await listedIds('/work/projects?sort=contract-end'))[0]).toBe(idOf('contract'));
});

test("paging in Temporal's order follows each page's next link to the end, each project once", async () => {
  const seen: string[] = [];
  let path: string | undefined = '/work/projects?limit=2';
  for (let pages = 0; path && pages < 10; pages++) {
    const { html } = await pageOf(path);
    seen.push(...idsIn(html));
    const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
    path = next?.replace(/&amp;/g, '&');
  }
  expect(seen).toHaveLength(ours.length);
  expect(sorted(seen)).toEqual(sorted(ours.map((project) => project.id)));
});

test('bad filters and an altered cursor are a 400 page that lists each problem', async () => {
  const bad = await pageOf(
    '/work/projects?step=nonsense&pendingApprover=not-an-address&contractEndFrom=31-12-2030',
  );
  expect(bad.status).toBe(400);
  for (const field of ['query.step', 'query.pendingApprover', 'query.contractEndFrom'])
    expect(bad.html).toContain(field);
  const { html } = await pageOf('/work/projects?limit=1');
  const cursor = /cursor=([^"&]+)/.exec(html)?.[1] as string;
  expect(cursor).toBeDefined();
  const otherFilters = await pageOf(`/work/projects?limit=1&status=in-contract&cursor=${cursor}`);
  expect(otherFilters.status).toBe(400);
  expect(otherFilters.html).toContain('query.cursor');
});

test('the CSV export holds the filtered list, RFC 4180 quoted, formulas neutralised, no other organisation', async () => {
  const response = await olgaSession.get('/work/projects.csv?sort=title');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(response.headers.get('content-disposition')).toContain('attachment');
  const text = await response.text();
  expect(text).not.toContain(elsewhere.title);
  const [header, ...rows]: string[][] = parse(text, { bom: true });
  expect(header?.slice(0, 3)).toEqual(['id', 'Title', 'Organisation']);
  expect(rows.map((row) => row[0])).toEqual(
    ours
      .map((project) => project)
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
      .map((project) => project.id),
  );
  const titleOf = (id: string) => rows.find((row) => row[0] === id)?.[1];
  expect(titleOf(idOf('formula'))).toBe(`'${projects.formula.title}`);
  expect(titleOf(idOf('at'))).toBe(`'${projects.at.title}`);
  expect(titleOf(idOf('contract'))).toBe(projects.contract.title);
  expect(rows.find((row) => row[0] === idOf('contract'))?.[9]).toBe(contractEnd);
  expect(rows.every((row) => row[2] === orgA)).toBe(true);

  const filtered: string[][] = parse(
    await (await olgaSession.get('/work/projects.csv?step=circular-ambitions&lang=nl')).text(),
    { bom: true },
  );
  expect(filtered[0]?.[1]).toBe('Titel');
  expect(filtered.slice(1).map((row) => row[0])).toEqual([idOf('ambitions')]);
});

test('without a session the list and the export send the person to sign in', async () => {
  for (const path of ['/work/projects', '/work/projects.csv']) {
    const response = await send(h, path);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/sign-in/);
  }
});
