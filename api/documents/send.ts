/** A stored document as a download: the API's route and the decision page's link both send it so. */
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { DocumentStore } from '../../storage';
import { HttpError } from '../errors';

export async function sendDocument(
  res: Response,
  store: DocumentStore,
  projectId: string,
  sha256: string,
): Promise<void> {
  const opened = await store.open(projectId, sha256);
  if (!opened) throw new HttpError(404, 'no such document in this project');
  const { ref, content } = opened;
  // attachment: a browser saves it instead of rendering it in our origin; the stored type (found
  // by content at upload), never one guessed from the name, and no sniffing by the browser either.
  res.attachment(ref.name);
  res.set({
    'Content-Type': ref.mediaType,
    'Content-Length': String(ref.size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
  await pipeline(content, res);
}
