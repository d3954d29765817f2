/** CSV fields: RFC 4180 quoting, and no formulas for a spreadsheet to run (CSV injection). */
import { parse } from 'csv-parse/sync';
import { csvField } from '../../api/export/csv';

test.each([
  ['plain', 'plain'],
  ['a, b', '"a, b"'],
  ['say "hi"', '"say ""hi"""'],
  ['two\r\nlines', '"two\r\nlines"'],
  ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
  ['+31 6 12345678', "'+31 6 12345678"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['-5', '-5'],
  ['-2.5', '-2.5'],
])('%j is written as %j, which reads back as the value (a formula with its apostrophe)', (value, written) => {
  expect(csvField(value)).toBe(written);
  const records: string[][] = parse(`${written}\r\n`);
  const row = records[0];
  const read = row?.[0];
  expect(read).toBe(written.includes("'") && !value.includes("'") ? `'${value}` : value);
});
