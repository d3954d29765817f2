/**
 * The workspace's pages at scale, each measured side by side with `GET /api/projects/:id` on the
 * same project (alternating, one request at a time, after a warm-up):
 * - My work of an officer whose organisation has 1,000 open projects (50 of them waiting on her
 *   decision), on a dev server of its own; the API call reads one of those projects;
 * - the Projects list (first page) of the same organisation;
 * - the project page of a ten-year project (bench/ten-year.ts drives it on the time-skipping server:
 *   monthly reviews, the runs continued as new), whatever /work/projects/:id serves when it runs.
 * The officer signs in as people do, through the mailed link (a real SMTP capture).
 *
 *   npm run bench:workspace -- --projects 1000 --iterations 50 --years 10
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createMemorySessionStore } from '../api/session/store';
import { startMailCapture } from '../dev/mail-capture';
import { sampleNeed, samplePeople, sampleProject } from '../dev/sample-project';
import { projectIdFromWorkflowId } from '../domain/project';
import { OFFICER_KEY, startLocalDevServer, timeSkippingEnvironment } from '../test/helpers/harness';
import { signInOverHttp } from '../test/helpers/workspace-http';
import { WORKFLOWS_PATH } from '../worker/worker';
import { httpRequest } from './http-client';
import { objectTable } from './report';
import { type BenchStack, apiCall, startBenchStack } from './stack';
import { driveTenYears } from './ten-year';
import {
  type Summary,
  count,
  loadAverage,
  pool,
  prebuiltBundle,
  progress,
  sleep,
  summarize,
} from './support';

const ORGANISATION = 'Stad Bench';
const officer = {
  email: 'officer@bench.example',
  name: 'Bench Officer',
  organisations: [ORGANISATION],
  roles: ['officer'],
  locale: 'en',
  timeZone: 'Europe/Brussels',
};
/** Sees every organisation: the ten-year project is the sample's (Stad Gent). */
const operator = {
  ...officer,
  email: 'operator@bench.example',
  organisations: '*',
  roles: ['officer', 'operator'],
};
const PEOPLE = JSON.stringify([officer, operator]);

interface Row {
  page: string;
  path: string;
  pageMs: Summary;
  api: string;
  apiMs: Summary;
  pageKiB: number;
  loadavg: string;
}

async function get(url: string, headers: Record<string, string>, samples: number[]): Promise<string> {
  const started = performance.now();
  const answer = await httpRequest(url, { method: 'GET', headers });
  samples.push(performance.now() - started);
  if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status}`);
  return answer.text;
}

/**
 * Waits (up to five minutes) until every path answers 200 three times in a row: a thousand projects
 * just started keep the worker busy (first tasks, lessons look-ups, cache evictions) for a while,
 * and a query of the API times out meanwhile. The measurement is of a settled system.
 */
async function settled(stack: BenchStack, paths: [string, Record<string, string>][]): Promise<void> {
  let inARow = 0;
  for (let attempt = 0; attempt < 600 && inARow < 3; attempt++) {
    const answers = await Promise.all(
      paths.map(([path, headers]) => httpRequest(`${stack.baseUrl}${path}`, { method: 'GET', headers })),
    );
    inARow = answers.every((answer) => answer.status === 200) ? inARow + 1 : 0;
    if (inARow === 0) await sleep(500);
  }
  if (inARow < 3) throw new Error(`${paths.map(([path]) => path).join(', ')} never settled`);
}

/** The page and the API read alternately, `iterations` times each after three of each to warm up. */
async function sideBySide(
  stack: BenchStack,
  cookie: string,
  page: { name: string; path: string },
  projectId: string,
  iterations: number,
): Promise<Row> {
  const pageMs: number[] = [];
  const apiMs: number[] = [];
  const apiPath = `/api/projects/${projectId}`;
  await settled(stack, [
    [page.path, { cookie }],
    [apiPath, { authorization: `Bearer ${OFFICER_KEY}` }],
  ]);
  let html = '';
  for (let i = 0; i < iterations + 3; i++) {
    html = await get(`${stack.baseUrl}${page.path}`, { cookie }, pageMs);
    await get(`${stack.baseUrl}${apiPath}`, { authorization: `Bearer ${OFFICER_KEY}` }, apiMs);
  }
  return {
    page: page.name,
    path: page.path,
    pageMs: summarize(pageMs.slice(3)),
    api: `GET ${apiPath.replace(projectId, ':id')}`,
    apiMs: summarize(apiMs.slice(3)),
    pageKiB: Math.round(Buffer.byteLength(html) / 102.4) / 10,
    loadavg: loadAverage(),
  };
}

async function myWorkAtScale(bundleDir: string, projects: number, iterations: number): Promise<Row[]> {
  const env = await startLocalDevServer();
  const mail = await startMailCapture();
  try {
    const bundle = await prebuiltBundle(bundleDir, WORKFLOWS_PATH, true);
    const stack = await startBenchStack({
      env,
      bundle,
      configEnv: { PEOPLE, SMTP_PORT: String(mail.smtpPort), SMTP_SECURE: 'false' },
      sessionStore: createMemorySessionStore(),
    });
    try {
      const approvers = sampleProject('x').approvers.map((approver) =>
        approver.email === samplePeople.purchaser.email ? { ...approver, email: officer.email } : approver,
      );
      const ids = Array.from({ length: projects }, (_, i) => `bench-work-${Date.now().toString(36)}-${i}`);
      progress(`my work: starting ${projects} projects of ${ORGANISATION}`);
      await pool(ids, 8, async (id) => {
        const created = await apiCall(stack, OFFICER_KEY, 'POST', '/api/projects', {
          ...sampleProject(id, { organisation: ORGANISATION, title: `Bench project ${id}`, approvers }),
        });
        if (created.status !== 202) throw new Error(`create ${id}: ${created.status}`);
      });
      const waitingOn = ids.slice(0, 50);
      progress(
        `my work: submitting step 1 of ${waitingOn.length} projects (decisions waiting on the officer)`,
      );
      await pool(waitingOn, 4, async (id) => {
        const submitted = await apiCall(
          stack,
          OFFICER_KEY,
          'POST',
          `/api/projects/${id}/submissions/circular-need`,
          sampleNeed,
        );
        if (submitted.status !== 200) throw new Error(`submit ${id}: ${submitted.status}`);
      });
      // Visibility is eventually consistent: wait until it has every project and every round.
      for (let i = 0; i < 600; i++) {
        const open = await env.client.workflow.count(
          `Organisation = '${ORGANISATION}' AND ExecutionStatus = 'Running'`,
        );
        const waiting = await env.client.workflow.count(`PendingApprovers = '${officer.email}'`);
        if (open.count >= projects && waiting.count >= waitingOn.length) break;
        await sleep(500);
      }
      const cookie = (await signInOverHttp({ baseUrl: stack.baseUrl, mail }, officer.email)).cookie;
      const sample = ids[Math.floor(projects / 2)] as string;
      progress('my work: measuring');
      return [
        await sideBySide(
          stack,
          cookie,
          { name: `My work (${projects} open projects)`, path: '/work' },
          sample,
          iterations,
        ),
        await sideBySide(
          stack,
          cookie,
          { name: 'Projects list (first 25)', path: '/work/projects' },
          sample,
          iterations,
        ),
      ];
    } finally {
      await stack.close();
    }
  } finally {
    await mail.stop();
    await env.teardown();
  }
}

async function tenYearPage(bundleDir: string, years: number, iterations: number): Promise<Row> {
  const env = await timeSkippingEnvironment();
  const mail = await startMailCapture();
  try {
    const bundle = await prebuiltBundle(bundleDir, WORKFLOWS_PATH, true);
    const stack = await startBenchStack({
      env,
      bundle,
      now: () => env.currentTimeMs(),
      configEnv: { PEOPLE, SMTP_PORT: String(mail.smtpPort), SMTP_SECURE: 'false' },
      sessionStore: createMemorySessionStore(),
    });
    try {
      progress(`project page: driving one project through ${years} years of monthly reviews`);
      const { workflowId, reviews } = await driveTenYears(env, stack, years);
      const id = projectIdFromWorkflowId(workflowId) as string;
      const described = await env.client.workflow.getHandle(workflowId).describe();
      progress(
        `project page: ${reviews} reviews recorded, ${described.historyLength} events in the current run`,
      );
      if (reviews < years * 12)
        throw new Error(`only ${reviews} reviews in ${years} years: the drive went wrong`);
      const cookie = (
        await signInOverHttp({ baseUrl: stack.baseUrl, mail }, operator.email, `/work/projects/${id}`)
      ).cookie;
      progress('project page: measuring');
      return await sideBySide(
        stack,
        cookie,
        { name: `Project page (${years}-year project, ${reviews} reviews)`, path: `/work/projects/${id}` },
        id,
        iterations,
      );
    } finally {
      await stack.close();
    }
  } finally {
    await mail.stop();
    await env.teardown();
  }
}

async function main(): Promise<void> {
  const projects = count('projects', 1000, 20_000);
  const iterations = count('iterations', 50, 10_000);
  const years = count('years', 10, 30);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-workspace-'));
  try {
    const rows = [
      ...(await myWorkAtScale(dir, projects, iterations)),
      await tenYearPage(dir, years, iterations),
    ];
    console.log(
      objectTable(
        rows.map((row) => ({
          page: row.page,
          'page p50 ms': row.pageMs.p50,
          'page p95 ms': row.pageMs.p95,
          'side by side': row.api,
          'API p50 ms': row.apiMs.p50,
          'API p95 ms': row.apiMs.p95,
          'page KiB': row.pageKiB,
          n: row.pageMs.n,
          loadavg: row.loadavg,
        })),
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
