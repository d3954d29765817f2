/**
 * The summary of `npm run bench`: one row per measure with the figure before (from the issue
 * "Performance at the scale of a region"), the project's figure now, its floor measured in the
 * same run, the ratio, the goal and the load average when it was measured; printed, and written
 * as BENCHMARKS.md with the details of every part.
 */
import { cpus, totalmem } from 'node:os';

export interface SummaryRow {
  measure: string;
  before: string;
  project: string;
  floor: string;
  /** project / floor (or floor / project where more is better: said in the goal). */
  ratio: number | null;
  goal: string;
  /** Whether the goal is met; null when there is no goal to check. */
  met: boolean | null;
  loadavg: string;
}

export const ratio = (a: number, b: number): number | null =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null;

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A table of plain objects, columns from the first object's keys. */
export function objectTable(rows: object[]): string {
  const first = rows[0];
  if (!first) return '_(none)_';
  const headers = Object.keys(first);
  return markdownTable(
    headers,
    rows.map((row) =>
      headers.map((h) => {
        const value = (row as Record<string, unknown>)[h];
        return typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String((value as string | number | boolean | undefined) ?? '');
      }),
    ),
  );
}

export function summaryTable(rows: SummaryRow[]): string {
  return markdownTable(
    ['measure', 'before', 'project now', 'floor now', 'ratio', 'goal', 'met', 'load avg (1 5 15 min)'],
    rows.map((r) => [
      r.measure,
      r.before,
      r.project,
      r.floor,
      r.ratio === null ? '—' : `${r.ratio}×`,
      r.goal,
      r.met === null ? '—' : r.met ? 'yes' : '**no**',
      r.loadavg,
    ]),
  );
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB memory, Node.js ${process.version}, ${process.platform} ${process.arch}`;
}

export interface Section {
  title: string;
  text: string;
}

export function benchmarksMarkdown(options: {
  command: string;
  date: string;
  commit: string;
  durationMinutes: number;
  summary: SummaryRow[];
  sections: Section[];
  loadStart: string;
  loadEnd: string;
}): string {
  return `# Benchmarks

Written by \`${options.command}\` (bench/run-all.ts) — do not edit by hand; run it again.

- **Date:** ${options.date}
- **Commit:** \`${options.commit}\` (plus any uncommitted changes in the working tree at the time)
- **Machine:** ${machine()}
- **Load average** (1, 5, 15 min) at the start ${options.loadStart}, at the end ${options.loadEnd};
  each row gives its own. The bench's own server, workers and clients load both cores, and other
  work on a shared machine adds to it, so compare a row with its floor (measured in the same
  minutes, interleaved) rather than with another run.
- **Run time:** ${options.durationMinutes} min

Every figure is the project beside the same operation on a trivial workflow (the floor, in
\`bench/floor-workflows/\`: part of the bench, not of the product), on one Temporal dev server on
127.0.0.1 started by the bench, with the prebuilt workflow bundle (\`bundleWorkflowCode\` with
\`WORKFLOW_PRELOAD_MODULES\`, as \`npm run build\` makes it). "Before" is what the issue
"Performance at the scale of a region" measured on this machine.

## Summary

${summaryTable(options.summary)}

${options.sections.map((s) => `## ${s.title}\n\n${s.text}\n`).join('\n')}`;
}
