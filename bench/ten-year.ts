/**
 * The replay of an evicted ten-year project: what a worker does when a project that is no longer
 * in its cache gets a message — it replays the project's current run from its history.
 *
 * The history is made, not recorded: one project is driven to step 5 through the API on the
 * time-skipping test server, with a ten-year contract reviewed every month; every follow-up
 * moment is announced on its date and its review recorded through the API, so the runs (each
 * continued as new at the history budget) carry ten years of reviews, moments and audit. Each
 * run's history is then replayed with `Worker.runReplayHistories` on the prebuilt bundle, several
 * times (one replay worker; the first replay is its warm-up and is left out). That is the worker's
 * own part of the eviction cost; the history fetch from the server comes on top in production.
 *
 * Floor: an update floor workflow on the dev server with at least as many events as the project's
 * longest run, replayed the same way.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { sampleAward, sampleReview } from '../dev/sample-project';
import { addDays, addMonths, dueInstant, formatDate } from '../domain/follow-up';
import { type ProjectState, workflowIdFor } from '../domain/project';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../domain/schemas';
import { OFFICER_KEY } from '../test/helpers/harness';
import { projectQuery } from '../workflows/messages';
import { driveProjectToStep5 } from './drive';
import { floorNoopUpdate, updateFloorWorkflow } from './floor-workflows/updates';
import { type BenchStack, apiCall } from './stack';
import { type Bundle, type Summary, loadAverage, progress, sleep, summarize } from './support';

export interface TenYearResult {
  years: number;
  reviews: number;
  runs: { runId: string; events: number }[];
  /** The run a worker replays after eviction: the current one. */
  currentRunEvents: number;
  longestRunEvents: number;
  replayCurrentMs: Summary;
  replayLongestMs: Summary;
  floorEvents: number;
  replayFloorMs: Summary;
  wallSeconds: number;
  loadavg: string;
}

async function advanceTo(env: TestWorkflowEnvironment, instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

/** Drives one project through `years` of monthly reviews; returns its workflow id and first run. */
export async function driveTenYears(
  env: TestWorkflowEnvironment,
  stack: BenchStack,
  years: number,
): Promise<{ workflowId: string; firstRunId: string; reviews: number }> {
  const id = `bench-ten-years-${randomUUID().slice(0, 8)}`;
  const start = addDays(formatDate(new Date(await env.currentTimeMs())), 14);
  await driveProjectToStep5(stack, id, {
    createOverrides: {
      approvals: {
        policy: { rule: 'any', sequential: false },
        reminders: { everyHours: 24 * 30, escalateAfter: 10 },
        gates: {},
      },
    },
    award: sampleAward(start, addMonths(start, 12 * years), {
      followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 1 },
    }),
  });
  const handle = stack.client.workflow.getHandle(workflowIdFor(id));
  // Step 5 is a few dozen events in: still the first run, where the chain of runs starts.
  const firstRunId = (await handle.describe()).runId;
  let reviews = 0;
  // Bounded: about 13 moments a year, each announced once and reviewed once.
  for (let step = 0; step < 40 * years; step++) {
    const state = await handle.query(projectQuery);
    if (state.step !== 'use-and-execution') break;
    const contract = state.contract as NonNullable<ProjectState['contract']>;
    const open = contract.moments.filter((m) => !m.reviewedAt && !m.cancelledAt);
    const announced = open.find((m) => m.announcedAt);
    if (announced) {
      const recorded = await apiCall(stack, OFFICER_KEY, 'POST', `/api/projects/${id}/reviews`, {
        ...sampleReview(announced.id),
      });
      if (recorded.status !== 200) throw new Error(`review ${announced.id}: ${recorded.status}`);
      reviews++;
      continue;
    }
    const next = open[0];
    if (!next) break;
    await advanceTo(env, dueInstant(addDays(next.dueOn, -contract.cadence.noticeDays)) + 60_000);
    // The announcement is a state change of the workflow after its timer: wait for it (bounded).
    for (let i = 0; i < 100; i++) {
      const moments = (await handle.query(projectQuery)).contract?.moments ?? [];
      if (moments.find((m) => m.id === next.id)?.announcedAt) break;
      await sleep(50);
    }
    if (reviews % 12 === 0) progress(`ten years: ${next.dueOn}, ${reviews} reviews`);
  }
  return { workflowId: workflowIdFor(id), firstRunId, reviews };
}

/** Every run of a workflow, oldest first, by following continue-as-new from the first run. */
async function runHistories(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<{ runId: string; history: History }[]> {
  const runs: { runId: string; history: History }[] = [];
  let runId: string | undefined = firstRunId;
  for (let i = 0; runId && i < 1000; i++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ runId, history });
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Replays one history `times` + 1 times on one replay worker; the first (its warm-up) is left out. */
export async function replayTimes(bundle: Bundle, history: History, times: number): Promise<number[]> {
  const ms: number[] = [];
  let pulled = 0;
  // Pulled one at a time: the replay worker asks for the next history after the previous result.
  function* histories() {
    for (let i = 0; i <= times; i++) {
      pulled = performance.now();
      yield { workflowId: `bench-replay-${i}`, history };
    }
  }
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { code: bundle.code } },
    histories(),
  )) {
    if (result.error) throw result.error;
    ms.push(performance.now() - pulled);
  }
  return ms.slice(1);
}

/** An update floor workflow with at least `events` events in its history (on the dev server). */
async function floorHistory(client: Client, taskQueue: string, events: number): Promise<History> {
  const handle = await client.workflow.start(updateFloorWorkflow, {
    taskQueue,
    workflowId: `bench-replay-floor-${randomUUID()}`,
  });
  for (let i = 0; i < 2000; i++) {
    await handle.executeUpdate(floorNoopUpdate, {
      args: [{ approver: 'x@bench.example', decision: 'approve' }],
    });
    if (i % 20 === 19 && ((await handle.describe()).historyLength ?? 0) >= events) break;
  }
  return handle.fetchHistory();
}

export async function measureTenYears(options: {
  timeSkipping: TestWorkflowEnvironment;
  timeSkippingStack: BenchStack;
  projectBundle: Bundle;
  floorBundle: Bundle;
  devClient: Client;
  floorTaskQueue: string;
  years: number;
  replays: number;
}): Promise<TenYearResult> {
  const started = performance.now();
  const { workflowId, firstRunId, reviews } = await driveTenYears(
    options.timeSkipping,
    options.timeSkippingStack,
    options.years,
  );
  const runs = await runHistories(options.timeSkippingStack.client, workflowId, firstRunId);
  const events = (h: History) => h.events?.length ?? 0;
  const current = runs.at(-1) as { history: History };
  const longest = runs.reduce((a, b) => (events(b.history) > events(a.history) ? b : a));
  progress(`ten years: ${runs.length} runs, replaying the current and the longest`);
  const replayCurrent = await replayTimes(options.projectBundle, current.history, options.replays);
  const replayLongest = await replayTimes(options.projectBundle, longest.history, options.replays);
  const floor = await floorHistory(options.devClient, options.floorTaskQueue, events(longest.history));
  const replayFloor = await replayTimes(options.floorBundle, floor, options.replays);
  return {
    years: options.years,
    reviews,
    runs: runs.map((r) => ({ runId: r.runId, events: events(r.history) })),
    currentRunEvents: events(current.history),
    longestRunEvents: events(longest.history),
    replayCurrentMs: summarize(replayCurrent),
    replayLongestMs: summarize(replayLongest),
    floorEvents: events(floor),
    replayFloorMs: summarize(replayFloor),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    loadavg: loadAverage(),
  };
}
