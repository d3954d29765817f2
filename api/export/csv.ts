/**
 * The case file's tables as one CSV (RFC 4180): a `section` column, then the same columns for
 * every section. Fields are quoted when they hold a comma, quote or line break, quotes doubled;
 * a field that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe
 * (OWASP's advice against CSV injection), except plain numbers.
 */
import { type CaseFile, ROW_COLUMNS } from './case-file';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function caseFileCsv(file: CaseFile): string {
  const lines = [['section', ...ROW_COLUMNS].join(',')];
  for (const table of file.tables)
    for (const row of table.rows)
      lines.push([table.id, ...ROW_COLUMNS.map((column) => row[column])].map(csvField).join(','));
  // A byte-order mark, so spreadsheets open it as UTF-8 (é, ë, €).
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
