/**
 * The lists part of the bench on its own (bench/lists.ts), on a dev server of its own:
 *
 *   npm run bench:lists -- --projects 5000 --iterations 30
 *
 * Only visibility is measured, so the projects are visibility rows, not running processes: each is
 * a `procurementWorkflow` started with the search attributes and memo a project has (a spread over
 * the steps and statuses like a region's portfolio) on a task queue no worker polls. Starting 5,000
 * real projects and driving a tenth of them to step 5 takes the full bench (`npm run bench`) a
 * quarter of an hour; a list or a count reads the same rows either way.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { STEP_IDS } from '../domain/catalogue';
import { formatDate, parseDate } from '../domain/follow-up';
import { PROJECT_STATUSES, workflowIdFor } from '../domain/project';
import {
  ContractEndDate,
  LastChangedOn,
  Organisation,
  Participants,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
} from '../domain/search-attributes';
import { startLocalDevServer } from '../test/helpers/harness';
import { WORKFLOWS_PATH } from '../worker/worker';
import { measureLists } from './lists';
import { objectTable } from './report';
import { startBenchStack } from './stack';
import { count, loadAverage, pool, prebuiltBundle, progress, sleep } from './support';

/** The i-th project's step and status: mostly early steps, a tenth in step 5, some finished. */
function spread(i: number) {
  const step = STEP_IDS[i % 10 < 5 ? 0 : Math.min((i % 10) - 4, STEP_IDS.length - 1)] ?? STEP_IDS[0];
  const status =
    PROJECT_STATUSES[i % 13 < 7 ? 0 : (i % 13) % PROJECT_STATUSES.length] ?? 'awaiting-submission';
  return { step, status };
}

export async function seed(client: Client, projects: number): Promise<void> {
  const taskQueue = `bench-lists-idle-${randomUUID()}`;
  const run = randomUUID().slice(0, 8);
  // Every seeded project changed today: My work's "recently changed" section has them all, as the
  // full bench's projects (driven just before it measures) do.
  const today = parseDate(formatDate(new Date()));
  const indexes = Array.from({ length: projects }, (_, i) => i);
  await pool(indexes, 16, async (i) => {
    const { step, status } = spread(i);
    const id = `bench-list-${run}-${i}`;
    await client.workflow.start('procurementWorkflow', {
      taskQueue,
      workflowId: workflowIdFor(id),
      args: [],
      typedSearchAttributes: [
        { key: ProcurementStep, value: step },
        { key: ProcurementStatus, value: status },
        { key: ProductGroup, value: i % 2 ? 'office-furniture' : 'ict-hardware' },
        { key: Organisation, value: `Stad ${i % 20}` },
        // My work's reader (bench/lists.ts) is asked in a seventh of them, as in a busy portfolio.
        {
          key: PendingApprovers,
          value: i % 7 ? [] : ['approver@bench.example', 'bench-reader@bench.example'],
        },
        { key: LastChangedOn, value: today },
        { key: Participants, value: ['requester@bench.example', 'approver@bench.example'] },
        ...(step === 'use-and-execution'
          ? [{ key: ContractEndDate, value: new Date(Date.UTC(2028, i % 12, 1)) }]
          : []),
      ],
      memo: { title: `Bench project ${i}`, creation: { body: randomUUID().replace(/-/g, '') } },
    });
  });
  // Visibility is eventually consistent: measure once it has every row.
  for (let i = 0; i < 600; i++) {
    const seen = await client.workflow.count(
      `WorkflowId STARTS_WITH '${workflowIdFor(`bench-list-${run}-`)}'`,
    );
    if (seen.count >= projects) return;
    await sleep(500);
  }
  throw new Error('visibility did not list every seeded project within 5 minutes');
}

async function main(): Promise<void> {
  const projects = count('projects', 5000, 50_000);
  const iterations = count('iterations', 30, 10_000);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await startLocalDevServer();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-lists-'));
  try {
    const stack = await startBenchStack({ env, bundle: await prebuiltBundle(dir, WORKFLOWS_PATH, true) });
    try {
      progress(`lists: seeding ${projects} projects`);
      await seed(env.client, projects);
      progress(`lists: measuring, ${iterations} iterations a row (load ${loadAverage()})`);
      const rows = await measureLists(stack, env.client, env.namespace ?? 'default', iterations);
      console.log(
        objectTable(
          rows.map((row) => ({
            request: row.request,
            matching: row.matching,
            items: row.items,
            'route p50': row.route.p50,
            'route p95': row.route.p95,
            floor: row.floorCall,
            'floor p50': row.floor.p50,
            'floor p95': row.floor.p95,
            'counts in process, uncached (each cache miss) p50': row.countsInProcess?.p50 ?? '',
            loadavg: row.loadavg,
          })),
        ),
      );
    } finally {
      await stack.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await env.teardown();
  }
}

if (require.main === module) {
  main().then(
    // The SDK runtime keeps handles open; everything of ours is closed, so leave.
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
