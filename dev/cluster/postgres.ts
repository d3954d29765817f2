/**
 * A PostgreSQL cluster of our own in a temporary folder (Debian's postgresql package), on a free
 * loopback port, with a `temporal` superuser. PostgreSQL refuses to run as root, so as root the
 * folder belongs to the `postgres` system user and the server runs as that user.
 */
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GiveUp, type ManagedProcess, freePort, runFile, startProcess, waitUntil } from './processes';

export const POSTGRES_USER = 'temporal';
export const POSTGRES_PASSWORD = 'temporal';

export interface LocalPostgres {
  host: string;
  port: number;
  process: ManagedProcess;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/** The bin folder of the newest installed PostgreSQL (PG_BIN_DIR overrides). */
async function postgresBinDir(): Promise<string> {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .at(0);
  if (!newest) {
    throw new Error(
      `no PostgreSQL server under ${root}: install it (apt-get install -y postgresql) or set PG_BIN_DIR`,
    );
  }
  return path.join(root, newest, 'bin');
}

/** The uid/gid to run PostgreSQL as: ourselves, or the `postgres` system user when we are root. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([
    runFile('id', ['-u', 'postgres']),
    runFile('id', ['-g', 'postgres']),
  ]).catch(() => {
    throw new Error('running as root needs the postgres system user (apt-get install -y postgresql)');
  });
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(logDir: string): Promise<LocalPostgres> {
  const bin = await postgresBinDir();
  const user = await serverUser();
  const root = await mkdtemp(path.join(tmpdir(), 'cpo-postgres-'));
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { mode: 0o700 });
  if (user) {
    await chown(root, user.uid, user.gid);
    await chown(dataDir, user.uid, user.gid);
  }
  const asServerUser = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', HOME: root };
  // Trust on loopback only: the cluster lives for one test run and listens on 127.0.0.1.
  await new Promise<void>((resolve, reject) => {
    const init = startProcess({
      name: 'initdb',
      command: path.join(bin, 'initdb'),
      args: ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-instructions'],
      logFile: path.join(logDir, 'initdb.log'),
      env,
      cwd: root,
      ...asServerUser,
    });
    void init.exited.then(async (how) =>
      how === 'exit 0' ? resolve() : reject(new Error(`initdb: ${how}\n${await init.logTail()}`)),
    );
  });
  const port = await freePort();
  const server = startProcess({
    name: 'postgres',
    command: path.join(bin, 'postgres'),
    args: ['-D', dataDir, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1'],
    logFile: path.join(logDir, 'postgres.log'),
    env,
    cwd: root,
    ...asServerUser,
  });
  const stop = async () => {
    // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
    await server.stop(30_000, 'SIGINT');
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      'PostgreSQL accepts connections',
      async () => {
        if (!server.isRunning()) throw new GiveUp(`postgres exited:\n${await server.logTail()}`);
        await runFile(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
        return true;
      },
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, process: server, stop };
}
