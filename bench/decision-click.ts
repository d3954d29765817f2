/**
 * Time from the POST of a decision (the approver's click on the decision page) to the page that
 * confirms it, over 100 clicks on the real stack: a Temporal dev server, the worker, the API on
 * HTTP, links from mail captured over SMTP.
 *
 *   npm run bench:decision-click [-- --clicks 100]
 */
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { samplePeople, sampleNeed, sampleProject } from '../dev/sample-project';
import { startHarness, startLocalDevServer } from '../test/helpers/harness';

const APPROVERS_PER_PROJECT = 10;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const clicksArg = process.argv.indexOf('--clicks');
  const clicks = clicksArg > 0 ? Number(process.argv[clicksArg + 1]) : 100;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await startLocalDevServer();
  const approvers = Array.from({ length: APPROVERS_PER_PROJECT }, (_, i) => ({
    name: `Approver ${i + 1}`,
    email: `approver-${i + 1}@bench.example`,
    locale: 'en' as const,
  }));
  const h = await startHarness({
    env,
    configEnv: { LINK_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' },
  });
  try {
    const links: string[] = [];
    for (let p = 0; links.length < clicks; p++) {
      const id = `bench-click-${Date.now()}-${p}`;
      const project = sampleProject(id, {
        approvals: {
          policy: { rule: 'all', sequential: false },
          reminders: { everyHours: 72, escalateAfter: 2 },
          gates: { 'circular-need': { approvers } },
        },
      });
      await h.api().post('/api/projects').send(project).expect(202);
      await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed).expect(200);
      const mails = await h.mail.waitFor((m) => m.messageId?.includes(`cpo.${id}.`) === true, {
        count: APPROVERS_PER_PROJECT,
      });
      for (const mail of mails) {
        const link = mail.links.find((l) => l.includes('/d/'));
        if (link) links.push(link);
      }
    }
    const timings: number[] = [];
    for (const link of links.slice(0, clicks)) {
      const started = performance.now();
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=approve',
      });
      const page = await response.text();
      timings.push(performance.now() - started);
      if (response.status !== 200 || !page.includes('decision is recorded')) {
        throw new Error(`click failed: ${response.status} ${page.slice(0, 300)}`);
      }
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const result = {
      clicks: timings.length,
      medianMs: Number(percentile(sorted, 50).toFixed(1)),
      p95Ms: Number(percentile(sorted, 95).toFixed(1)),
      minMs: Number((sorted[0] ?? 0).toFixed(1)),
      maxMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
      note: `POST /d/<token> → 200 confirmation page; ${APPROVERS_PER_PROJECT} approvers per round, policy all; requester ${samplePeople.requester.email}`,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await h.close();
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
