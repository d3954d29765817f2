/**
 * Turns the results of bench/run-all.ts into the summary rows (before, now, floor, ratio, goal,
 * load) and the detail sections of BENCHMARKS.md. The "before" figures and the goals are the
 * issue's; a goal is checked only where the issue states a number.
 */
import type { DecisionResult } from './decisions';
import type { ListRow } from './lists';
import type { ProfileResult } from './profile';
import { type Section, type SummaryRow, objectTable, ratio } from './report';
import { type Summary, round1 } from './support';
import type { TenYearResult } from './ten-year';
import { type ProcessHistory, type ThroughputResult, throughputTotals } from './throughput';
import type { Row, ScaleSample } from './worker-memory';

/** The sizes of each part (bench/run-all.ts: the full run and --quick). */
export interface Size {
  coldStarts: number;
  memoryWorkflows: number;
  memoryThreads: readonly ('worker' | 'main')[];
  clients: number;
  windowSeconds: number;
  rounds: number;
  decisions: number;
  scale: number;
  scaleStep: number;
  replays: number;
  listIterations: number;
  years: number;
  tenYearReplays: number;
  profileSeconds: number;
  limitMinutes: number;
}

export interface Results {
  quick: boolean;
  size: Size;
  coldStarts: { mode: 'prebuilt' | 'source'; startMs: number; createMs: number; loadavg: string }[];
  memory: Row[];
  throughput: ThroughputResult;
  decisions: DecisionResult;
  scale: { project: ScaleSample[]; floor: ScaleSample[] };
  evictedReplay: { project: Summary; floor: Summary; loadavg: string };
  lists: ListRow[];
  tenYears: TenYearResult;
  profile: ProfileResult;
  slowTaskWarnings: number;
}

const ms = (value: number) => `${value} ms`;
const load1 = (loadavg: string) => loadavg;

function memoryRows(r: Results): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const thread of ['worker', 'main'] as const) {
    const project = r.memory.find((m) => m.thread === thread && m.case === 'procurement+preload');
    const floor = r.memory.find((m) => m.thread === thread && m.case === 'trivial');
    if (!project || !floor) continue;
    const [p, f, what] =
      thread === 'main'
        ? [
            project.heapKiBPerWorkflow ?? NaN,
            floor.heapKiBPerWorkflow ?? NaN,
            'heap, workflows on the main thread',
          ]
        : [project.rssKiBPerWorkflow, floor.rssKiBPerWorkflow, 'RSS, workflow thread as deployed'];
    const x = ratio(p, f);
    rows.push({
      measure: `Worker memory per cached workflow (${what}, N = ${project.n})`,
      before: '2,604 KiB (floor 169 KiB)',
      project: `${p} KiB`,
      floor: `${f} KiB trivial`,
      ratio: x,
      goal: '≤ 2× trivial',
      met: x === null ? null : x <= 2,
      loadavg: load1(project.loadavg),
    });
  }
  return rows;
}

function scaleRows(r: Results): SummaryRow[] {
  const at = (samples: ScaleSample[], open: number) => samples.find((s) => s.open === open);
  const first = r.scale.project[1];
  const last = r.scale.project.at(-1);
  if (!first || !last) return [];
  const rows: SummaryRow[] = [];
  for (const sample of [first, last]) {
    const floor = at(r.scale.floor, sample.open);
    const growth = (last.rssMiB - first.rssMiB) / first.rssMiB;
    rows.push({
      measure: `Worker RSS, ${sample.open.toLocaleString('en')} open projects (configured cache: ${sample.cached} cached)`,
      before: sample === first ? '2.5 GB at 1,000 with cache 1,000 (floor 0.38 GB)' : '—',
      project: `${sample.rssMiB} MiB`,
      floor: floor ? `${floor.rssMiB} MiB trivial` : '—',
      ratio: floor ? ratio(sample.rssMiB, floor.rssMiB) : null,
      goal: sample === last ? '≤ 600 MB at 5,000, flat (≤ +15 %) from 1,000' : 'flat up to 5,000',
      met: sample === last ? last.rssMiB * 1.048576 <= 600 && growth <= 0.15 : null,
      loadavg: load1(sample.loadavg),
    });
  }
  return rows;
}

function replayRows(r: Results): SummaryRow[] {
  const e = r.evictedReplay;
  const t = r.tenYears;
  return [
    {
      measure: `Query of an evicted project (replay into the cache), p50 of ${e.project.n}`,
      before: '—',
      project: ms(e.project.p50),
      floor: `${ms(e.floor.p50)} trivial`,
      ratio: ratio(e.project.p50, e.floor.p50),
      goal: 'measured (no number in the issue)',
      met: null,
      loadavg: e.loadavg,
    },
    {
      // The floor is sized to the longest run, so that is the run to hold against it.
      measure: `Replay of an evicted ${t.years}-year project, its longest run (${t.longestRunEvents} events; the current run, ${t.currentRunEvents} events: p50 ${t.replayCurrentMs.p50} ms), runReplayHistories p50`,
      before: '—',
      project: ms(t.replayLongestMs.p50),
      floor: `${ms(t.replayFloorMs.p50)} (${t.floorEvents} events)`,
      ratio: ratio(t.replayLongestMs.p50, t.replayFloorMs.p50),
      goal: 'measured (no number in the issue)',
      met: null,
      loadavg: t.loadavg,
    },
  ];
}

function throughputRows(r: Results): SummaryRow[] {
  const p = throughputTotals(r.throughput, 'project');
  const f = throughputTotals(r.throughput, 'floor');
  const u = throughputTotals(r.throughput, 'floor+upserts');
  const clients = r.size.clients;
  const x = ratio(p.processesPerMinute, f.processesPerMinute);
  const latency = ratio(p.taskLatencyMeanMs, f.taskLatencyMeanMs);
  const cpu = (t: typeof p) =>
    `${round1(t.benchCpuMsPerProcess + t.serverCpuMsPerProcess)} ms (bench ${t.benchCpuMsPerProcess} + server ${t.serverCpuMsPerProcess})`;
  return [
    {
      measure: `Full processes to step 5 per minute, ${clients} concurrent clients (${r.throughput.updatesPerProcess} updates each)`,
      before: '38.1 / min (floor 121.4 / min)',
      project: `${p.processesPerMinute} / min`,
      floor: `${f.processesPerMinute} / min`,
      ratio: x,
      goal: '≥ 0.7× floor',
      met: x === null ? null : x >= 0.7,
      loadavg: p.loadavg,
    },
    {
      measure:
        "↳ the floor that also writes visibility as often as a project (a search-attribute upsert at the start and in every update: 20 writes to the project's 21), same windows",
      before: '—',
      project: `${u.processesPerMinute} / min (floor with upserts)`,
      floor: `${f.processesPerMinute} / min`,
      ratio: ratio(u.processesPerMinute, f.processesPerMinute),
      goal: '— (what the writes alone leave of the floor)',
      met: null,
      loadavg: u.loadavg,
    },
    {
      measure: '↳ the project against that floor with upserts: its own code, API, mail and timers',
      before: '—',
      project: `${p.processesPerMinute} / min`,
      floor: `${u.processesPerMinute} / min (floor with upserts)`,
      ratio: ratio(p.processesPerMinute, u.processesPerMinute),
      goal: '—',
      met: null,
      loadavg: p.loadavg,
    },
    {
      measure:
        'CPU per process during those windows: the bench process (API, workers, clients) and the dev server',
      before: '—',
      project: cpu(p),
      floor: `${cpu(f)}; with upserts ${cpu(u)}`,
      ratio: ratio(
        p.benchCpuMsPerProcess + p.serverCpuMsPerProcess,
        f.benchCpuMsPerProcess + f.serverCpuMsPerProcess,
      ),
      goal: '—',
      met: null,
      loadavg: p.loadavg,
    },
    {
      measure: `API call p50 during that run (floor: executeUpdate)`,
      before: '908 ms (floor 391 ms)',
      project: ms(p.callP50Ms),
      floor: ms(f.callP50Ms),
      ratio: ratio(p.callP50Ms, f.callP50Ms),
      goal: '—',
      met: null,
      loadavg: p.loadavg,
    },
    {
      measure: 'Workflow task execution latency, mean (SDK metric, same run, per task queue)',
      before: '77 ms (floor 21 ms)',
      project: ms(p.taskLatencyMeanMs),
      floor: ms(f.taskLatencyMeanMs),
      ratio: latency,
      goal: '≤ 2× floor',
      met: latency === null ? null : latency <= 2,
      loadavg: p.loadavg,
    },
    processHistoryRow(r.throughput.perProcess),
  ];
}

/** What one process costs Temporal on each side: the structural part of the throughput ratio. */
function processHistoryRow({
  project,
  floor,
  'floor+upserts': upserts,
}: ThroughputResult['perProcess']): SummaryRow {
  const describe = (h: ProcessHistory) =>
    `${h.workflowTasks} workflow tasks, ${h.activities} activities, ${h.searchAttributeUpserts} upserts, ${h.timersStarted} timers, ${h.events} events`;
  return {
    measure: 'One process in history (its warm-up run): what Temporal does for it',
    before: '—',
    project: describe(project),
    floor: `${describe(floor)}; with upserts: ${describe(upserts)}`,
    ratio: ratio(project.workflowTasks, floor.workflowTasks),
    goal: '— (ratio: workflow tasks)',
    met: null,
    loadavg: '—',
  };
}

function decisionRows(d: DecisionResult): SummaryRow[] {
  const loadavg = `${d.loadavg[0] ?? ''} … ${d.loadavg.at(-1) ?? ''}`;
  const row = (
    measure: string,
    before: string,
    project: number,
    floor: number,
    limit: number | null,
  ): SummaryRow => {
    const x = ratio(project, floor);
    return {
      measure,
      before,
      project: ms(project),
      floor: `${ms(floor)} executeUpdate, no-op`,
      ratio: x,
      goal: limit === null ? '—' : `≤ ${limit}× floor`,
      met: limit === null || x === null ? null : x <= limit,
      loadavg,
    };
  };
  return [
    row(
      `Decision page POST → confirmation page, p50 of ${d.page.n}`,
      '42.9 ms (floor 16.5 ms)',
      d.page.p50,
      d.floor.p50,
      1.25,
    ),
    row('Decision page POST, p95', '80.6 ms (floor 34.1 ms)', d.page.p95, d.floor.p95, null),
    row('Decision page POST, p99', '—', d.page.p99, d.floor.p99, 2),
    row(`API JSON decision, p50 of ${d.json.n}`, '26.3 ms (floor 16.5 ms)', d.json.p50, d.floor.p50, 1.2),
    // Where the JSON decision's time above the floor goes (bench/decisions.ts).
    row(
      `↳ the project's decide update sent with executeUpdate (no API), p50 of ${d.direct.n}`,
      '—',
      d.direct.p50,
      d.floor.p50,
      null,
    ),
    {
      ...row(
        `↳ the floor plus the one search-attribute upsert a decision makes, p50 of ${d.floorUpsert.n}`,
        '—',
        d.floorUpsert.p50,
        d.floor.p50,
        null,
      ),
      project: `${ms(d.floorUpsert.p50)} (floor + upsert)`,
    },
    {
      ...row(
        '↳ API JSON decision against the floor with that upsert',
        '—',
        d.json.p50,
        d.floorUpsert.p50,
        null,
      ),
      floor: `${ms(d.floorUpsert.p50)} executeUpdate, one upsert`,
    },
  ];
}

/** How bench/lists.ts measures (beside the one-line method above the summary). */
const LISTS_METHOD =
  'Route and floor alternate which goes first, after 3 warm-up requests. A counts route (`GET /api/projects/counts`, found in the OpenAPI document) is measured per filter against one CountWorkflowExecutions with the same query. The route serves counts cached up to COUNTS_CACHE_SECONDS (requests for the same counts share one counting), so its samples after the warm-up are mostly cache hits; `countsInProcess` is the cold fan-out each cache miss pays: its own counts (one per step and per status, a filter that fixes one needs none for it) made at once in the bench process, without HTTP and without the cache. The counts of My work go through the same cache; its sections never do.';

function listRows(lists: ListRow[]): SummaryRow[] {
  return lists.map((l) => ({
    measure: `${l.request}: ${l.matching.toLocaleString('en')} match${l.floorCall.startsWith('Count') ? '' : `, ${l.items} items`}, p50 of ${l.floor.n}`,
    before: l.request.includes('count') ? '—' : '490–550 ms when 800 match',
    // A counts route answers from its cache after the first request: say what a miss costs beside it.
    project:
      l.route.n === 0
        ? '—'
        : l.countsInProcess
          ? `${ms(l.route.p50)} (p95 ${ms(l.route.p95)}, max ${ms(l.route.max)}: the misses)`
          : ms(l.route.p50),
    floor: `${ms(l.floor.p50)} ${l.floorCall}${l.countsInProcess ? `; a cache miss's counts at once, without HTTP (cold fan-out): ${ms(l.countsInProcess.p50)}` : ''}`,
    ratio: ratio(l.route.p50, l.floor.p50),
    goal: l.countsInProcess ? '≤ 50 ms p50 (served; a miss pays the cold fan-out)' : '≤ 50 ms p50',
    met: l.route.n > 0 ? l.route.p50 <= 50 : null,
    loadavg: l.loadavg,
  }));
}

function coldStartRow(r: Results): SummaryRow {
  const median = (mode: 'prebuilt' | 'source', pick: 'createMs' | 'startMs') => {
    const values = r.coldStarts
      .filter((c) => c.mode === mode)
      .map((c) => c[pick])
      .sort((a, b) => a - b);
    return values[Math.floor((values.length - 1) / 2)] ?? NaN;
  };
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  const prebuilt = median('prebuilt', 'createMs');
  const source = median('source', 'createMs');
  return {
    measure: `Worker cold start: Worker.create, prebuilt bundle vs bundling from source (whole process, fork to polling: ${seconds(median('prebuilt', 'startMs'))} vs ${seconds(median('source', 'startMs'))})`,
    before: '1.1–1.2 s vs 3.8–4.0 s',
    project: `${seconds(prebuilt)} prebuilt`,
    floor: `${seconds(source)} from source`,
    ratio: ratio(prebuilt, source),
    goal: '—',
    met: null,
    loadavg: r.coldStarts.at(-1)?.loadavg ?? '',
  };
}

export function summaryRows(r: Results): SummaryRow[] {
  return [
    ...memoryRows(r),
    ...scaleRows(r),
    ...replayRows(r),
    ...throughputRows(r),
    ...decisionRows(r.decisions),
    ...listRows(r.lists),
    coldStartRow(r),
  ];
}

function profileText(p: ProfileResult): string {
  const fns = (rows: { fn: string; ms: number; percent: number }[]) =>
    objectTable(rows.map(({ fn, ms: time, percent }) => ({ function: fn, ms: time, '% of CPU': percent })));
  return `${p.seconds} s of ${p.calls} API calls (20 clients driving projects to step 5) with the workflows on the
main thread (debugMode), sampled every 0.5 ms with node:inspector; ${p.totalMs} ms of CPU on the main
thread, of which ${p.sandboxMs} ms inside the workflow sandbox (${p.sandboxMsPerCall} ms a call) and
${p.oursInSandboxMs} ms under our workflow code (workflows/, domain/; ${p.oursMsPerCall} ms a call).
Load average ${p.loadavg}. The raw profile was written to \`${p.file}\` (open it in Chrome DevTools).

**CPU by area** (self time; natives count for the code that called them):

${objectTable(p.areas)}

**Our workflow code, self time:**

${fns(p.topSelfOurs)}

**Our workflow code, inclusive time** (the function and everything it calls):

${fns(p.topInclusiveOurs)}

**The SDK's promise hook, by the function that made the promise** (each promise made in workflow
code costs a stack trace mapped through the bundle's source map: \`@temporalio/worker\`
lib/workflow/vm-shared.js, installed on every workflow thread for the stack trace query):

${fns(p.promisesMadeBy)}

**Where the heaviest of them spend it:**

${p.callees.map((c) => `- \`${c.fn}\`: ${c.callees.map((x) => `\`${x.fn}\` ${x.ms} ms`).join(', ')}`).join('\n')}`;
}

export function sections(r: Results): Section[] {
  const t = r.tenYears;
  return [
    {
      title: 'How each row is measured',
      text: `- **Memory:** bench/worker-memory.ts — a worker child process per case, N workflows started after 10 warm-up ones, (after − before) / N of \`process.memoryUsage()\` after a forced GC. Floor: \`trivialFloorWorkflow\`.
- **Scale:** one worker child per side with the configured cache and task slots (\`WORKER_MAX_CACHED_WORKFLOWS\`, \`WORKER_MAX_CONCURRENT_WORKFLOW_TASKS\` or their defaults), grown ${r.size.scaleStep} workflows at a time, project and floor alternating; RSS sampled without a forced GC, as deployed. Then the oldest (evicted) are queried one by one: each query replays the workflow into the cache.
- **Throughput:** bench/throughput.ts — ${r.size.clients} clients, alternating ${r.size.windowSeconds} s windows (${r.size.rounds} each). Project: create, then submit and approve every gate up to the award through the API (bench/drive.ts). Floor: start \`updateFloorWorkflow\`, then the same arguments as ${r.throughput.updatesPerProcess} \`executeUpdate\`s. Floor with upserts: the same with \`upsertFloorWorkflow\`, which upserts one search attribute at the start and in each update. CPU: this process's and the dev server's user + system time from /proc over each window, divided by the processes driven in it. Processes/min = calls finished in the window ÷ calls per process. Task latency: \`temporal_workflow_task_execution_latency\` sum/count from the SDK's Prometheus endpoint, per task queue, over the same windows.
- **Decisions:** bench/decisions.ts — one at a time, blocks of ten alternating page POST, floor, JSON, the floor with one search-attribute upsert, the project's update sent directly, floor. Mail is composed by the real notifier but handed to nodemailer's JSON transport (no SMTP capture parsing in the bench process); the links come from the composed mail.
- **Lists:** bench/lists.ts — whatever \`GET /api/projects\` does at run time, against one ListWorkflowExecutions page of 50 with the same filters; a counts route is measured when the OpenAPI document has one.
- **Ten years:** bench/ten-year.ts — a project driven through the API on the time-skipping server, ${t.years} years of monthly reviews (${t.reviews} recorded), then each run's history replayed with \`Worker.runReplayHistories\` on the prebuilt bundle (${r.size.tenYearReplays} times, after one warm-up). This is the worker's part of an eviction; fetching the history from the server comes on top. Floor: an update floor workflow with at least as many events as the longest run.
- **Cold start:** a fresh worker process (tsx) from fork to polling, with the prebuilt bundle or bundling from source (\`preloadModules\` as the worker does).
- The SDK logged "workflow task duration exceeded" ${r.slowTaskWarnings} times in this process during the run.`,
    },
    { title: 'Worker cold start', text: objectTable(r.coldStarts) },
    { title: 'Memory per cached workflow', text: objectTable(r.memory) },
    {
      title: 'Scale run',
      text: `${objectTable([...r.scale.project, ...r.scale.floor])}\n\nEvicted workflows queried (replayed), ms: project ${JSON.stringify(r.evictedReplay.project)}, floor ${JSON.stringify(r.evictedReplay.floor)}.`,
    },
    {
      title: 'Throughput windows',
      text: objectTable(r.throughput.windows),
    },
    {
      title: 'Single decisions (ms)',
      text: `${objectTable([
        { kind: 'decision page POST', ...r.decisions.page },
        { kind: 'API JSON decision', ...r.decisions.json },
        { kind: 'floor executeUpdate', ...r.decisions.floor },
        { kind: "project's decide update, executeUpdate (no API)", ...r.decisions.direct },
        { kind: 'floor executeUpdate with one search-attribute upsert', ...r.decisions.floorUpsert },
      ])}\n\nLoad average during the blocks: ${r.decisions.loadavg.join('; ')}.`,
    },
    {
      title: 'Lists and counts (ms)',
      text: `${LISTS_METHOD}\n\n${objectTable(
        r.lists.map(({ route, floor, countsInProcess, ...rest }) => ({
          ...rest,
          route: JSON.stringify(route),
          floor: JSON.stringify(floor),
          countsInProcess: countsInProcess ? JSON.stringify(countsInProcess) : '',
        })),
      )}`,
    },
    {
      title: `Replay of a ${t.years}-year project`,
      text: `${t.runs.length} runs (events each: ${t.runs.map((x) => x.events).join(', ')}), driven in ${t.wallSeconds} s. Replay ms — current run: ${JSON.stringify(t.replayCurrentMs)}; longest run: ${JSON.stringify(t.replayLongestMs)}; floor (${t.floorEvents} events): ${JSON.stringify(t.replayFloorMs)}.`,
    },
    { title: 'CPU profile of the workflow code under load', text: profileText(r.profile) },
  ];
}
