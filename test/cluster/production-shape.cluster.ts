/**
 * `npm run test:cluster`: the production shape, tested. PostgreSQL 15, the official Temporal
 * server as four processes (frontend, history, matching, worker), the namespace setup script of
 * docker compose, two workers and two APIs as separate processes. Projects go through two approval
 * rounds across both APIs while a worker is killed mid-round and the history service is killed and
 * restarted; every decision an API acknowledged must be recorded once, and every project must move
 * on. Not part of `npm test` (it builds the server and takes minutes): see jest.cluster.config.js.
 */
import { temporal } from '@temporalio/proto';
import { PROCUREMENT_SEARCH_ATTRIBUTES } from '../../domain/search-attributes';
import { workflowIdFor } from '../../domain/project';
import type { GateId } from '../../domain/catalogue';
import { waitUntil } from '../../dev/cluster/processes';
import { TEMPORAL_SERVER_VERSION } from '../../dev/cluster/temporal-server';
import { OFFICER_KEY } from '../helpers/harness';
import { uniqueId } from '../helpers/project-api';
import { type AcknowledgedDecision, ClusterApi, call, failedAttempts } from './cluster-api';
import { type ClusterStack, NAMESPACE, startClusterStack, workerWithIdentity } from './stack';

const suiteStarted = Date.now();
const log = (line: string) => process.stdout.write(`[cluster] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const PROJECT_COUNT = 4;
let stack: ClusterStack;
let drive: ClusterApi;
const projects: string[] = [];
const acknowledged: AcknowledgedDecision[] = [];
const measured: Record<string, number> = {};
const phases: Record<string, number> = {};

beforeAll(async () => {
  stack = await startClusterStack(log, phases);
  drive = new ClusterApi(stack.mail);
}, 45 * 60_000);

afterAll(async () => {
  await stack?.stop();
  const startUp = Object.entries(phases).map(([phase, ms]) => `${phase} ${seconds(ms)}`);
  log(`Temporal server ${TEMPORAL_SERVER_VERSION}; start-up: ${startUp.join(', ')}`);
  for (const [what, ms] of Object.entries(measured)) log(`${what}: ${seconds(ms)}`);
  log(`${acknowledged.length} acknowledged decisions over ${projects.length} projects`);
  log(`wall time of the suite: ${seconds(Date.now() - suiteStarted)}`);
}, 120_000);

/** API instance `i` (round robin over the two). */
const api = (i: number) => stack.apis[i % stack.apis.length]!.baseUrl;
const channel = (i: number): 'api' | 'email' => (i % 2 === 0 ? 'email' : 'api');

/** In every project, the first approver of the open round approves (the round stays open under "all"). */
async function firstApprovals(gate: GateId): Promise<void> {
  await Promise.all(
    projects.map(async (id, i) => {
      const round = await drive.openRound(api(i), id);
      expect(round.gate).toBe(gate);
      expect(round.pending.length).toBeGreaterThan(1);
      const approver = round.pending[0]!;
      acknowledged.push(await drive.approve(api(i + 1), id, gate, round.round, approver, channel(i)));
    }),
  );
}

interface OpenRound {
  id: string;
  index: number;
  gate: GateId;
  round: number;
  pending: string[];
}

/** The open round of every project, read before a fault so that the decisions after it go straight out. */
function openRounds(gate: GateId): Promise<OpenRound[]> {
  return Promise.all(
    projects.map(async (id, index) => {
      const round = await drive.openRound(api(index + 1), id);
      expect(round.gate).toBe(gate);
      return { id, index, ...round };
    }),
  );
}

/** The others approve, project by project in parallel, through the other API and channel. */
async function remainingApprovals(rounds: OpenRound[]): Promise<AcknowledgedDecision[]> {
  const answered = await Promise.all(
    rounds.map(async ({ id, index, gate, round, pending }) => {
      const decisions: AcknowledgedDecision[] = [];
      for (const approver of pending) {
        decisions.push(await drive.approve(api(index), id, gate, round, approver, channel(index + 1)));
      }
      return decisions;
    }),
  );
  const all = answered.flat();
  acknowledged.push(...all);
  return all;
}

async function expectEveryProjectAt(gate: GateId): Promise<void> {
  for (const [i, id] of projects.entries()) {
    const view = await drive.project(api(i), id);
    expect(`${id}: ${view.gate} ${view.status}`).toBe(`${id}: ${gate} awaiting-submission`);
  }
}

/** The worker process that completed the project's last workflow task: it holds it in its cache. */
async function stickyWorkerOf(id: string): Promise<number> {
  const history = await stack.client.workflow.getHandle(workflowIdFor(id)).fetchHistory();
  const completed = (history.events ?? []).filter(
    (event) =>
      String(event.eventType) === String(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
  );
  const identity = completed.at(-1)?.workflowTaskCompletedEventAttributes?.identity ?? '';
  const index = workerWithIdentity(stack.workers, identity);
  if (index < 0)
    throw new Error(`the last workflow task of ${id} was completed by ${identity}, not by our workers`);
  return index;
}

test('the four Temporal services run as separate processes, with the search attributes, and two workers poll', async () => {
  const pids = Object.values(stack.temporal.processes).map((process) => process.child.pid);
  expect(new Set(pids).size).toBe(4);
  const { customAttributes } = await stack.client.connection.operatorService.listSearchAttributes({
    namespace: NAMESPACE,
  });
  expect(Object.keys(customAttributes ?? {})).toEqual(
    expect.arrayContaining(PROCUREMENT_SEARCH_ATTRIBUTES.map((key) => key.name)),
  );
  const pollers = await stack.pollers();
  expect(
    stack.workers.map((_worker, i) => pollers.some((p) => workerWithIdentity(stack.workers, p) === i)),
  ).toEqual([true, true]);
});

test('projects created and submitted through both APIs open rounds, mail their approvers and are listed from PostgreSQL visibility', async () => {
  for (let i = 0; i < PROJECT_COUNT; i++) projects.push(uniqueId(`cluster-${i}`));
  await Promise.all(projects.map((id, i) => drive.createProject(api(i), id)));
  await Promise.all(projects.map((id, i) => drive.submit(api(i + 1), id, 'circular-need')));
  await firstApprovals('circular-need');
  // The search attributes reach SQL visibility: each API lists every project as awaiting approval.
  for (const [i] of stack.apis.entries()) {
    await waitUntil(
      `API ${i} lists every project as awaiting approval`,
      async () => {
        const answer = await call(api(i), '/api/projects?status=awaiting-approval&limit=100', {
          method: 'GET',
          key: OFFICER_KEY,
        });
        const listed = ((answer.body as { items?: { id: string }[] }).items ?? []).map((item) => item.id);
        return projects.every((id) => listed.includes(id));
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }
}, 180_000);

test('a worker killed mid-round (SIGKILL): the other worker answers the next decisions and every round closes', async () => {
  const rounds = await openRounds('circular-need');
  const victim = await stickyWorkerOf(projects[0]!);
  log(
    `killing worker ${victim} (pid ${stack.workers[victim]!.child.pid}), which holds ${projects[0]} in its cache`,
  );
  const killedAt = Date.now();
  await stack.workers[victim]!.kill();
  const answers = await remainingApprovals(rounds);
  const first = Math.min(...answers.map((answer) => answer.at));
  const ofFirstProject = answers.find((answer) => answer.projectId === projects[0])!;
  measured['worker kill → first decision answered'] = first - killedAt;
  measured['worker kill → next decision of the killed worker’s project answered'] =
    ofFirstProject.at - killedAt;
  measured['worker kill → all decisions answered'] =
    Math.max(...answers.map((answer) => answer.at)) - killedAt;
  await expectEveryProjectAt('circular-ambitions');

  // The supervisor's part: a new worker in its place joins the survivor.
  await stack.startWorker(victim);
  expect((await stack.pollers()).filter((p) => workerWithIdentity(stack.workers, p) >= 0)).toHaveLength(2);
}, 300_000);

test('the history service killed and restarted: decisions wait for it, none is lost, and every round closes', async () => {
  await Promise.all(projects.map((id, i) => drive.submit(api(i), id, 'circular-ambitions')));
  await firstApprovals('circular-ambitions');
  const rounds = await openRounds('circular-ambitions');
  const history = stack.temporal.processes.history;
  log(`killing the history service (pid ${history.child.pid})`);
  const failedBefore = failedAttempts.count;
  const killedAt = Date.now();
  await history.kill();
  // Decisions go out while history is down; it comes back once they have seen it fail (an API
  // answers 5xx when Temporal does not answer within its deadline), and they must all be answered.
  const decisions = remainingApprovals(rounds);
  // Awaited below; meanwhile a failure must not count as unhandled.
  decisions.catch(() => undefined);
  await waitUntil(
    'a decision fails while history is down',
    () => Promise.resolve(failedAttempts.count > failedBefore),
    { timeoutMs: 90_000 },
  );
  measured['history kill → first failed decision attempt'] = Date.now() - killedAt;
  await stack.temporal.restart('history');
  const restartedAt = Date.now();
  measured['history kill → restarted and listening'] = restartedAt - killedAt;
  const answers = await decisions;
  const first = Math.min(...answers.map((answer) => answer.at));
  measured['history restart → first decision answered'] = first - restartedAt;
  measured['history kill → first decision answered'] = first - killedAt;
  measured['history restart → all decisions answered'] =
    Math.max(...answers.map((answer) => answer.at)) - restartedAt;
  await expectEveryProjectAt('market-dialogue');
}, 400_000);

test('every acknowledged decision is in the audit trail exactly once, and every project moved on', async () => {
  expect(acknowledged.length).toBeGreaterThanOrEqual(PROJECT_COUNT * 4);
  for (const [i, id] of projects.entries()) {
    const decided = (await drive.audit(api(i), id)).filter((entry) => entry.kind === 'decided');
    const recorded = decided.map((entry) => `${entry.gate} r${entry.round} ${entry.actor}`);
    // Nothing recorded twice (a retried request, a replayed task)…
    expect(recorded.filter((entry, index) => recorded.indexOf(entry) !== index)).toEqual([]);
    // …and nothing acknowledged is missing.
    const acked = acknowledged
      .filter((decision) => decision.projectId === id)
      .map((decision) => `${decision.gate} r${decision.round} ${decision.approver}`);
    expect(acked.filter((entry) => !recorded.includes(entry))).toEqual([]);
    expect(new Set(acked).size).toBe(acked.length);
    const view = await drive.project(api(i + 1), id);
    expect(view.step).toBe('market-dialogue');
  }
  const retried = acknowledged.filter((decision) => decision.attempts > 1).length;
  log(
    `${retried} of ${acknowledged.length} acknowledged decisions needed a retry with their Idempotency-Key`,
  );
}, 120_000);
