/**
 * "Bounded state": a project in which every input a person submits is at its maximum — the most
 * approvers, each gate with its own approvers, every deliverable with each text at its maximum
 * length and each list full, a resubmission, maximal contract reviews, an amendment and an early
 * end of use — on the time-skipping test server with the real worker, API and mail. The project
 * query, the audit trail query and every continue-as-new input must stay within 1 MB (Temporal
 * warns from 512 KB and refuses a payload over 2 MB). The figures are printed for the closing note.
 */
import { Connection } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { GateId } from '../../domain/catalogue';
import { addDays, addMonths, dueInstant, formatDate } from '../../domain/follow-up';
import { type ProjectState, workflowIdFor } from '../../domain/project';
import {
  DEFAULT_FOLLOW_UP_CADENCE,
  createProject,
  deliverableSchemas,
  describeIssues,
} from '../../domain/schemas';
import {
  type ProjectView,
  auditTrailQuery,
  projectQuery,
  submitDeliverableUpdate,
} from '../../workflows/messages';
import { type ProcurementWorkflowInput, procurementWorkflow } from '../../workflows/procurement';
import {
  type Harness,
  OFFICER_KEY,
  eventually,
  personalKey,
  startHarness,
  timeSkippingEnvironment,
} from '../helpers/harness';
import {
  MAXIMAL_SCHEMAS,
  maximalAmendment,
  maximalDecision,
  maximalEndOfUseStart,
  maximalPerson,
  maximalProject,
  maximalReview,
  maximalTeam,
} from '../helpers/maximal-inputs';
import { type DeliverableContext, maximalDeliverable } from '../helpers/maximal-deliverables';
import { people, uniqueId } from '../helpers/project-api';
import { jsonBytes, listsWithoutMaximum } from '../helpers/schema-limits';

/** The issue's bound for the project query, the audit trail query and each continue-as-new input. */
const BUDGET_BYTES = 1_048_576;

/** Far longer than a query that answers takes here (well under a second for 4 MB). */
const QUERY_ATTEMPT_MS = 10_000;
/**
 * A query in all, attempts included: right after a continue-as-new with a large input a query
 * can stay unanswered for a minute on the test server; a new attempt reaches the newest run.
 */
const QUERY_DEADLINE_MS = 90_000;

/** The contract: three years of monthly reviews (the most moments a contract of its length has). */
const CONTRACT_MONTHS = 36;
/**
 * Maximal reviews recorded (every monthly review of the three years) before the use ends: enough for
 * the run to continue as new on the way (at about 1,000 events), each review at its limit of 8 KiB.
 */
const REVIEWS = CONTRACT_MONTHS;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const team = maximalTeam();

/** Dates and cadence for the deliverables: a contract from two weeks after `today`. */
function deliverableContext(today: string): DeliverableContext {
  const contractStart = addDays(today, 14);
  return {
    team,
    contractStart,
    contractEnd: addMonths(contractStart, CONTRACT_MONTHS),
    followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 1 },
    pastDate: addDays(today, -30),
  };
}

/** The maximal input of each schema in MAXIMAL_SCHEMAS, by the same name. */
function maximalInputs(context: DeliverableContext, projectId: string): Record<string, unknown> {
  const project = maximalProject(projectId, `${projectId}-group`, team);
  return {
    createProject: project,
    approvalSettings: project.approvals,
    ...Object.fromEntries(
      (Object.keys(deliverableSchemas) as GateId[]).map((gate) => [
        `deliverable ${gate}`,
        maximalDeliverable(gate, context),
      ]),
    ),
    contractReview: maximalReview('periodic-review-1'),
    contractAmendment: maximalAmendment(
      addMonths(context.contractEnd, 12),
      { ...DEFAULT_FOLLOW_UP_CADENCE, reviewEveryMonths: 2 },
      maximalPerson('new-contract-manager', 'Contract manager'),
    ),
    startEndOfUse: maximalEndOfUseStart(),
    decisionInput: maximalDecision(),
  };
}

describe('maximal inputs', () => {
  const inputs = maximalInputs(deliverableContext(formatDate(new Date())), 'maximal-parse');

  test.each(Object.keys(MAXIMAL_SCHEMAS))('the maximal %s input passes its schema', (name) => {
    const schema = MAXIMAL_SCHEMAS[name];
    expect(schema).toBeDefined();
    expect(inputs[name]).toBeDefined();
    const parsed = schema?.safeParse(inputs[name]);
    if (parsed && !parsed.success) throw new Error(`${name}: ${describeIssues(parsed.error, 20)}`);
    expect(parsed?.success).toBe(true);
  });

  test('every list and text a person submits has a maximum, or holds each catalogue id at most once', () => {
    // Their schemas refuse a repeated id, so the catalogue bounds these lists.
    const boundedByCatalogue: Record<string, string[]> = {
      'deliverable circular-need': ['alternatives'],
      'deliverable circular-ambitions': ['objectives'],
    };
    const unbounded = Object.entries(MAXIMAL_SCHEMAS).flatMap(([name, schema]) => {
      const { lists, texts } = listsWithoutMaximum(schema);
      return [
        ...lists
          .filter((path) => !boundedByCatalogue[name]?.includes(path))
          .map((path) => `${name}: list ${path}`),
        ...texts.map((path) => `${name}: text ${path}`),
      ];
    });
    expect(unbounded).toEqual([]);
  });
});

describe('a project with every input at its maximum', () => {
  let env: TestWorkflowEnvironment;
  let h: Harness;

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    h = await startHarness({ env, extraPeople: team.map(({ name, email }) => ({ name, email })) });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
  });

  // Every input at its limit: each field at its maximum as far as the input's limit in bytes
  // (INPUT_MAX_BYTES) lets it be, the longest comment on every decision, every review of the contract.
  test('keeps its project query, audit trail query and every continue-as-new input within 1 MB', async () => {
    const wall = Date.now();
    const log = (line: string) =>
      process.stdout.write(`[maximal project] ${((Date.now() - wall) / 1000).toFixed(1)} s: ${line}\n`);
    const context = deliverableContext(formatDate(new Date(await env.currentTimeMs())));
    const project = maximalProject(uniqueId('maximal'), uniqueId('maximal-group'), team);
    const id = project.id;
    const handle = h.client.workflow.getHandle(workflowIdFor(id));
    const inputSizes = Object.entries(maximalInputs(context, id)).map(
      ([name, input]) => `${name} ${kib(jsonBytes(input))}`,
    );
    /** Inputs the API refused for their size (413): they went straight to the workflow. */
    const refusedByApi: string[] = [];
    let firstRunId: string | undefined;
    let reviews = 0;
    let completed = false;

    /**
     * Through the API; an input larger than the API takes (413) goes to the workflow directly, as
     * the CLI or another integration can send it (the workflow validates it with the same schema).
     */
    async function send(what: string, path: string, body: unknown, direct?: () => Promise<unknown>) {
      const response = await h
        .api(OFFICER_KEY)
        .post(path)
        .send(body as object);
      if (response.status === 413) {
        refusedByApi.push(`${what} (${kib(jsonBytes(body))})`);
        if (direct) return direct();
      }
      if (response.status >= 300)
        throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 1000)}`);
      return response.body as unknown;
    }

    /** A query with a deadline per attempt (QUERY_DEADLINE_MS): one that cannot answer fails the scenario. */
    async function query<T>(definition: QueryDefinition<T>): Promise<T> {
      return eventually(async () => {
        try {
          return await h.client.withDeadline(Date.now() + QUERY_ATTEMPT_MS, () => handle.query(definition));
        } catch (error) {
          throw new Error(`the ${definition.name} query did not answer (${String(error)})`, {
            cause: error,
          });
        }
      }, QUERY_DEADLINE_MS);
    }

    let largestQuery = { bytes: 0, when: '', parts: {} as Record<string, number> };
    let largestAudit = { bytes: 0, when: '' };
    async function measure(when: string): Promise<ProjectView> {
      const view = await query(projectQuery);
      const bytes = jsonBytes(view);
      if (bytes > largestQuery.bytes) largestQuery = { bytes, when, parts: partsOf(view) };
      const auditBytes = jsonBytes(await query(auditTrailQuery));
      if (auditBytes > largestAudit.bytes) largestAudit = { bytes: auditBytes, when };
      log(
        `${when}: project query ${kib(bytes)}, audit trail ${kib(auditBytes)}, run ${view.previousRuns + 1}`,
      );
      return view;
    }

    async function submit(gate: GateId) {
      const deliverable = maximalDeliverable(gate, context);
      const parsed = deliverableSchemas[gate].parse(deliverable);
      await send(`deliverable ${gate}`, `/api/projects/${id}/submissions/${gate}`, deliverable, () =>
        handle.executeUpdate(submitDeliverableUpdate, {
          args: [{ gate, deliverable: parsed, submittedBy: people.requester.email, channel: 'api' }],
        }),
      );
    }

    /**
     * Every approver of the gate's open round approves with the longest comment, each with their
     * own key, until the round closes.
     */
    async function approveAll(gate: GateId) {
      const round = (await query(projectQuery)).rounds.filter((r) => r.gate === gate).at(-1);
      if (round?.status !== 'open') throw new Error(`no open round of ${gate}`);
      for (const slot of round.slots) {
        const response = await h
          .api(personalKey(slot.holder.email))
          .post(`/api/projects/${id}/decisions`)
          .send(maximalDecision());
        if (response.status !== 200)
          throw new Error(
            `${slot.holder.email} approving ${gate}: ${response.status} ${JSON.stringify(response.body)}`,
          );
        if (response.body.roundStatus !== 'open') return;
      }
      throw new Error(`the round of ${gate} is still open after every approver approved`);
    }

    async function drive() {
      await send('createProject', '/api/projects', project, () =>
        h.client.workflow.start(procurementWorkflow, {
          workflowId: workflowIdFor(id),
          taskQueue: h.config.temporal.taskQueue,
          args: [
            {
              kind: 'new',
              project: createProject.parse(project),
              createdBy: { email: people.requester.email, name: people.requester.name },
            } satisfies ProcurementWorkflowInput,
          ],
        }),
      );
      firstRunId = (await handle.describe()).runId;
      await measure('created');

      for (const gate of [
        'circular-need',
        'circular-ambitions',
        'market-dialogue',
        'tender-documents',
        'award',
      ] as const) {
        await submit(gate);
        if (gate === 'circular-need') {
          // Submitted again while its round is open: round 1 is superseded, round 2 approved.
          await measure(`${gate} submitted`);
          await submit(gate);
        }
        await measure(`${gate} submitted`);
        await approveAll(gate);
        await measure(`${gate} approved`);
      }

      let amended = false;
      for (;;) {
        const view = await measure(`contract with ${reviews} reviews`);
        if (view.step !== 'use-and-execution') break;
        const contract = view.contract as NonNullable<ProjectState['contract']>;
        if (reviews >= REVIEWS) {
          await send('startEndOfUse', `/api/projects/${id}/end-of-use`, maximalEndOfUseStart());
          continue;
        }
        const next = contract.moments.find((m) => !m.announcedAt && !m.cancelledAt && !m.reviewedAt);
        if (!next) throw new Error(`no follow-up moment left after ${reviews} reviews`);
        // The review request goes out `noticeDays` before the moment.
        const notice = dueInstant(addDays(next.dueOn, -contract.cadence.noticeDays)) + 60_000;
        const now = await env.currentTimeMs();
        if (notice > now) await env.sleep(notice - now);
        await h.mail.waitFor(
          (m) => m.messageId?.includes(`<cpo.${id}.moment.${next.id}.review-request.`) === true,
        );
        await send('contractReview', `/api/projects/${id}/reviews`, maximalReview(next.id));
        reviews++;
        if (!amended) {
          amended = true;
          const amendment = maximalAmendment(
            addMonths(contract.end, 1),
            { ...contract.cadence, noticeDays: contract.cadence.noticeDays + 1 },
            maximalPerson('new-contract-manager', 'Contract manager'),
          );
          await send('contractAmendment', `/api/projects/${id}/amendments`, amendment);
        }
      }

      for (const gate of ['end-of-use', 'evaluate'] as const) {
        await submit(gate);
        await measure(`${gate} submitted`);
        await approveAll(gate);
      }
      expect(await handle.result()).toMatchObject({ outcome: 'completed' });
      completed = true;
      await measure('completed');
    }

    /** Why the scenario stopped before the project completed (a query Temporal could not answer, …). */
    let stoppedBy: string | undefined;
    try {
      await drive();
    } catch (error) {
      stoppedBy = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      log(`stopped: ${stoppedBy}`);
    }

    const runs = firstRunId
      ? await runsOf(env.address, h.config.temporal.namespace, workflowIdFor(id), firstRunId)
      : [];
    const carried = runs.flatMap((run) => (run.carried ? [run.carried] : []));
    process.stdout.write(
      [
        `maximal project: ${runs.length} runs (events per run ${runs.map((r) => r.events).join(', ')}), ${reviews} maximal reviews, wall ${((Date.now() - wall) / 1000).toFixed(1)} s`,
        `  maximal inputs: ${inputSizes.join(', ')}`,
        `  project query at its largest ${kib(largestQuery.bytes)} (${largestQuery.when}): ${describeParts(largestQuery.parts)}`,
        `  audit trail query at its largest ${kib(largestAudit.bytes)} (${largestAudit.when})`,
        ...carried.map(
          (c, i) => `  continue-as-new input ${i + 1}: ${kib(c.bytes)}: ${describeParts(c.parts)}`,
        ),
        `  inputs the API refused as too large (413): ${refusedByApi.join(', ') || 'none'}`,
        `  ${completed ? 'the project completed' : `the scenario stopped: ${stoppedBy ?? 'unknown'}`}`,
      ].join('\n') + '\n',
    );

    const overBudget = [
      ...(largestQuery.bytes > BUDGET_BYTES ? [`project query ${kib(largestQuery.bytes)}`] : []),
      ...(largestAudit.bytes > BUDGET_BYTES ? [`audit trail query ${kib(largestAudit.bytes)}`] : []),
      ...carried.flatMap((c, i) =>
        c.bytes > BUDGET_BYTES ? [`continue-as-new input ${i + 1}: ${kib(c.bytes)}`] : [],
      ),
    ];
    expect(overBudget).toEqual([]);
    expect(stoppedBy).toBeUndefined();
    expect(completed).toBe(true);
    expect(carried.length).toBeGreaterThanOrEqual(1);
    expect(refusedByApi).toEqual([]);
  }, 300_000);
});

/** Bytes of each top-level part of a project state, with the submissions per gate. */
function partsOf(state: Partial<ProjectState> | ProjectView): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const [key, value] of Object.entries(state)) {
    if (key === 'submissions') continue;
    const count = Array.isArray(value) ? ` (${value.length})` : '';
    parts[`${key}${count}`] = jsonBytes(value);
  }
  for (const [gate, submission] of Object.entries(state.submissions ?? {}))
    parts[`submissions.${gate}`] = jsonBytes(submission);
  return parts;
}

/** The largest parts, largest first. */
function describeParts(parts: Record<string, number>, top = 12): string {
  return Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, bytes]) => `${key} ${kib(bytes)}`)
    .join(', ');
}

interface Run {
  runId: string;
  /** Events in the run (the id of its closing event; 0 while it runs). */
  events: number;
  /** Its continue-as-new input, when it continued as new. */
  carried?: { bytes: number; parts: Record<string, number> };
}

/**
 * The chain of runs from the first, each with the input it continued as new with. Only each run's
 * closing event is read: a whole history is one message of many MB here, more than a client
 * takes by default (4 MB), so this connection takes more.
 */
async function runsOf(
  address: string,
  namespace: string,
  workflowId: string,
  firstRunId: string,
): Promise<Run[]> {
  const connection = await Connection.connect({
    address,
    channelArgs: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 },
  });
  try {
    const runs: Run[] = [];
    let runId: string | undefined = firstRunId;
    while (runId) {
      const execution = { workflowId, runId };
      const response: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse =
        await connection.workflowService.getWorkflowExecutionHistory({
          namespace,
          execution,
          historyEventFilterType:
            temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
        });
      const closing: temporal.api.history.v1.IHistoryEvent | undefined = response.history?.events?.at(-1);
      const continued = closing?.workflowExecutionContinuedAsNewEventAttributes;
      const data = continued?.input?.payloads?.[0]?.data;
      const input = data
        ? (JSON.parse(Buffer.from(data).toString('utf8')) as ProcurementWorkflowInput)
        : undefined;
      runs.push({
        runId,
        events: Number(closing?.eventId ?? 0),
        ...(data && input?.kind === 'continued'
          ? { carried: { bytes: data.length, parts: partsOf(input.state) } }
          : {}),
      });
      runId = continued?.newExecutionRunId || undefined;
    }
    return runs;
  } finally {
    await connection.close();
  }
}
