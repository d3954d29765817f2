/**
 * The throughput benchmark (bench/throughput.ts: project, floor, and the floor that writes
 * visibility as often as a project) on the production shape instead of the dev server: the official
 * Temporal server as four processes on PostgreSQL 15 (dev/cluster/, as `npm run test:cluster` starts
 * it), with the API and the workers in this process as in `npm run bench`. It answers whether what
 * a visibility write costs is an artefact of the dev server's SQLite: here the writes go to
 * PostgreSQL's visibility tables. Server CPU is the four Temporal processes and PostgreSQL's.
 *
 *   npm run bench:cluster-throughput [-- --window 30 --rounds 1 --clients 20]
 *
 * Prints a table; it does not write BENCHMARKS.md (`npm run bench` does, on the dev server).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startPostgres } from '../dev/cluster/postgres';
import { setupNamespace } from '../dev/cluster/setup-namespace';
import { TEMPORAL_SERVER_VERSION, ensureTemporalServer } from '../dev/cluster/temporal-server';
import { setupSchemas, startTemporalServices } from '../dev/cluster/temporal-services';
import { WORKFLOWS_PATH } from '../worker/worker';
import { installRuntimeWithMetrics } from './metrics';
import { objectTable, ratio } from './report';
import { startBenchStack, startFloorWorker } from './stack';
import { count, floorWorkflowsPath, loadAverage, prebuiltBundle, processesNamed, progress } from './support';
import { THROUGHPUT_SIDES, measureThroughput, throughputTotals } from './throughput';

const NAMESPACE = 'default';

async function main(): Promise<void> {
  const windowSeconds = count('window', 30, 600);
  const rounds = count('rounds', 1, 10);
  const clients = count('clients', 20, 100);
  const { metricsUrl } = await installRuntimeWithMetrics();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-cluster-'));
  const binaries = await ensureTemporalServer(progress);
  const postgres = await startPostgres(dir);
  try {
    await setupSchemas(binaries, postgres);
    const cluster = await startTemporalServices(binaries, postgres, path.join(dir, 'temporal'));
    try {
      await setupNamespace(
        { NODE_ENV: 'production', TEMPORAL_ADDRESS: cluster.address, TEMPORAL_NAMESPACE: NAMESPACE },
        { log: progress },
      );
      const connection = await Connection.connect({ address: cluster.address });
      const nativeConnection = await NativeConnection.connect({ address: cluster.address });
      const client = new Client({ connection, namespace: NAMESPACE });
      const env = { address: cluster.address, client, nativeConnection };
      const [projectBundle, floorBundle] = await Promise.all([
        prebuiltBundle(dir, WORKFLOWS_PATH, true),
        prebuiltBundle(dir, floorWorkflowsPath('updates'), false),
      ]);
      const stack = await startBenchStack({ env, bundle: projectBundle });
      const floor = await startFloorWorker(nativeConnection, NAMESPACE, floorBundle, stack.config.worker);
      const serverProcesses = () => [
        ...Object.values(cluster.processes).flatMap(({ child }) => (child.pid ? [child.pid] : [])),
        ...processesNamed('postgres'),
      ];
      try {
        const loadBefore = loadAverage();
        progress(
          `throughput on the cluster: ${rounds} round(s) of ${windowSeconds} s a side, ${clients} clients`,
        );
        const result = await measureThroughput(
          { stack, client, floorTaskQueue: floor.taskQueue },
          { clients, windowSeconds, rounds, metricsUrl, serverProcesses },
        );
        const totals = Object.fromEntries(
          THROUGHPUT_SIDES.map((side) => [side, throughputTotals(result, side)]),
        );
        const perMinute = (side: (typeof THROUGHPUT_SIDES)[number]) =>
          totals[side]?.processesPerMinute ?? Number.NaN;
        console.log(
          `# Throughput on the production shape (Temporal ${TEMPORAL_SERVER_VERSION} on PostgreSQL)\n`,
        );
        console.log(`Load average at the start ${loadBefore}, at the end ${loadAverage()}.\n`);
        console.log(objectTable(THROUGHPUT_SIDES.map((side) => ({ side, ...totals[side] }))));
        console.log(
          `\nproject / floor ${ratio(perMinute('project'), perMinute('floor'))}×; floor with upserts / floor ${ratio(perMinute('floor+upserts'), perMinute('floor'))}×; project / floor with upserts ${ratio(perMinute('project'), perMinute('floor+upserts'))}×\n`,
        );
        console.log(objectTable(result.windows));
        console.log(`\nOne process in history: ${JSON.stringify(result.perProcess)}`);
      } finally {
        await floor.close();
        await stack.close();
        await connection.close();
        await nativeConnection.close();
      }
    } finally {
      await cluster.stop();
    }
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
