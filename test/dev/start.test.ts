/**
 * `npm start` as a user runs it: the real Temporal dev server, worker, API and mail capture, on
 * free ports and a fresh data folder; then a second start on the same folder finds the project.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../config/config';
import { sampleProject } from '../../dev/sample-project';
import { type Started, freePorts, ready, startNpmStart as start, stop, within } from '../helpers/npm-start';

jest.setTimeout(180_000);

let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: { temporal: number; ui: number; api: number; smtp: number; outbox: number };
const running: Started[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'npm-start-'));
  const [temporal, ui, api, smtp, outbox] = await freePorts(5);
  ports = { temporal: temporal!, ui: ui!, api: api!, smtp: smtp!, outbox: outbox! };
  // Nothing from the developer's own environment (a TEMPORAL_ADDRESS, say) may leak in.
  env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !(CONFIG_VARIABLES as string[]).includes(name)),
  );
  Object.assign(env, {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    API_PORT: String(ports.api),
    MAIL_CAPTURE_SMTP_PORT: String(ports.smtp),
    MAIL_CAPTURE_WEB_PORT: String(ports.outbox),
  });
});

afterAll(async () => {
  for (const started of running) if (started.child.exitCode === null) started.child.kill('SIGKILL');
  // If a start was killed hard, its dev server (own process group) outlives it: end it too.
  const pid = Number(await readFile(path.join(dataDir, 'temporal.pid'), 'utf8').catch(() => ''));
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

test('npm start serves a project, stops cleanly on Ctrl-C, and a second start still has the project', async () => {
  const api = `http://127.0.0.1:${ports.api}`;
  const first = start(env);
  running.push(first);
  await ready(first);

  const secrets = JSON.parse(await readFile(path.join(dataDir, 'dev-secrets.json'), 'utf8'));
  const officer = secrets.apiKeys[0];
  expect(officer).toMatchObject({
    name: 'Demo Officer',
    email: 'officer@circular-procurement.local',
    roles: ['officer', 'operator'],
  });
  expect(secrets.linkSigningKeys[0].secret.length).toBeGreaterThanOrEqual(32);
  const banner = first.output();
  expect(banner).toContain(`API          http://localhost:${ports.api}`);
  expect(banner).toContain(`http://localhost:${ports.api}/api/openapi.json`);
  expect(banner).toContain(`http://localhost:${ports.ui}/namespaces/default/workflows`);
  expect(banner).toContain(`Outbox       http://localhost:${ports.outbox}`);
  expect(banner).toContain(officer.key);
  expect(banner).toMatch(/curl .*\/api\/projects/);

  const id = `npm-start-${Date.now()}`;
  const created = await fetch(`${api}/api/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(sampleProject(id)),
  });
  expect(created.status).toBe(202);
  const outbox = await fetch(`http://127.0.0.1:${ports.outbox}/`);
  expect(outbox.status).toBe(200);
  expect(await outbox.text()).toContain('<h1>Outbox</h1>');

  expect(await stop(first)).toBe(0);
  expect(first.output()).toContain('stopped (SIGINT)');

  const second = start(env);
  running.push(second);
  await ready(second);
  // The generated key is kept, not regenerated: links and scripts keep working across restarts.
  expect(second.output()).toContain(officer.key);
  const project = await fetch(`${api}/api/projects/${id}`, {
    headers: { authorization: `Bearer ${officer.key}` },
  });
  expect(project.status).toBe(200);
  expect(await project.json()).toMatchObject({ projectId: id, step: 'circular-need' });
  expect(await stop(second)).toBe(0);
});

test('a taken Temporal port stops npm start with a message that says so', async () => {
  // Destroys what connects, so close() is not held up by start.ts's connection attempts.
  const blocker = createServer((socket) => socket.destroy());
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
  try {
    const started = start({ ...env, TEMPORAL_PORT: String(port), TEMPORAL_UI_PORT: String(ports.ui) });
    running.push(started);
    const code = await within(started.exited, 60_000);
    expect(code).toBe(1);
    expect(started.output()).toContain('a port is already in use');
    expect(started.output()).toContain('TEMPORAL_PORT');
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('with TEMPORAL_ADDRESS set, npm start runs no dev server and uses that cluster', async () => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (global setup)');
  const [api, smtp, outbox] = await freePorts(3);
  const clusterDataDir = await mkdtemp(path.join(tmpdir(), 'npm-start-cluster-'));
  try {
    const started = start({
      ...env,
      DATA_DIR: clusterDataDir,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: `npm-start-${Date.now()}`,
      API_PORT: String(api),
      MAIL_CAPTURE_SMTP_PORT: String(smtp),
      MAIL_CAPTURE_WEB_PORT: String(outbox),
    });
    running.push(started);
    await ready(started);
    expect(started.output()).toContain(`(your Temporal UI for ${address}, namespace default)`);
    expect(await readdir(clusterDataDir)).not.toContain('temporal.db');
    const health = await fetch(`http://127.0.0.1:${api}/healthz`);
    expect(health.status).toBe(200);
    expect(await stop(started)).toBe(0);
  } finally {
    await rm(clusterDataDir, { recursive: true, force: true });
  }
});
