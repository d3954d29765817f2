/**
 * A real S3-compatible server for the document store's tests: moto's server mode (PyPI
 * `moto[server]`, pinned), installed with pip into the git-ignored `.tools/` and started on a free
 * loopback port. MinIO would be the production-like choice, but it is a Go build of many minutes
 * and a large binary; moto answers the S3 REST API (the SDK talks to it exactly as to AWS) and
 * installs in seconds.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './cluster/processes';
import { TOOLS_DIR } from './temporal-binaries';

const run = promisify(execFile);

export const MOTO_VERSION = '5.2.5';
export const MOTO_DIR = path.join(TOOLS_DIR, `moto-${MOTO_VERSION}`);

async function installed(): Promise<boolean> {
  try {
    await access(path.join(MOTO_DIR, 'moto', 'server.py'));
    return true;
  } catch {
    return false;
  }
}

/** Installs moto's server into `.tools/moto-<version>` unless it is there. */
export async function installS3Server(log: (line: string) => void = () => undefined): Promise<string> {
  if (await installed()) return MOTO_DIR;
  log(`installing moto[server]==${MOTO_VERSION} from PyPI into ${path.relative(process.cwd(), MOTO_DIR)}`);
  const partial = `${MOTO_DIR}.partial-${process.pid}`;
  await run(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--target',
      partial,
      `moto[server]==${MOTO_VERSION}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  // rename is atomic: a concurrent test never imports a half-installed package.
  await run('mv', ['-T', partial, MOTO_DIR]).catch(async (error: unknown) => {
    await run('rm', ['-rf', partial]);
    if (!(await installed())) throw error;
  });
  return MOTO_DIR;
}

export interface S3Server {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts moto's S3 server on 127.0.0.1 and resolves once it answers. */
export async function startS3Server(): Promise<S3Server> {
  const dir = await installS3Server();
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, PYTHONPATH: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`moto exited (${code}): ${output}`))),
  );
  // Polls until the server answers; bounded by the deadline, not a fixed sleep.
  const deadline = Date.now() + 60_000;
  const ready = (async () => {
    for (;;) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`moto did not answer within 60 s: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  })();
  await Promise.race([ready, exited]);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
