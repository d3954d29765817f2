/**
 * Where the bytes live: a flat key space with atomic puts. The document store (document-store.ts)
 * does everything else — hashing, limits, types, the scan, references — once for every backend.
 */
import type { Readable } from 'node:stream';

export interface BlobBackend {
  /** For logs: which store, never a secret. */
  readonly description: string;
  /** A folder for spooling an upload before it is accepted (on the same file system as local blobs). */
  spoolDir(): Promise<string>;
  /** Puts a finished local file under `key` at once or not at all; the file may be moved away. */
  putFile(key: string, file: string, mediaType: string): Promise<void>;
  putBytes(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The content under `key`, or undefined when there is none. */
  read(key: string): Promise<Readable | undefined>;
  /** Every key that starts with `prefix` (a "folder" ending in /). */
  list(prefix: string): Promise<string[]>;
}
