/**
 * The project list's CSV on its own: what a spreadsheet reads back (RFC 4180, parsed with
 * csv-parse), formulas neutralised, labels in the reader's language, and the note a capped export
 * ends with. The list's HTTP test reads the same file from the server.
 */
import { parse } from 'csv-parse/sync';
import type { ProjectSummary } from '../../api/projects/list';
import { LIST_CAP } from '../../api/workspace/project-list';
import { capNote, projectsCsv } from '../../api/workspace/projects-csv';

const project = (id: string, title: string, extra: Partial<ProjectSummary> = {}): ProjectSummary => ({
  id,
  workflowId: `procurement-${id}`,
  title,
  step: 'circular-need',
  status: 'awaiting-approval',
  organisation: 'Stad Gent',
  productGroup: 'office-furniture',
  pendingApprovers: ['a@gent.example', 'b@gent.example'],
  startedAt: '2026-11-30T09:00:00.000Z',
  running: true,
  ...extra,
});

const titles = ['=1+2', '+SUM(A1)', '-2+3', '@cmd', 'Quote " and, comma\r\nand a line', 'Stoelen'];

test('every field reads back as written, and a field a spreadsheet would run gets an apostrophe', () => {
  const csv = projectsCsv(
    titles.map((title, i) => project(`p-${i}`, title, i === 5 ? { contractEndDate: '2030-01-31' } : {})),
    false,
    'en',
  );
  expect(csv.startsWith('\ufeff')).toBe(true);
  const [header, ...rows]: string[][] = parse(csv, { bom: true });
  expect(header).toHaveLength(11);
  expect(rows.map((row) => row[1])).toEqual([
    "'=1+2",
    "'+SUM(A1)",
    "'-2+3",
    "'@cmd",
    'Quote " and, comma\r\nand a line',
    'Stoelen',
  ]);
  expect(rows[5]?.[8]).toBe('a@gent.example b@gent.example');
  expect(rows[5]?.[9]).toBe('2030-01-31');
  expect(rows[5]?.[5]).toBe('1. Circular need');
});

test('a capped export says so in its last row, in the reader language', () => {
  for (const locale of ['nl', 'en'] as const) {
    const rows: string[][] = parse(projectsCsv([project('p', 'Stoelen')], true, locale), {
      bom: true,
      relax_column_count: true,
    });
    expect(rows.at(-1)).toEqual([capNote(locale)]);
    expect(capNote(locale)).toContain(String(LIST_CAP));
  }
  const uncapped: string[][] = parse(projectsCsv([project('p', 'Stoelen')], false, 'en'), { bom: true });
  expect(uncapped).toHaveLength(2);
});
