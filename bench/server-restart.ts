/**
 * Recovery after a restart of the Temporal cluster: `npx tsx bench/server-restart.ts [--rounds 3]`.
 *
 * A worker and an API (in this process, configured as in production apart from the addresses) run
 * against a dev server with its data in a file. Each round creates a project, stops the server,
 * times the API's 503 while it is down, starts the server again on the same address and times,
 * from the moment it answers, the first read of the project and the first update (a submission)
 * the API answers with 200. Both need the worker, so the numbers cover the API's client and the
 * worker reconnecting. Prints one JSON line per round and a summary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import request from 'supertest';
import { startApi } from '../api/main';
import { loadConfig } from '../config/config';
import { startMailCapture } from '../dev/mail-capture';
import { sampleNeed, sampleProject } from '../dev/sample-project';
import { startWorker } from '../worker/main';
import { OFFICER_KEY, workflowBundle } from '../test/helpers/harness';
import { uniqueId } from '../test/helpers/project-api';
import {
  collectingLogger,
  faultEnv,
  firstAnswerOtherThan503,
  freePort,
  restartableDevServer,
} from '../test/faults/support';
import { count, loadAverage, summarize } from './support';

const auth = `Bearer ${OFFICER_KEY}`;

async function timed<T>(call: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  const rounds = count('rounds', 3, 20);
  // The SDK's retry warnings while the server is down would bury the numbers.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cpo-restart-bench-'));
  const server = await restartableDevServer(dataDir);
  const mail = await startMailCapture();
  const config = loadConfig(
    faultEnv({ address: server.address, apiPort: await freePort(), smtpPort: mail.smtpPort }),
  );
  const logger = collectingLogger();
  const stopping = new AbortController();
  await server.start();
  const worker = await startWorker(config, logger, {
    signal: stopping.signal,
    workflowBundle: await workflowBundle(),
  });
  const api = await startApi(config, logger);
  const http = request(`http://127.0.0.1:${config.api.port}`);
  const reads: number[] = [];
  const updates: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const id = uniqueId('restart');
      const created = await http.post('/api/projects').set('Authorization', auth).send(sampleProject(id));
      if (created.status !== 202) throw new Error(`create: ${created.status}`);
      await firstAnswerOtherThan503(() => http.get(`/api/projects/${id}`).set('Authorization', auth), 30_000);

      await server.stop();
      const down = await timed(() => http.get(`/api/projects/${id}`).set('Authorization', auth));
      const restart = await timed(() => server.start());
      const read = await timed(() =>
        firstAnswerOtherThan503(() => http.get(`/api/projects/${id}`).set('Authorization', auth), 120_000),
      );
      const update = await timed(() =>
        firstAnswerOtherThan503(
          () =>
            http
              .post(`/api/projects/${id}/submissions/circular-need`)
              .set('Authorization', auth)
              .send(sampleNeed),
          120_000,
        ),
      );
      if (read.value.status !== 200 || update.value.status !== 200)
        throw new Error(`after the restart: read ${read.value.status}, update ${update.value.status}`);
      reads.push(read.ms);
      // Counted from the server's return too: the read came first.
      updates.push(read.ms + update.ms);
      console.log(
        JSON.stringify({
          round,
          whileDown: { status: down.value.status, ms: down.ms },
          serverStartMs: restart.ms,
          firstReadAfterRestartMs: read.ms,
          firstUpdateAfterRestartMs: read.ms + update.ms,
        }),
      );
    }
    console.log(
      JSON.stringify({
        rounds,
        loadAverage: loadAverage(),
        apiTimeoutMs: config.api.temporalTimeoutMs,
        firstReadAfterRestartMs: summarize(reads),
        firstUpdateAfterRestartMs: summarize(updates),
      }),
    );
  } finally {
    stopping.abort();
    await worker.running.catch(() => undefined);
    await api.close();
    await server.stop();
    await mail.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
