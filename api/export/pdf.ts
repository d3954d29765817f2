/**
 * The case file as a PDF (pdfkit). DejaVu Sans is embedded (as a subset) because the PDF
 * standard fonts cover only WinAnsi: Dutch names, the euro sign and whatever else people write
 * must come out as written.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../domain/catalogue';
import { documentKindLabel } from '../../domain/documents';
import { t } from '../../presentation/locale';
import type { CaseFile, Row } from './case-file';

const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const rowText = (row: Row): string =>
  [row.reference, row.name, [row.value, row.unit].filter(Boolean).join(' '), row.date, row.actor, row.comment]
    .filter(Boolean)
    .join(' · ');

function none(doc: PDFKit.PDFDocument, locale: Locale): void {
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#555')
    .text(t(locale, '(geen)', '(none)'))
    .fillColor('black');
}

export function caseFilePdf(file: CaseFile, generatedAt: string): Promise<Buffer> {
  const { locale } = file;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: file.title, Subject: t(locale, 'Dossier', 'Case file'), Creator: 'Circular Procurement' },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font('bold').fontSize(13).text(text).moveDown(0.3);
  const subheading = (text: string) => doc.moveDown(0.4).font('bold').fontSize(10).text(text);
  const line = (text: string) => doc.font('regular').fontSize(9).text(text);

  doc.font('bold').fontSize(18).text(file.title);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#555')
    .text(`${t(locale, 'Dossier, opgemaakt op', 'Case file, made on')} ${generatedAt}`)
    .fillColor('black');
  doc.moveDown(0.5);
  for (const [name, value] of file.facts)
    doc.font('bold').fontSize(10).text(`${name}: `, { continued: true }).font('regular').text(value);

  heading(t(locale, 'Stappen en inzendingen', 'Steps and submissions'));
  if (file.submissions.length === 0) none(doc, locale);
  for (const submission of file.submissions) {
    subheading(submission.title);
    doc.font('regular').fontSize(8).fillColor('#555').text(submission.meta).fillColor('black');
    for (const text of submission.lines) line(`• ${text}`);
    for (const ref of submission.documents)
      line(
        `${t(locale, 'Document', 'Document')}: ${ref.name} (${documentKindLabel(ref.kind, locale)}, ${ref.size} B)`,
      );
  }

  heading(t(locale, 'Beslissingen', 'Decisions'));
  if (file.decisions.length === 0) none(doc, locale);
  for (const decision of file.decisions) {
    subheading(decision.title);
    for (const text of decision.lines) line(`• ${text}`);
  }

  for (const table of file.tables) {
    heading(table.title);
    if (table.rows.length === 0) none(doc, locale);
    for (const row of table.rows) line(rowText(row));
  }

  doc.end();
  return done;
}
