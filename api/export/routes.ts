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
import { type CaseFile, buildCaseFile } from './case-file';
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

  /** One export: the case file rendered as `extension`, offered as an attachment named after the project. */
  const exportRoute = (spec: {
    operationId: string;
    extension: 'pdf' | 'csv';
    mediaType: string;
    summary: string;
    description?: string;
    render: (file: CaseFile) => Promise<Buffer | string>;
  }) =>
    route({
      operationId: spec.operationId,
      method: 'get',
      path: `/api/projects/:id/export.${spec.extension}`,
      tag: 'export',
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      access: 'any',
      temporal: 'query',
      input: exportInput,
      responses: { 200: { description: `The ${spec.extension.toUpperCase()}.`, mediaType: spec.mediaType } },
      async handle(context) {
        const body = await spec.render(await caseFileOf(context));
        context.res
          .attachment(`${context.input.params.id}-case-file.${spec.extension}`)
          .type(spec.mediaType)
          .send(body);
      },
    });

  return [
    exportRoute({
      operationId: 'exportPdf',
      extension: 'pdf',
      mediaType: 'application/pdf',
      summary:
        "The project's file as a PDF: project, each step's deliverable, decisions, KPIs, indicators, end of use, documents, audit trail",
      render: (file) => caseFilePdf(file, new Date().toISOString()),
    }),
    exportRoute({
      operationId: 'exportCsv',
      extension: 'csv',
      mediaType: 'text/csv; charset=utf-8',
      summary: 'KPIs, indicators, end-of-use items, documents and the audit trail as one CSV table',
      description:
        'Columns: `section` (kpis, indicators, end-of-use, documents, audit), `reference`, `name`, `value`, `unit`, `date`, `actor`, `comment`. UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.',
      render: (file) => Promise.resolve(caseFileCsv(file)),
    }),
  ];
}
