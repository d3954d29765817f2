/**
 * The optional `documents` of a deliverable: references into the project's case file (the files
 * themselves are in the document store, never in the workflow). One helper for every deliverable,
 * so the deliverables' own files stay as they are.
 */
import { z } from 'zod';
import { GATE_STEP, type GateId } from '../catalogue';
import { DOCUMENTS_PER_DELIVERABLE, documentRef } from '../documents';
import { ruleCheck } from './common';

export const documentRefs = (gate: GateId) =>
  z
    .array(documentRef)
    .max(DOCUMENTS_PER_DELIVERABLE)
    .refine(
      (refs) => refs.every((ref) => ref.step === GATE_STEP[gate]),
      ruleCheck('documents.other-step', {}),
    )
    .refine(
      (refs) => new Set(refs.map((ref) => ref.sha256)).size === refs.length,
      ruleCheck('documents.twice', {}),
    )
    .optional()
    .meta({
      description:
        'Documents of the project\'s case file this deliverable refers to: upload them first (`POST /api/projects/{id}/documents`), then send `{ "sha256": … }` per document; the API fills in the rest from the store.',
    });

/**
 * `deliverable` with an optional `documents` list. An intersection rather than an extension, so the
 * deliverable's own schema (and the rules written for it, api/openapi-rules.ts) stays as it is; the
 * field is optional, so projects started before it keep validating.
 */
export function withDocuments<T extends z.ZodType>(deliverable: T, gate: GateId) {
  return z.intersection(deliverable, z.object({ documents: documentRefs(gate) }));
}
