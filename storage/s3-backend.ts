/**
 * Blobs in an S3 bucket (AWS, or an S3-compatible server such as MinIO or Ceph). A PUT in S3 is
 * atomic already: an object is visible whole or not at all. Credentials come from the config or
 * the SDK's default chain and are never logged (the description names the bucket and endpoint).
 */
import { mkdir, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { DocumentStoreConfig } from '../config/config';
import type { BlobBackend } from './backend';

export type S3StoreConfig = Extract<DocumentStoreConfig, { kind: 's3' }>;

export function createS3Backend(config: S3StoreConfig): BlobBackend & { client: S3Client } {
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // Checksums only where S3 requires them: S3-compatible servers differ in the trailing-checksum
    // uploads the SDK would otherwise send; the store checks every document's SHA-256 on read.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;

  const put = (Key: string, Body: Buffer | Readable, ContentType: string, ContentLength: number) =>
    client.send(new PutObjectCommand({ Bucket, Key, Body, ContentType, ContentLength }));

  return {
    client,
    description: `S3 bucket ${Bucket}${config.endpoint ? ` at ${config.endpoint}` : ''}`,
    async spoolDir() {
      const dir = path.join(tmpdir(), 'circular-procurement-uploads');
      await mkdir(dir, { recursive: true });
      return dir;
    },
    async putFile(key, file, mediaType) {
      const { size } = await stat(file);
      await put(key, createReadStream(file), mediaType, size);
    },
    async putBytes(key, bytes, mediaType) {
      await put(key, bytes, mediaType, bytes.length);
    },
    async read(Key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key }));
        return object.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    async list(Prefix) {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys;
    },
  };
}
