/**
 * The history length (events) of one project from creation to step 5, driven through the API with
 * several people deciding under different policies (all, any, quorum in order), on a real dev server.
 *
 *   npm run bench:history-length [-- --projects 3]
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { workflowIdFor } from '../domain/project';
import { startHarness, startLocalDevServer } from '../test/helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  getProject,
  submit,
  uniqueId,
} from '../test/helpers/project-api';

async function main(): Promise<void> {
  const projectsArg = process.argv.indexOf('--projects');
  const projects = projectsArg > 0 ? Number(process.argv[projectsArg + 1]) : 3;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await startLocalDevServer();
  const h = await startHarness({ env, configEnv: { LOG_LEVEL: 'error' } });
  const rows: { project: string; events: number; decisions: number }[] = [];
  try {
    for (let i = 0; i < projects; i++) {
      const id = uniqueId('bench-history');
      await createProject(h, id, {
        approvals: {
          policy: { rule: 'all', sequential: false },
          reminders: { everyHours: 72, escalateAfter: 2 },
          gates: {
            'circular-ambitions': { policy: { rule: 'any', sequential: false } },
            'tender-documents': { policy: { rule: 'quorum', quorum: 3, sequential: true } },
          },
        },
      });
      await advanceTo(h, id, 'award');
      await submit(h, id, 'award');
      await approveRound(h, id);
      const state = await getProject(h, id);
      if (state.step !== 'use-and-execution') throw new Error(`${id} is in ${state.step}`);
      const handle = h.client.workflow.getHandle(workflowIdFor(id));
      // Count once the workflow is idle: no mail activity still pending.
      for (
        let tries = 0;
        tries < 100 && ((await handle.describe()).raw.pendingActivities?.length ?? 0) > 0;
        tries++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const events = (await handle.fetchHistory()).events?.length ?? 0;
      const audit = (await h.api().get(`/api/projects/${id}/audit`)).body.entries as { kind: string }[];
      rows.push({ project: id, events, decisions: audit.filter((e) => e.kind === 'decided').length });
    }
  } finally {
    await h.close();
    await env.teardown();
  }
  console.log(
    JSON.stringify(
      {
        note: 'creation → step 5 (use-and-execution), 5 gates, policies all / any / quorum 3 of 4 in order',
        rows,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
