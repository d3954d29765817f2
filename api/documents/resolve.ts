/**
 * A deliverable names its documents by `sha256`; the API fills in each reference from the store
 * before the submission goes to the workflow, so the workflow keeps what the store holds (name,
 * type, size as uploaded), never what a client claims, and a document that is not in this
 * project's case file is a 400 before anything is sent.
 */
import { SHA256_HEX } from '../../domain/documents';
import type { DocumentStore } from '../../storage';

export async function resolveDocumentRefs(
  store: DocumentStore,
  projectId: string,
  body: Record<string, unknown>,
): Promise<{ body: Record<string, unknown>; problems: string[] }> {
  const listed = body.documents;
  // Anything but a list is left for the deliverable's schema to describe.
  if (!Array.isArray(listed)) return { body, problems: [] };
  const problems: string[] = [];
  const resolved = await Promise.all(
    listed.map(async (item: unknown, index) => {
      const sha256 = (item as { sha256?: unknown } | null)?.sha256;
      if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return item;
      const ref = await store.find(projectId, sha256);
      if (!ref)
        problems.push(`body.documents.${index}.sha256: no document ${sha256} in this project's case file`);
      return ref;
    }),
  );
  // A document not found is one problem, not also every field the client did not send.
  const documents = resolved.filter((item) => item !== undefined);
  return { body: { ...body, documents }, problems };
}
