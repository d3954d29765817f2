/**
 * One contract for the document store, run against both backends: local files under a data
 * folder, and S3 through @aws-sdk/client-s3 against a real S3-compatible server (moto's server,
 * installed from PyPI into .tools/ by `npm run setup:moto`, started here on a loopback port).
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type S3Server, startS3Server } from '../../dev/s3-server';
import { DOCUMENT_MEDIA_TYPES } from '../../domain/documents';
import type { BlobBackend } from '../../storage/backend';
import {
  type DocumentStore,
  type VirusScanner,
  DocumentDamaged,
  DocumentRejected,
  createDocumentStore,
} from '../../storage/document-store';
import { createLocalBackend } from '../../storage/local-backend';
import { createS3Backend } from '../../storage/s3-backend';
import { docxBytes, executableBytes, odsBytes, pdfBytes, plainZipBytes, pngBytes } from './files';

interface Backend {
  backend: BlobBackend;
  /** Overwrites a stored blob behind the store's back (a damaged disk, a tampered bucket). */
  corrupt(key: string, bytes: Buffer): Promise<void>;
}

let localRoot: string;
let s3: S3Server;
const backends: Record<string, () => Promise<Backend>> = {
  local: () => {
    const backend = createLocalBackend(localRoot);
    return Promise.resolve({
      backend,
      corrupt: (key, bytes) => writeFile(path.join(localRoot, key), bytes),
    });
  },
  s3: async () => {
    const bucket = `case-file-${Math.random().toString(36).slice(2, 10)}`;
    const backend = createS3Backend({
      kind: 's3',
      bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' },
    });
    await backend.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
      backend,
      corrupt: async (Key, Body) => {
        await backend.client.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
      },
    };
  },
};

beforeAll(async () => {
  localRoot = await mkdtemp(path.join(tmpdir(), 'case-file-'));
  s3 = await startS3Server();
}, 180_000);
afterAll(async () => {
  await s3?.stop();
  await rm(localRoot, { recursive: true, force: true });
});

const upload = (store: DocumentStore, bytes: Buffer, name = 'tender.pdf', projectId = 'project-one') =>
  store.upload({
    projectId,
    name,
    kind: 'tender-documents',
    uploadedBy: 'ans.peeters@gent.example',
    body: Readable.from([bytes]),
  });

const contentOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error instanceof DocumentRejected ? { status: error.status, message: error.message } : error,
  );

describe.each(Object.keys(backends))('the document store on %s', (name) => {
  let setup: Backend;
  let store: DocumentStore;
  const make = (options: { maxBytes?: number; scanner?: VirusScanner; allowed?: string[] } = {}) =>
    createDocumentStore({
      backend: setup.backend,
      maxBytes: options.maxBytes ?? 64 * 1024,
      allowedTypes: (options.allowed ?? DOCUMENT_MEDIA_TYPES) as (typeof DOCUMENT_MEDIA_TYPES)[number][],
      ...(options.scanner ? { scanner: options.scanner } : {}),
    });
  beforeAll(async () => {
    setup = await backends[name]!();
    store = make();
  });

  test('a document is stored under the SHA-256 of its content and read back byte for byte', async () => {
    const bytes = pdfBytes('contract file');
    const { ref, created } = await upload(store, bytes);
    expect(created).toBe(true);
    expect(ref).toMatchObject({
      sha256: (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'),
      name: 'tender.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      kind: 'tender-documents',
      step: 'specify-and-award',
      uploadedBy: 'ans.peeters@gent.example',
    });
    const opened = await store.open('project-one', ref.sha256);
    expect(opened?.ref).toEqual(ref);
    expect(await contentOf(opened!.content)).toEqual(bytes);
  });

  test('the same content again keeps its first reference', async () => {
    const bytes = pdfBytes('twice');
    const first = await upload(store, bytes, 'first.pdf');
    const second = await upload(store, bytes, 'second.pdf');
    expect(second).toEqual({ ref: first.ref, created: false });
  });

  test("a project's list holds its own documents only, and another project cannot open them", async () => {
    const mine = await upload(store, pngBytes(), 'photo.png', 'project-list-a');
    await upload(store, pdfBytes('theirs'), 'theirs.pdf', 'project-list-b');
    expect(await store.list('project-list-a')).toEqual([mine.ref]);
    expect(await store.open('project-list-b', mine.ref.sha256)).toBeUndefined();
    expect(await store.find('project-list-b', mine.ref.sha256)).toBeUndefined();
  });

  test('the type comes from the content: office documents by their zip entries, text by its bytes', async () => {
    expect((await upload(store, docxBytes(), 'spec.docx')).ref.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect((await upload(store, odsBytes(), 'kpis.ods')).ref.mediaType).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(
      (await upload(store, Buffer.from('kpi;waarde\nbeschikbaarheid;99,5 €\n'), 'kpis.csv')).ref.mediaType,
    ).toBe('text/csv');
    // A PDF named .txt is a PDF.
    expect((await upload(store, pdfBytes('named as text'), 'notes.txt')).ref.mediaType).toBe(
      'application/pdf',
    );
  });

  test('an executable, a plain zip or a type outside the configured list is refused with 415', async () => {
    expect(await rejection(upload(store, executableBytes(), 'report.pdf'))).toMatchObject({ status: 415 });
    expect(await rejection(upload(store, plainZipBytes(), 'report.docx'))).toMatchObject({ status: 415 });
    const pdfOnly = make({ allowed: ['application/pdf'] });
    expect(await rejection(upload(pdfOnly, pngBytes(), 'photo.png'))).toMatchObject({
      status: 415,
      message: expect.stringContaining('image/png') as unknown,
    });
  });

  test('an upload past the size limit is refused with 413 and leaves nothing behind', async () => {
    const small = make({ maxBytes: 1024 });
    const big = Buffer.concat([pdfBytes('big'), Buffer.alloc(4096, 0x20)]);
    // In chunks, as a request body arrives: the limit stops it midway.
    const body = Readable.from([big.subarray(0, 600), big.subarray(600, 1200), big.subarray(1200)]);
    const refused = await rejection(
      small.upload({
        projectId: 'project-big',
        name: 'big.pdf',
        kind: 'rfi',
        uploadedBy: 'a@b.example',
        body,
      }),
    );
    expect(refused).toMatchObject({ status: 413 });
    expect(await small.list('project-big')).toEqual([]);
    expect(await upload(small, pdfBytes('fits'), 'fits.pdf', 'project-big')).toMatchObject({ created: true });
  });

  test('a virus scanner sees the file first, and a refusal keeps it out', async () => {
    const seen: string[] = [];
    const scanner: VirusScanner = {
      async scan(subject) {
        seen.push(`${subject.name} ${subject.mediaType} ${subject.size}`);
        const content = await readFile(subject.file, 'latin1');
        return content.includes('EICAR') ? { clean: false, reason: 'EICAR test signature' } : { clean: true };
      },
    };
    const scanned = make({ scanner });
    const infected = pdfBytes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE');
    expect(await rejection(upload(scanned, infected, 'infected.pdf', 'project-scan'))).toMatchObject({
      status: 422,
      message: expect.stringContaining('EICAR test signature') as unknown,
    });
    expect(await scanned.list('project-scan')).toEqual([]);
    await upload(scanned, pdfBytes('clean'), 'clean.pdf', 'project-scan');
    expect(seen).toEqual([
      `infected.pdf application/pdf ${infected.length}`,
      `clean.pdf application/pdf ${pdfBytes('clean').length}`,
    ]);
  });

  test('a blob damaged in the store fails its checksum on read instead of reaching the reader whole', async () => {
    const { ref } = await upload(store, pdfBytes('to be damaged'), 'damaged.pdf', 'project-damage');
    await setup.corrupt(
      `projects/project-damage/blobs/${ref.sha256.slice(0, 2)}/${ref.sha256}`,
      pdfBytes('tampered with!'),
    );
    const opened = await store.open('project-damage', ref.sha256);
    await expect(contentOf(opened!.content)).rejects.toBeInstanceOf(DocumentDamaged);
  });
});

test('a local upload leaves no spooled file behind, accepted or refused', async () => {
  const store = createDocumentStore({
    backend: createLocalBackend(localRoot),
    maxBytes: 100,
    allowedTypes: ['application/pdf'],
  });
  await upload(store, pdfBytes('x'), 'x.pdf', 'project-spool');
  await rejection(upload(store, Buffer.alloc(500, 0x41), 'y.pdf', 'project-spool'));
  expect(await readdir(path.join(localRoot, '.incoming'))).toEqual([]);
});
