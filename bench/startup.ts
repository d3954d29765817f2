/**
 * Time from `npm start` (dev/start.ts) to its "ready" line: the embedded Temporal dev server, the
 * mail capture, the worker (bundling the workflows) and the API, on free ports. The first start uses
 * a fresh data folder; the later ones reuse it, as a developer's second `npm start` does.
 *
 *   npm run bench:startup [-- --runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONFIG_VARIABLES } from '../config/config';
import { freePorts, ready, startNpmStart, stop } from '../test/helpers/npm-start';

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-start-'));
  const [temporal, ui, api, smtp, outbox] = await freePorts(5);
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !(CONFIG_VARIABLES as string[]).includes(name)),
    ),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    API_PORT: String(api),
    MAIL_CAPTURE_SMTP_PORT: String(smtp),
    MAIL_CAPTURE_WEB_PORT: String(outbox),
  };
  const results: {
    run: number;
    dataFolder: 'fresh' | 'reused';
    wallSeconds: number;
    reportedSeconds: number;
  }[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      const child = startNpmStart(env);
      const reported = await ready(child);
      const wall = (performance.now() - started) / 1000;
      results.push({
        run,
        dataFolder: run === 1 ? 'fresh' : 'reused',
        wallSeconds: Number(wall.toFixed(1)),
        reportedSeconds: reported,
      });
      const code = await stop(child);
      if (code !== 0) throw new Error(`npm start exited with ${code}`);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify(
      { note: 'wall = process spawn to the ready line; reported = the banner\'s own "ready in"', results },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
