/**
 * Submitting a gate's deliverable, shared by the JSON API (POST /api/projects/:id/submissions/:gate)
 * and the workspace's gate forms: the documents it names are filled in from the case file, the
 * gate's schema judges it, and the submitDeliverable update opens the approval round (its
 * validator may still refuse: wrong gate, nobody to approve).
 */
import type { z } from 'zod';
import type { GateId } from '../../domain/catalogue';
import { type Channel, type DeliverableByGate, deliverableSchemas } from '../../domain/schemas';
import type { DocumentStore } from '../../storage';
import { type SubmitDeliverableResult, submitDeliverableUpdate } from '../../workflows/messages';
import { resolveDocumentRefs } from '../documents/resolve';
import type { ProjectMessages } from '../project-messages';

export type CheckedSubmission<G extends GateId> =
  | { ok: true; deliverable: DeliverableByGate[G] }
  | { ok: false; issues: z.core.$ZodIssue[]; error?: z.ZodError; documentProblems: string[] };

/** The deliverable as the gate's schema outputs it, or every problem it has. */
export async function checkSubmission<G extends GateId>(
  documents: DocumentStore,
  projectId: string,
  gate: G,
  body: Record<string, unknown>,
): Promise<CheckedSubmission<G>> {
  const resolved = await resolveDocumentRefs(documents, projectId, body);
  const parsed = deliverableSchemas[gate].safeParse(resolved.body);
  if (parsed.success && resolved.problems.length === 0)
    return { ok: true, deliverable: parsed.data as DeliverableByGate[G] };
  return {
    ok: false,
    issues: parsed.error?.issues ?? [],
    ...(parsed.error ? { error: parsed.error } : {}),
    documentProblems: resolved.problems,
  };
}

/** Sends a checked deliverable: the round opens, or the workflow's refusal is thrown (HttpError via toHttpError). */
export function submitDeliverable<G extends GateId>(
  messages: ProjectMessages,
  projectId: string,
  submission: { gate: G; deliverable: DeliverableByGate[G]; submittedBy: string; channel: Channel },
  messageId?: string,
): Promise<SubmitDeliverableResult> {
  return messages.update(projectId, submitDeliverableUpdate, submission, messageId);
}
