/**
 * The case file over the API: upload a document, list them, download one. Same API keys and
 * roles as the other project routes, and every route asks `access` whether the caller may see
 * the project (api/documents/access.ts).
 *
 * An upload is the file's bytes as the request body, with `?kind=&name=`, not a multipart form:
 * one file per request is what a content-addressed reference is, the body streams straight into
 * the store with its size counted as it comes (no form parser buffering parts), and
 * `curl --data-binary @file` is all a client needs.
 */
import { z } from 'zod';
import {
  DOCUMENT_KIND_IDS,
  DOCUMENT_MEDIA_TYPES,
  documentName,
  documentRef,
  sha256Hex,
} from '../../domain/documents';
import { slug } from '../../domain/schemas';
import { DocumentRejected } from '../../storage';
import { HttpError } from '../errors';
import { route } from '../routes';
import { OFFICERS, type ProjectRouteDependencies, projectParams } from '../projects/shared';
import { sendDocument } from './send';

export const uploadQuery = z.object({
  kind: z
    .enum(DOCUMENT_KIND_IDS)
    .meta({ description: 'What the document is; it decides the step it belongs to.' }),
  name: documentName.meta({ description: 'The file name, as shown and offered for download.' }),
});

const documentParams = z.object({
  id: slug,
  documentId: sha256Hex.meta({ description: "The document's id: the SHA-256 of its content." }),
});
export const documentList = z.object({ items: z.array(documentRef) });

/** Past the limit nothing more is read: the connection closes, so the client stops sending. */
const tooLarge = (maxBytes: number) =>
  new HttpError(413, `the document is larger than ${maxBytes} bytes`, undefined, { Connection: 'close' });

export function documentRoutes({ documents, access }: ProjectRouteDependencies) {
  return [
    route({
      operationId: 'uploadDocument',
      method: 'post',
      path: '/api/projects/:id/documents',
      tag: 'documents',
      summary: "Add a document to the project's case file (the file's bytes as the body)",
      description:
        'The type is recognised from the content (the Content-Type header is not trusted); the size limit is `DOCUMENTS_MAX_BYTES`. The answer is the reference a deliverable carries in its `documents`. The same content again answers 200 with its first reference.',
      access: OFFICERS,
      temporal: 'query',
      input: { params: projectParams, query: uploadQuery },
      rawBody: { mediaTypes: [...DOCUMENT_MEDIA_TYPES], description: "The file's bytes." },
      responses: {
        201: { description: 'Stored; `Location` is its download.', schema: documentRef },
        200: {
          description: 'The case file had this content already: its first reference.',
          schema: documentRef,
        },
        409: { description: 'The project is closed: its case file takes no more documents.' },
        413: { description: 'The document is larger than `DOCUMENTS_MAX_BYTES`.' },
        415: { description: 'The content is not a type the case file accepts (`DOCUMENTS_ALLOWED_TYPES`).' },
        422: { description: 'The document is empty, or the virus scan refused it.' },
      },
      async handle({ input, principal, req, res }) {
        const projectId = input.params.id;
        if (req.is('application/json'))
          throw new HttpError(415, "send the file's bytes as the body, not JSON", undefined, {
            Connection: 'close',
          });
        if (Number(req.get('content-length') ?? 0) > documents.maxBytes) throw tooLarge(documents.maxBytes);
        const project = await access(principal, projectId);
        if (!project.running)
          throw new HttpError(409, 'the project is closed: its case file takes no more documents');
        try {
          const { ref, created } = await documents.upload({
            projectId,
            name: input.query.name,
            kind: input.query.kind,
            uploadedBy: principal.email,
            body: req,
          });
          res
            .status(created ? 201 : 200)
            .location(`/api/projects/${projectId}/documents/${ref.sha256}`)
            .json(ref);
        } catch (error) {
          if (!(error instanceof DocumentRejected)) throw error;
          if (error.status === 413) throw tooLarge(documents.maxBytes);
          throw new HttpError(error.status, error.message);
        }
      },
    }),

    route({
      operationId: 'listDocuments',
      method: 'get',
      path: '/api/projects/:id/documents',
      tag: 'documents',
      summary: "The project's case file: every document's reference, oldest first",
      access: 'any',
      temporal: 'query',
      input: { params: projectParams },
      responses: { 200: { description: 'The documents.', schema: documentList } },
      async handle({ input, principal, res }) {
        await access(principal, input.params.id);
        res.json({ items: await documents.list(input.params.id) });
      },
    }),

    route({
      operationId: 'downloadDocument',
      method: 'get',
      path: '/api/projects/:id/documents/:documentId',
      tag: 'documents',
      summary: 'Download a document of the case file',
      description:
        'As an attachment, with the media type recognised at upload. The bytes are checked against the SHA-256 as they are sent: a damaged file ends the answer early rather than arrive whole.',
      access: 'any',
      temporal: 'query',
      input: { params: documentParams },
      responses: {
        200: { description: "The document's bytes.", mediaType: 'application/octet-stream' },
        404: { description: 'No such project, or no such document in it.' },
      },
      async handle({ input, principal, res }) {
        await access(principal, input.params.id);
        await sendDocument(res, documents, input.params.id, input.params.documentId);
      },
    }),
  ];
}
