/**
 * Reads a V8 CPU profile (inspector `Profiler.stop`) of a process whose workflows ran on the main
 * thread: frames of the workflow bundle are attributed to their webpack module by line (the bundle
 * marks each module with a `/***\/ "./path"` line), frames of files to their path in the repository.
 * Self time comes from the samples and their time deltas; inclusive time counts a function once
 * per sample however deep it recurses.
 */
import type { Profiler, Runtime } from 'node:inspector';

export interface FunctionTime {
  /** `name (module:line)`. */
  fn: string;
  module: string;
  ms: number;
  percent: number;
}

export interface ProfileReport {
  totalMs: number;
  /** Samples with workflow-bundle code anywhere on the stack: the time inside the sandbox. */
  sandboxMs: number;
  /** Samples with our workflow code (workflows/, domain/ in the bundle) anywhere on the stack. */
  oursInSandboxMs: number;
  /** Self time by area: our workflow code, zod, the SDK, the API, mail, garbage collection… */
  areas: { area: string; ms: number; percent: number }[];
  topSelfOurs: FunctionTime[];
  topInclusiveOurs: FunctionTime[];
  /** For the heaviest of our functions (inclusive), the callees that take most of it. */
  callees: { fn: string; callees: FunctionTime[] }[];
  /** Time in the SDK's promise hook, by the workflow-bundle function that made the promise. */
  promisesMadeBy: FunctionTime[];
}

const REPO = `file://${process.cwd()}/`;

/** Start line (0-based) and name of each webpack module in the bundle. */
function moduleIndex(code: string): { line: number; name: string }[] {
  const index: { line: number; name: string }[] = [];
  code.split('\n').forEach((text, line) => {
    const match = /^\/\*\*\*\/ "([^"]+)"/.exec(text);
    if (match?.[1]) index.push({ line, name: match[1].replace(/^\.\//, '') });
    // After the modules: webpack's own require and helpers, between lines of asterisks.
    else if (/^\/\*{50,}\/$/.test(text)) index.push({ line, name: '(webpack runtime)' });
  });
  return index;
}

function moduleAt(index: { line: number; name: string }[], line: number): string {
  let low = 0;
  let high = index.length - 1;
  let found = '(bundle runtime)';
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = index[mid] as { line: number; name: string };
    if (entry.line <= line) {
      found = entry.name;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Where a frame's code lives: `bundle:<module>` for workflow code, a repository path, or a kind. */
function locate(frame: Runtime.CallFrame, index: { line: number; name: string }[]): string {
  const url = frame.url;
  if (/workflow-bundle-[0-9a-f]+\.js$/.test(url)) return `bundle:${moduleAt(index, frame.lineNumber)}`;
  if (url.startsWith(REPO)) return url.slice(REPO.length);
  if (url.startsWith('node:')) return 'node internals';
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  return url;
}

const NATIVE = 'node internals and natives';
/** The SDK's promise hook: a stack trace for every promise workflow code creates (stack trace query). */
const PROMISE_HOOK = 'SDK promise hook (a stack trace per promise made in workflow code)';

function area(module: string): string {
  const m = module.replace(/^bundle:/, '');
  const inBundle = module.startsWith('bundle:');
  if (/^(workflows|domain)\//.test(m))
    return inBundle ? 'workflow code (workflows/, domain/)' : 'domain/ in the API';
  if (m.includes('node_modules/zod')) return inBundle ? 'zod in workflows' : 'zod in the API';
  if (m.includes('@temporalio/') && inBundle) return 'SDK inside the workflow sandbox';
  if (m.includes('@temporalio/')) return 'SDK (worker, client)';
  if (/^(api|presentation)\//.test(m)) return 'API and pages (api/, presentation/)';
  if (m.startsWith('activities/')) return 'activities (mail composition)';
  if (m.includes('node_modules/nodemailer')) return 'nodemailer';
  if (m.includes('node_modules/express') || m.includes('node_modules/router')) return 'express';
  if (m === '(garbage collector)' || m === '(program)' || m === '(idle)') return m;
  if (m === 'node internals' || m === '(native)') return NATIVE;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1];
  if (pkg) return `${pkg}${inBundle ? ' in workflows' : ''}`;
  return inBundle ? 'other bundle code' : m.startsWith('file://') || m.startsWith('/') ? 'other files' : m;
}

const ours = (module: string) => /^bundle:(workflows|domain)\//.test(module);

export function analyseProfile(profile: Profiler.Profile, bundleCode: string, top = 15): ProfileReport {
  const index = moduleIndex(bundleCode);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = new Map<number, { fn: string; module: string }>();
  for (const n of profile.nodes) {
    const module = locate(n.callFrame, index);
    const name = n.callFrame.functionName || '(anonymous)';
    label.set(n.id, {
      fn: `${name} (${module.replace(/^bundle:/, '')}:${n.callFrame.lineNumber + 1})`,
      module,
    });
  }
  /** Natives (JSON, regexes, Intl, buffers) count for the area of the JavaScript that called them. */
  const leafArea = (id: number): string => {
    let hook = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      hook ||= frame?.functionName === 'initAll' && frame.url === 'node:internal/promise_hooks';
      // On the workflow thread only sandbox promises reach the hook; in debugMode every promise does.
      if (hook && label.get(at)?.module.startsWith('bundle:')) return PROMISE_HOOK;
    }
    if (hook) return `${PROMISE_HOOK}: promises outside the sandbox (debugMode only)`;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const found = area(label.get(at)?.module ?? '');
      if (found !== NATIVE) return at === id ? found : `${found} (natives it calls)`;
    }
    return NATIVE;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const calleeTime = new Map<string, Map<string, number>>();
  const areas = new Map<string, number>();
  const promiseHook = new Map<string, number>();
  let total = 0;
  let sandbox = 0;
  let oursInSandbox = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    // The delta before the next sample is the time spent in this one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const own = label.get(id);
    if (!own || own.module === '(idle)') return;
    total += ms;
    self.set(own.fn, (self.get(own.fn) ?? 0) + ms);
    const where = leafArea(id);
    areas.set(where, (areas.get(where) ?? 0) + ms);
    const seen = new Set<string>();
    let child: string | undefined;
    let inSandbox = false;
    let inOurs = false;
    let inHook = false;
    let maker: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = label.get(at);
      if (!frame || !nodes.has(at)) break;
      inSandbox ||= frame.module.startsWith('bundle:');
      inOurs ||= ours(frame.module);
      const callFrame = nodes.get(at)?.callFrame;
      inHook ||= callFrame?.functionName === 'initAll' && callFrame.url === 'node:internal/promise_hooks';
      if (inHook && !maker && frame.module.startsWith('bundle:')) maker = frame.fn;
      if (!seen.has(frame.fn)) {
        seen.add(frame.fn);
        inclusive.set(frame.fn, (inclusive.get(frame.fn) ?? 0) + ms);
        if (child && ours(frame.module)) {
          const map = calleeTime.get(frame.fn) ?? new Map<string, number>();
          map.set(child, (map.get(child) ?? 0) + ms);
          calleeTime.set(frame.fn, map);
        }
      }
      child = frame.fn;
    }
    if (maker) promiseHook.set(maker, (promiseHook.get(maker) ?? 0) + ms);
    if (inSandbox) sandbox += ms;
    if (inOurs) oursInSandbox += ms;
  });
  const moduleOf = new Map([...label.values()].map((l) => [l.fn, l.module]));
  const asTimes = (entries: Iterable<[string, number]>, filter: (fn: string) => boolean, n: number) =>
    [...entries]
      .filter(([fn]) => filter(fn))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, ms]) => ({
        fn,
        module: (moduleOf.get(fn) ?? '').replace(/^bundle:/, ''),
        ms: Math.round(ms),
        percent: Math.round((ms / total) * 1000) / 10,
      }));
  const isOurs = (fn: string) => ours(moduleOf.get(fn) ?? '');
  const topInclusiveOurs = asTimes(inclusive, isOurs, top);
  return {
    totalMs: Math.round(total),
    sandboxMs: Math.round(sandbox),
    oursInSandboxMs: Math.round(oursInSandbox),
    areas: asTimes(areas, () => true, 20).map(({ fn, ms, percent }) => ({ area: fn, ms, percent })),
    topSelfOurs: asTimes(self, isOurs, top),
    topInclusiveOurs,
    callees: topInclusiveOurs.slice(0, 8).map(({ fn }) => ({
      fn,
      callees: asTimes(calleeTime.get(fn) ?? new Map<string, number>(), () => true, 4),
    })),
    promisesMadeBy: asTimes(promiseHook, () => true, 10),
  };
}
