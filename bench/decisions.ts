/**
 * One person's decision, one at a time, three ways: the decision page's form POST (the click in
 * the mail, answered by the confirmation page), the API's JSON decision, and the floor — an
 * `executeUpdate` with the same arguments on a trivial workflow whose handler does nothing.
 *
 * Two more series split the difference: the project's own update sent with `executeUpdate` (the
 * workflow's part, without the API), and the floor that also upserts one search attribute, as a
 * decision must (Temporal's part of the one command a decision makes).
 *
 * Every project waits in step 1 for ten approvers (policy all), so a project gives ten decisions;
 * the projects are made and their mail sent before the clock starts. Blocks of ten alternate
 * page, floor, JSON, upsert floor, direct update, floor, so a burst of load from elsewhere touches
 * every series alike.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sampleNeed, sampleProject } from '../dev/sample-project';
import { OFFICER_KEY } from '../test/helpers/harness';
import { keyOf } from '../test/helpers/project-api';
import { httpRequest } from './http-client';
import { workflowIdFor } from '../domain/project';
import { decideUpdate } from '../workflows/messages';
import {
  floorNoopUpdate,
  floorUpsertUpdate,
  updateFloorWorkflow,
  upsertFloorWorkflow,
} from './floor-workflows/updates';
import { BENCH_APPROVERS, type BenchStack, apiCall } from './stack';
import { type Summary, loadAverage, pool, progress, sleep, summarize } from './support';

export interface DecisionResult {
  page: Summary;
  json: Summary;
  floor: Summary;
  /** The project's decide update with executeUpdate: the workflow's part, no API. */
  direct: Summary;
  /** The floor with the one search-attribute upsert a decision makes. */
  floorUpsert: Summary;
  loadavg: string[];
}

async function openProject(stack: BenchStack, id: string): Promise<void> {
  const project = sampleProject(id, {
    approvals: {
      policy: { rule: 'all', sequential: false },
      reminders: { everyHours: 72, escalateAfter: 2 },
      gates: { 'circular-need': { approvers: BENCH_APPROVERS } },
    },
  });
  const created = await apiCall(stack, OFFICER_KEY, 'POST', '/api/projects', project);
  if (created.status !== 202) throw new Error(`create ${id}: ${created.status}`);
  const submitted = await apiCall(
    stack,
    OFFICER_KEY,
    'POST',
    `/api/projects/${id}/submissions/circular-need`,
    sampleNeed,
  );
  if (submitted.status !== 200) throw new Error(`submit ${id}: ${submitted.status}`);
}

/** Until the approval request of every approver was composed (its link is in the log). */
async function linksOf(stack: BenchStack, id: string): Promise<string[]> {
  for (let i = 0; i < 300; i++) {
    const links = stack.links.of(id);
    if (links.length >= BENCH_APPROVERS.length) return links.slice(0, BENCH_APPROVERS.length);
    await sleep(100);
  }
  throw new Error(`${id}: only ${stack.links.of(id).length} decision links after 30 s`);
}

async function clickBlock(links: string[], samples: number[]): Promise<void> {
  for (const link of links) {
    const started = performance.now();
    const response = await httpRequest(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
    });
    const page = response.text;
    samples.push(performance.now() - started);
    if (response.status !== 200 || !page.includes('decision is recorded')) {
      throw new Error(`click failed: ${response.status} ${page.slice(0, 300)}`);
    }
  }
}

async function jsonBlock(stack: BenchStack, id: string, samples: number[]): Promise<void> {
  for (const approver of BENCH_APPROVERS) {
    const result = await apiCall(stack, keyOf(approver.email), 'POST', `/api/projects/${id}/decisions`, {
      decision: 'approve',
    });
    if (result.status !== 200) throw new Error(`decision on ${id}: ${result.status}`);
    samples.push(result.ms);
  }
}

async function floorBlock(
  client: Client,
  taskQueue: string,
  samples: number[],
  withUpsert = false,
): Promise<void> {
  const handle = await client.workflow.start(withUpsert ? upsertFloorWorkflow : updateFloorWorkflow, {
    taskQueue,
    workflowId: `bench-decision-floor-${randomUUID()}`,
  });
  const update = withUpsert ? floorUpsertUpdate : floorNoopUpdate;
  // The first update also waits for the workflow's first task, as the projects' did long ago.
  await handle.executeUpdate(update, { args: [{}] });
  for (const approver of BENCH_APPROVERS) {
    const started = performance.now();
    await handle.executeUpdate(update, {
      args: [{ approver: approver.email, decision: 'approve', channel: 'api' }],
    });
    samples.push(performance.now() - started);
  }
}

/** The decide update the API sends, sent straight to the project's workflow. */
async function directBlock(client: Client, id: string, samples: number[]): Promise<void> {
  const handle = client.workflow.getHandle(workflowIdFor(id));
  for (const approver of BENCH_APPROVERS) {
    const started = performance.now();
    await handle.executeUpdate(decideUpdate, {
      args: [{ approver: approver.email, decision: 'approve', channel: 'api' }],
    });
    samples.push(performance.now() - started);
  }
}

export async function measureDecisions(
  stack: BenchStack,
  client: Client,
  floorTaskQueue: string,
  decisions: number,
): Promise<DecisionResult> {
  const blocks = Math.max(1, Math.ceil(decisions / BENCH_APPROVERS.length));
  const tag = randomUUID().slice(0, 8);
  const pageIds = Array.from({ length: blocks }, (_, i) => `bench-click-${tag}-${i}`);
  const jsonIds = Array.from({ length: blocks }, (_, i) => `bench-json-${tag}-${i}`);
  const directIds = Array.from({ length: blocks }, (_, i) => `bench-direct-${tag}-${i}`);
  progress(`decisions: opening ${3 * blocks} projects with ${BENCH_APPROVERS.length} approvers each`);
  await pool([...pageIds, ...jsonIds, ...directIds], 4, (id) => openProject(stack, id));
  const links = new Map<string, string[]>();
  for (const id of pageIds) links.set(id, await linksOf(stack, id));
  // The JSON projects' mail too: nothing of the setup may still run when the clock starts.
  for (const id of [...jsonIds, ...directIds]) await linksOf(stack, id);
  await sleep(2000);
  const page: number[] = [];
  const json: number[] = [];
  const floor: number[] = [];
  const direct: number[] = [];
  const floorUpsert: number[] = [];
  const loads: string[] = [];
  for (let i = 0; i < blocks; i++) {
    await clickBlock(links.get(pageIds[i] as string) ?? [], page);
    await floorBlock(client, floorTaskQueue, floor);
    await jsonBlock(stack, jsonIds[i] as string, json);
    await floorBlock(client, floorTaskQueue, floorUpsert, true);
    await directBlock(client, directIds[i] as string, direct);
    await floorBlock(client, floorTaskQueue, floor);
    if (i % 5 === 0) loads.push(loadAverage());
  }
  loads.push(loadAverage());
  return {
    page: summarize(page),
    json: summarize(json),
    floor: summarize(floor),
    direct: summarize(direct),
    floorUpsert: summarize(floorUpsert),
    loadavg: loads,
  };
}
