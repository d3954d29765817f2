/**
 * The project's file for the record: `export.pdf` (to read and archive) and `export.csv` (KPIs,
 * indicators, end-of-use items, documents and the audit trail, for a spreadsheet).
 */
import { z } from 'zod';
import { locale as localeSchema, slug } from '../../domain/schemas';
import { projectQuery } from '../../workflows/messages';
import { readWholeAudit } from '../audit-archive';
import { route } from '../routes';
import type { ProjectRouteDependencies } from '../projects/shared';
import type { RouteContext } from '../routes';
import { buildCaseFile } from './case-file';
import { caseFileCsv } from './csv';
import { caseFilePdf } from './pdf';

const exportInput = {
  params: z.object({ id: slug }),
  query: z.object({
    lang: localeSchema
      .optional()
      .meta({ description: 'Language of labels and headings; default `DEFAULT_LOCALE`.' }),
  }),
};

export function exportRoutes(dependencies: ProjectRouteDependencies) {
  const { config, messages, documents, access } = dependencies;

  async function caseFileOf({ input, principal }: RouteContext<typeof exportInput>) {
    const id = input.params.id;
    await access(principal, id);
    const [state, audit, refs] = await Promise.all([
      messages.query(id, projectQuery),
      readWholeAudit(dependencies, id),
      documents.list(id),
    ]);
    return buildCaseFile(state, audit.entries, refs, input.query.lang ?? config.defaults.locale);
  }

  const fileName = (id: string, extension: string) => `${id}-case-file.${extension}`;

  return [
    route({
      operationId: 'exportPdf',
      method: 'get',
      path: '/api/projects/:id/export.pdf',
      tag: 'export',
      summary:
        "The project's file as a PDF: project, each step's deliverable, decisions, KPIs, indicators, end of use, documents, audit trail",
      access: 'any',
      temporal: 'query',
      input: exportInput,
      responses: { 200: { description: 'The PDF.', mediaType: 'application/pdf' } },
      async handle(context) {
        const file = await caseFileOf(context);
        const pdf = await caseFilePdf(file, new Date().toISOString());
        context.res.attachment(fileName(context.input.params.id, 'pdf')).type('application/pdf').send(pdf);
      },
    }),

    route({
      operationId: 'exportCsv',
      method: 'get',
      path: '/api/projects/:id/export.csv',
      tag: 'export',
      summary: 'KPIs, indicators, end-of-use items, documents and the audit trail as one CSV table',
      description:
        'Columns: `section` (kpis, indicators, end-of-use, documents, audit), `reference`, `name`, `value`, `unit`, `date`, `actor`, `comment`. UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.',
      access: 'any',
      temporal: 'query',
      input: exportInput,
      responses: { 200: { description: 'The CSV.', mediaType: 'text/csv' } },
      async handle(context) {
        const file = await caseFileOf(context);
        context.res
          .attachment(fileName(context.input.params.id, 'csv'))
          .type('text/csv; charset=utf-8')
          .send(caseFileCsv(file));
      },
    }),
  ];
}
