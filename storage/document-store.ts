/**
 * The case file's store: one implementation of the rules over any blob backend (local files, S3).
 *
 * - Content-addressed per project: a document's id is the SHA-256 of its bytes; the blob is kept
 *   under `projects/<project>/blobs/<aa>/<sha256>` and its reference beside it in `refs/`.
 * - An upload is spooled to a temporary file while it is hashed and counted; past the size limit
 *   it stops at once (413). Its type comes from its content (sniff.ts): not allowed → 415.
 * - A virus scanner (a hook; none by default) sees the file before it is accepted: refused → 422.
 * - Reading checks the SHA-256 again and holds back the last chunk until it matches, so a damaged
 *   blob never reaches a client whole.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type DocumentKindId,
  type DocumentMediaType,
  type DocumentRef,
  SHA256_HEX,
  documentKind,
  documentRef,
} from '../domain/documents';
import type { BlobBackend } from './backend';
import { sniffMediaType } from './sniff';

/** Why an upload was not accepted, with the HTTP status that says so. */
export class DocumentRejected extends Error {
  override name = 'DocumentRejected';
  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** A stored blob whose bytes no longer match its id. */
export class DocumentDamaged extends Error {
  override name = 'DocumentDamaged';
}

export interface ScanSubject {
  file: string;
  name: string;
  mediaType: DocumentMediaType;
  size: number;
  sha256: string;
}
export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/** The hook for a virus scanner (ClamAV's clamd, a cloud scanning API, …), called before a file is accepted. */
export interface VirusScanner {
  scan(subject: ScanSubject): Promise<ScanVerdict>;
}
export const noVirusScan: VirusScanner = { scan: () => Promise.resolve({ clean: true }) };

export interface Upload {
  projectId: string;
  name: string;
  kind: DocumentKindId;
  uploadedBy: string;
  body: Readable;
}

export interface DocumentStore {
  readonly description: string;
  readonly maxBytes: number;
  /** Stores the upload; `created` is false when the project had this content already (its first reference stands). */
  upload(upload: Upload): Promise<{ ref: DocumentRef; created: boolean }>;
  find(projectId: string, sha256: string): Promise<DocumentRef | undefined>;
  /** The project's documents, oldest first. */
  list(projectId: string): Promise<DocumentRef[]>;
  /** The document and its bytes (checked against its SHA-256 as they stream), or undefined. */
  open(projectId: string, sha256: string): Promise<{ ref: DocumentRef; content: Readable } | undefined>;
}

export interface DocumentStoreOptions {
  backend: BlobBackend;
  maxBytes: number;
  allowedTypes: readonly DocumentMediaType[];
  scanner?: VirusScanner;
  now?: () => Date;
}

const PROJECT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Ids are validated by the API already; checked again here because they become paths and keys. */
function projectPrefix(projectId: string): string {
  if (!PROJECT_ID.test(projectId)) throw new Error('not a project id');
  return `projects/${projectId}`;
}

function keysOf(projectId: string, sha256: string) {
  if (!SHA256_HEX.test(sha256)) throw new Error('not a document id');
  const base = projectPrefix(projectId);
  return { blob: `${base}/blobs/${sha256.slice(0, 2)}/${sha256}`, ref: `${base}/refs/${sha256}.json` };
}

/** Hashes and counts what passes; fails with 413 once more than `maxBytes` went through. */
function measuring(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new DocumentRejected(413, `the document is larger than ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/** Passes the bytes on, but the last chunk only once their SHA-256 is `expected`. */
function verifying(expected: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      if (hash.digest('hex') !== expected) {
        done(new DocumentDamaged(`stored document ${expected} does not match its checksum`));
        return;
      }
      done(null, held);
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function createDocumentStore({
  backend,
  maxBytes,
  allowedTypes,
  scanner = noVirusScan,
  now = () => new Date(),
}: DocumentStoreOptions): DocumentStore {
  async function find(projectId: string, sha256: string): Promise<DocumentRef | undefined> {
    const stream = await backend.read(keysOf(projectId, sha256).ref);
    if (!stream) return undefined;
    return documentRef.parse(JSON.parse((await readAll(stream)).toString('utf8')));
  }

  return {
    description: backend.description,
    maxBytes,
    find,

    async upload({ projectId, name, kind, uploadedBy, body }) {
      const spooled = path.join(await backend.spoolDir(), `${randomUUID()}.part`);
      try {
        const measure = measuring(maxBytes);
        try {
          await pipeline(body, measure.stream, createWriteStream(spooled));
        } catch (error) {
          // Stop reading the rest of a refused upload.
          body.destroy();
          throw error;
        }
        const { size, sha256 } = measure.result();
        if (size === 0) throw new DocumentRejected(422, 'the document is empty');
        const mediaType = sniffMediaType(await readFile(spooled), name);
        if (!mediaType || !allowedTypes.includes(mediaType)) {
          throw new DocumentRejected(
            415,
            `${mediaType ? `documents of type ${mediaType} are not accepted` : 'the content is not a type the case file accepts'}: send ${allowedTypes.join(', ')}`,
          );
        }
        const existing = await find(projectId, sha256);
        if (existing) return { ref: existing, created: false };
        const verdict = await scanner.scan({ file: spooled, name, mediaType, size, sha256 });
        if (!verdict.clean)
          throw new DocumentRejected(422, `the virus scan refused the document: ${verdict.reason}`);
        const ref: DocumentRef = {
          sha256,
          name,
          mediaType,
          size,
          kind,
          step: documentKind(kind).step,
          uploadedBy,
          uploadedAt: now().toISOString(),
        };
        const keys = keysOf(projectId, sha256);
        // The blob first: a reference that can be listed always has its content.
        await backend.putFile(keys.blob, spooled, mediaType);
        await backend.putBytes(keys.ref, Buffer.from(JSON.stringify(ref)), 'application/json');
        return { ref, created: true };
      } finally {
        await rm(spooled, { force: true });
      }
    },

    async list(projectId) {
      const keys = await backend.list(`${projectPrefix(projectId)}/refs/`);
      const refs = await Promise.all(
        keys
          .map((key) => /([a-f0-9]{64})\.json$/.exec(key)?.[1])
          .filter((sha): sha is string => sha !== undefined)
          .map((sha) => find(projectId, sha)),
      );
      return refs
        .filter((ref): ref is DocumentRef => ref !== undefined)
        .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.name.localeCompare(b.name));
    },

    async open(projectId, sha256) {
      const ref = await find(projectId, sha256);
      if (!ref) return undefined;
      const stream = await backend.read(keysOf(projectId, sha256).blob);
      if (!stream) return undefined;
      const check = verifying(sha256);
      stream.on('error', (error) => check.destroy(error));
      return { ref, content: stream.pipe(check) };
    },
  };
}
