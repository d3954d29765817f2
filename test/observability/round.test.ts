/**
 * Metrics, traces and logs of one approval round, on the deployed shape (test/observability/stack.ts):
 * the API and the worker run as their own processes with /metrics, OTLP export to a receiver this
 * test runs, and JSON logs; the round goes through real SMTP and the decision pages over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { CapturedMessage } from '../../dev/mail-capture';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { workerTracing } from '../../worker/tracing';
import { OFFICER_KEY, eventually, workflowBundle } from '../helpers/harness';
import {
  METRICS_TOKEN,
  type ObservedStack,
  type ReceivedSpan,
  metricNames,
  metricNamesIn,
  parseMetrics,
  startObservedStack,
  total,
} from './stack';

jest.setTimeout(180_000);

let stack: ObservedStack;
beforeAll(async () => {
  stack = await startObservedStack();
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

const { internalClient: bram, purchaser: chloe, requester } = samplePeople;

async function scrapeApi(token: string | null = METRICS_TOKEN) {
  return fetch(`${stack.apiUrl}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}
async function apiMetrics() {
  return parseMetrics(await (await scrapeApi()).text());
}
async function workerMetrics() {
  return parseMetrics(await (await fetch(stack.workerMetricsUrl)).text());
}

function api(method: 'GET' | 'POST', route: string, body?: unknown) {
  return fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${OFFICER_KEY}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

function decisionPath(message: CapturedMessage): string {
  const link = message.links.find((l) => l.startsWith(`${stack.apiUrl}/d/`));
  if (!link) throw new Error(`no decision link in: ${message.text}`);
  return link.slice(stack.apiUrl.length);
}

async function requestFor(id: string, email: string): Promise<CapturedMessage> {
  const found = await stack.mail.waitFor(
    (m) => m.to.includes(email) && m.messageId?.includes(`cpo.${id}.`) === true && m.text.includes('/d/'),
  );
  return found[0] as CapturedMessage;
}

function decideOnPage(link: string, requestId?: string) {
  return fetch(`${stack.apiUrl}${link}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: 'decision=approve',
  });
}

interface Round {
  id: string;
  /** The X-Request-Id of the decision that closed the round. */
  closingRequestId: string;
  api: { before: Map<string, number>; after: Map<string, number> };
  worker: { before: Map<string, number>; after: Map<string, number> };
}
let round: Round | undefined;

/** One approval round through the pages: both approvers open their link and approve; a forged and a repeated click. */
async function runRound(): Promise<Round> {
  if (round) return round;
  const before = { api: await apiMetrics(), worker: await workerMetrics() };
  const id = `observed-${Date.now()}`;
  expect((await api('POST', '/api/projects', sampleProject(id))).status).toBe(202);
  expect((await api('POST', `/api/projects/${id}/submissions/circular-need`, sampleNeed)).status).toBe(200);
  const bramLink = decisionPath(await requestFor(id, bram.email));
  const chloeLink = decisionPath(await requestFor(id, chloe.email));

  expect((await fetch(`${stack.apiUrl}${bramLink}`)).status).toBe(200);
  expect((await decideOnPage(bramLink)).status).toBe(200);
  const closingRequestId = `decision-${randomUUID()}`;
  expect((await decideOnPage(chloeLink, closingRequestId)).status).toBe(200);
  // A second click on a used link, and a forged one.
  expect((await fetch(`${stack.apiUrl}${bramLink}`)).status).toBe(200);
  expect((await fetch(`${stack.apiUrl}/d/v1.k2026.forged.forged`)).status).toBe(404);
  // The round's outcome reaches the requester: the mail activity ran for the closing decision.
  await stack.mail.waitFor(
    (m) =>
      m.to.includes(requester.email) &&
      m.messageId?.includes(`cpo.${id}.`) === true &&
      /round-outcome/.test(m.messageId ?? ''),
  );
  const after = {
    api: await apiMetrics(),
    worker: await eventually(async () => {
      const now = await workerMetrics();
      return (
        total(now, 'procurement_mails_sent') >= total(before.worker, 'procurement_mails_sent') + 3 && now
      );
    }, 30_000),
  };
  round = {
    id,
    closingRequestId,
    api: { before: before.api, after: after.api },
    worker: { before: before.worker, after: after.worker },
  };
  return round;
}

describe('metrics', () => {
  test('an approval round moves the API’s request, Temporal and link-page numbers and the worker’s mail and SDK numbers', async () => {
    const { api: a, worker: w } = await runRound();
    const moved = (
      m: { before: Map<string, number>; after: Map<string, number> },
      name: string,
      labels = {},
    ) => total(m.after, name, labels) - total(m.before, name, labels);

    expect(
      moved(a, 'http_request_duration_seconds_count', { route: '/d/:token', status: '200' }),
    ).toBeGreaterThanOrEqual(4);
    expect(moved(a, 'http_request_duration_seconds_count', { route: '/api/projects', status: '202' })).toBe(
      1,
    );
    expect(
      moved(a, 'temporal_client_request_duration_seconds_count', { operation: 'update', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(3);
    expect(moved(a, 'temporal_client_request_duration_seconds_count', { operation: 'start' })).toBe(1);
    expect(
      moved(a, 'temporal_client_request_duration_seconds_count', { operation: 'query' }),
    ).toBeGreaterThanOrEqual(2);
    expect(moved(a, 'link_page_outcomes_total', { outcome: 'shown' })).toBe(1);
    expect(moved(a, 'link_page_outcomes_total', { outcome: 'decided' })).toBe(2);
    expect(moved(a, 'link_page_outcomes_total', { outcome: 'already-recorded' })).toBe(1);
    expect(moved(a, 'link_page_outcomes_total', { outcome: 'forged' })).toBe(1);
    // No raw path (with its token) ever becomes a label.
    expect([...a.after.keys()].filter((key) => key.includes('v1.'))).toEqual([]);

    // Two requests, the outcome to the requester and the approvers: at least 3 more mails sent.
    expect(moved(w, 'procurement_mails_sent')).toBeGreaterThanOrEqual(3);
    expect(moved(w, 'temporal_activity_execution_latency_count')).toBeGreaterThanOrEqual(3);
    expect(moved(w, 'temporal_workflow_task_execution_latency_count')).toBeGreaterThanOrEqual(3);
  });

  test('/metrics answers only with the token; the worker’s endpoint listens on the configured address', async () => {
    expect((await scrapeApi(null)).status).toBe(404);
    expect((await scrapeApi('wrong-token-0123456789abcdef')).status).toBe(404);
    const scraped = await scrapeApi();
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_request_duration_seconds_bucket');
  });

  test('every metric of every panel of the Grafana dashboard is exposed by the API or the worker', async () => {
    await runRound();
    const dashboard = JSON.parse(
      await readFile(
        path.resolve(__dirname, '../../dev/observability/grafana/dashboards/procurement.json'),
        'utf8',
      ),
    ) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const exposed = new Set([
      ...metricNames(await (await scrapeApi()).text()),
      ...metricNames(await (await fetch(stack.workerMetricsUrl)).text()),
    ]);
    const missing: string[] = [];
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    for (const panel of dashboard.panels) {
      const names = (panel.targets ?? []).flatMap((target) => metricNamesIn(target.expr));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) if (!exposed.has(name)) missing.push(`${panel.title}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  test('the link pages count the requests their rate limit refuses', async () => {
    await runRound();
    const before = total(await apiMetrics(), 'rate_limit_refusals_total');
    let refused = 0;
    for (let i = 0; i < 40 && refused === 0; i++) {
      if ((await fetch(`${stack.apiUrl}/d/v1.k2026.made-up.token`)).status === 429) refused++;
    }
    expect(refused).toBe(1);
    expect(total(await apiMetrics(), 'rate_limit_refusals_total') - before).toBeGreaterThanOrEqual(1);
  });
});

describe('traces', () => {
  test('the decision that closes a round is one trace: the page, the update, the workflow and the mail activity', async () => {
    const { closingRequestId } = await runRound();
    const server = await eventually(
      () =>
        Promise.resolve(
          stack.otlp.spans.find(
            (s) => s.name === 'POST /d/:token' && s.attributes['request.id'] === closingRequestId,
          ),
        ),
      30_000,
    );
    const wanted = [
      'POST /d/:token',
      'StartWorkflowUpdate:decide',
      'HandleUpdate:decide',
      'RunActivity:sendNotifications',
    ];
    const spans = await eventually(() => {
      const inTrace = stack.otlp.spans.filter((s) => s.traceId === server.traceId);
      return Promise.resolve(wanted.every((name) => inTrace.some((s) => s.name === name)) && inTrace);
    }, 30_000);
    const byName = (name: string) => spans.filter((s) => s.name === name);
    expect(byName('POST /d/:token').map((s) => s.service)).toEqual(['circular-procurement-api']);
    expect(byName('StartWorkflowUpdate:decide')[0]?.service).toBe('circular-procurement-api');
    expect(byName('HandleUpdate:decide')[0]?.service).toBe('circular-procurement-worker');
    expect(byName('RunActivity:sendNotifications')[0]?.service).toBe('circular-procurement-worker');

    // One tree: the page's span is the only root, every other span's parent is in the trace.
    const ids = new Set(spans.map((s) => s.spanId));
    const roots = spans.filter((s: ReceivedSpan) => !s.parentSpanId || !ids.has(s.parentSpanId));
    expect(roots.map((s) => s.name)).toEqual(['POST /d/:token']);
    // The mail descends from the workflow's handling of the update.
    const parentOf = (span: ReceivedSpan) => spans.find((s) => s.spanId === span.parentSpanId);
    const mail = byName('RunActivity:sendNotifications')[0] as ReceivedSpan;
    const ancestors: string[] = [];
    for (let span = parentOf(mail); span; span = parentOf(span)) ancestors.push(span.name);
    expect(ancestors).toEqual(
      expect.arrayContaining(['HandleUpdate:decide', 'StartWorkflowUpdate:decide', 'POST /d/:token']),
    );
  });
});

describe('logs', () => {
  test('the decision’s request id is in the API’s log line, the workflow’s audit entry and the mail activity’s log line', async () => {
    const { id, closingRequestId } = await runRound();
    const apiLine = stack.api
      .lines()
      .find((line) => line.msg === 'request' && line.requestId === closingRequestId);
    expect(apiLine).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/d/:token',
      status: 200,
      path: '/d/[redacted]',
    });

    const audit = (await (await api('GET', `/api/projects/${id}/audit`)).json()) as {
      entries: { kind: string; actor: string; requestId?: string }[];
    };
    expect(audit.entries.filter((e) => e.requestId === closingRequestId).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['decided']),
    );
    expect(audit.entries.find((e) => e.kind === 'decided' && e.actor === chloe.email)?.requestId).toBe(
      closingRequestId,
    );

    const mailLine = await eventually(
      () =>
        Promise.resolve(
          stack.worker
            .lines()
            .find((line) => line.msg === 'mail sent' && line.requestId === closingRequestId),
        ),
      15_000,
    );
    expect(mailLine).toMatchObject({ level: 'info', projectId: id, kind: 'round-outcome' });
    // No line of either process carries a link token.
    for (const service of [stack.api, stack.worker])
      expect(service.output()).not.toMatch(/v1\.k202[56]\.[\w-]{20,}/);
  });

  test('the project’s history, with its request ids and trace headers, replays with and without workflow tracing bundled', async () => {
    const { id } = await runRound();
    const connection = await Connection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS as string });
    try {
      const history = await new Client({ connection }).workflow.getHandle(workflowIdFor(id)).fetchHistory();
      expect(JSON.stringify(history)).toContain('request-id');
      expect(JSON.stringify(history)).toContain('_tracer-data');
      // Recorded with tracing; a worker may replay it with either bundle (tracing switched off or on).
      for (const traced of [true, false]) {
        await Worker.runReplayHistory(
          {
            workflowBundle: await workflowBundle(traced),
            replayName: `observed round (${traced ? 'traced' : 'default'} bundle)`,
            // The span sink as a worker without tracing has it (worker/tracing.ts).
            sinks: workerTracing(undefined).sinks,
          },
          history,
        );
      }
    } finally {
      await connection.close();
    }
  });
});
