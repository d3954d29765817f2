/**
 * The case file through the API and the decision pages, on the real stack: a Temporal dev
 * server, the worker, SMTP capture, HTTP, and the local document store in a temporary data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { sampleMarketDialogue } from '../../dev/sample-project';
import { type DocumentRef, documentRef } from '../../domain/documents';
import { workflowIdFor } from '../../domain/project';
import { decisionLink, requestFor } from '../email/decision-mail';
import { type Harness, VIEWER_KEY, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import { advanceTo, createProject, getProject, people, uniqueId } from '../helpers/project-api';
import { executableBytes, pdfBytes } from './files';

const MAX_BYTES = 64 * 1024;
let env: TestWorkflowEnvironment;
let h: Harness;
let dataDir: string;
beforeAll(async () => {
  env = await devServerEnvironment();
  dataDir = await mkdtemp(path.join(tmpdir(), 'case-file-api-'));
  h = await startHarness({
    env,
    configEnv: { DATA_DIR: dataDir, DOCUMENTS_MAX_BYTES: String(MAX_BYTES) },
  });
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

const upload = (id: string, bytes: Buffer, query = 'kind=tender-documents&name=bestek.pdf', key?: string) =>
  h
    .api(key)
    .post(`/api/projects/${id}/documents?${query}`)
    .set('Content-Type', 'application/octet-stream')
    .send(bytes);

/** Supertest buffers binary answers into `body` with this parser. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('uploading and downloading', () => {
  let id: string;
  beforeAll(async () => {
    id = uniqueId('case-file');
    await createProject(h, id);
  });

  test('a document is stored, listed and downloaded byte for byte as an attachment of its own type', async () => {
    const bytes = pdfBytes('Bestek voor bureaustoelen');
    const created = await upload(id, bytes, 'kind=tender-documents&name=Bestek%20caf%C3%A9.pdf');
    expect(created.status).toBe(201);
    const ref = documentRef.parse(created.body);
    expect(ref).toMatchObject({
      name: 'Bestek café.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      kind: 'tender-documents',
      step: 'specify-and-award',
      uploadedBy: people.requester.email,
    });
    expect(created.headers.location).toBe(`/api/projects/${id}/documents/${ref.sha256}`);

    const again = await upload(id, bytes, 'kind=tender-documents&name=other-name.pdf');
    expect([again.status, again.body]).toEqual([200, ref]);

    const list = await h.api(VIEWER_KEY).get(`/api/projects/${id}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([ref]);

    const download = await h
      .api(VIEWER_KEY)
      .get(created.headers.location as string)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Bestek caf?.pdf"; filename*=UTF-8''Bestek%20caf%C3%A9.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a document of one project cannot be read through another', async () => {
    const other = uniqueId('case-file-other');
    await createProject(h, other);
    const { body: ref } = (await upload(other, pdfBytes('only for the other project'))) as {
      body: DocumentRef;
    };
    expect((await h.api().get(`/api/projects/${id}/documents/${ref.sha256}`)).status).toBe(404);
    expect((await h.api().get(`/api/projects/${other}/documents/${ref.sha256}`)).status).toBe(200);
    expect((await h.api().get(`/api/projects/${id}/documents`)).body.items).not.toContainEqual(ref);
  });

  test('the same keys and roles as the other project routes; unknown projects and documents are 404', async () => {
    const unknown = uniqueId('no-such-project');
    const sha = 'a'.repeat(64);
    expect((await upload(id, pdfBytes(), undefined, '')).status).toBe(401);
    expect((await h.api('').get(`/api/projects/${id}/documents`)).status).toBe(401);
    expect((await upload(id, pdfBytes('viewer'), undefined, VIEWER_KEY)).status).toBe(403);
    expect((await upload(unknown, pdfBytes())).status).toBe(404);
    expect((await h.api().get(`/api/projects/${unknown}/documents`)).status).toBe(404);
    expect((await h.api().get(`/api/projects/${id}/documents/${sha}`)).status).toBe(404);
  });

  test('bad input is a 400 listing each problem', async () => {
    const response = await upload(id, pdfBytes(), 'kind=contract-of-sorts&name=../../etc/passwd');
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      expect.stringMatching(/^query\.kind: /),
      'query.name: must be a file name without / or \\',
    ]);
    expect((await h.api().get(`/api/projects/${id}/documents/not-a-digest`)).body.problems).toEqual([
      'params.documentId: is not a SHA-256 digest (64 lowercase hex digits)',
    ]);
  });

  test('past the size limit 413, a type the case file refuses 415, JSON instead of a file 415', async () => {
    const before = (await h.api().get(`/api/projects/${id}/documents`)).body.items as DocumentRef[];
    const big = Buffer.concat([pdfBytes('big'), Buffer.alloc(MAX_BYTES, 0x20)]);
    expect((await upload(id, big)).status).toBe(413);
    const refused = await upload(id, executableBytes(), 'kind=tender-documents&name=bestek.pdf');
    expect([refused.status, refused.body.message]).toEqual([415, expect.stringContaining('not a type')]);
    const json = await h
      .api()
      .post(`/api/projects/${id}/documents?kind=rfi&name=rfi.pdf`)
      .send({ file: 'JVBERi0=' });
    expect(json.status).toBe(415);
    expect((await h.api().get(`/api/projects/${id}/documents`)).body.items).toEqual(before);
  });

  test('a closed project takes no more documents, and its case file stays readable', async () => {
    const closed = uniqueId('case-file-closed');
    await createProject(h, closed);
    const { body: ref } = (await upload(closed, pdfBytes('before the end'))) as { body: DocumentRef };
    expect(
      (await h.api().post(`/api/projects/${closed}/cancel`).send({ reason: 'no longer needed' })).status,
    ).toBe(202);
    await eventually(async () => {
      const description = await h.client.workflow.getHandle(workflowIdFor(closed)).describe();
      return description.status.name !== 'RUNNING';
    });
    expect((await upload(closed, pdfBytes('after the end'))).status).toBe(409);
    expect((await h.api().get(`/api/projects/${closed}/documents/${ref.sha256}`)).status).toBe(200);
  });
});

describe('a deliverable with documents, and the decision page that links them', () => {
  let id: string;
  let rfi: DocumentRef;
  beforeAll(async () => {
    id = uniqueId('case-file-dialogue');
    await createProject(h, id);
    await advanceTo(h, id, 'market-dialogue');
    rfi = (await upload(id, pdfBytes('RFI — vragen aan de markt'), 'kind=rfi&name=RFI%20stoelen.pdf'))
      .body as DocumentRef;
  });

  test('a document that is not in the case file, or of another step, is refused before anything is sent', async () => {
    const tender = (await upload(id, pdfBytes('a tender document in step 3'))).body as DocumentRef;
    const response = await h
      .api()
      .post(`/api/projects/${id}/submissions/market-dialogue`)
      .send({ ...sampleMarketDialogue, documents: [{ sha256: 'b'.repeat(64) }, { sha256: tender.sha256 }] });
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      `body.documents.0.sha256: no document ${'b'.repeat(64)} in this project's case file`,
      'body.documents: each document is of a kind of the step the deliverable belongs to',
    ]);
    expect((await getProject(h, id)).status).toBe('awaiting-submission');
  });

  test('the submission keeps the stored reference, and each approver can open the document from the mail', async () => {
    const submitted = await h
      .api()
      .post(`/api/projects/${id}/submissions/market-dialogue`)
      .send({
        ...sampleMarketDialogue,
        documents: [{ sha256: rfi.sha256, name: 'a name the client made up' }],
      });
    expect(submitted.status).toBe(200);
    expect((await getProject(h, id)).submissions['market-dialogue'].data.documents).toEqual([rfi]);

    const approver = (submitted.body as { approvers: string[] }).approvers[0] as string;
    const mail = await requestFor(
      h,
      id,
      approver,
      (m) => m.messageId?.includes('.market-dialogue.r1.') === true,
    );
    const link = decisionLink(h, mail);
    const page = await request(h.baseUrl).get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a href="${link}/documents/${rfi.sha256}" download>RFI stoelen.pdf</a>`);

    const download = await request(h.baseUrl)
      .get(`${link}/documents/${rfi.sha256}`)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, pdfBytes('RFI — vragen aan de markt'))).toBe(0);
    expect(download.headers['content-disposition']).toContain('attachment');

    // Only the documents of this submission, and only with a real token.
    const other = (await upload(id, pdfBytes('not attached'), 'kind=rfi-answers&name=answers.pdf'))
      .body as DocumentRef;
    expect((await request(h.baseUrl).get(`${link}/documents/${other.sha256}`)).status).toBe(404);
    const forged = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await request(h.baseUrl).get(`${forged}/documents/${rfi.sha256}`)).status).toBe(404);
  });
});
