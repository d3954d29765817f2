/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a client that retries a request
 * that changes something sends the same key, and the retry changes nothing and answers what the
 * first one did. The API keeps no store of its own for this; Temporal does the remembering:
 *
 * - updates: the key becomes the update id, which Temporal deduplicates within a workflow run
 *   (a retry returns the first outcome, even once the project has finished);
 * - signals: the key becomes the signal's request id, which Temporal deduplicates the same way;
 * - creating a project: the project id is unique already; the key and a fingerprint of the body
 *   go into the workflow's memo, so a retry can be told from a second project with the same id.
 *
 * Keys are scoped to the person behind the API key (two callers' keys never collide) and to the
 * operation. Within one workflow run only: a project that continued as new (long contracts do,
 * rarely) has forgotten the keys of the run before.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from './auth';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Printable ASCII only: no control characters reach an update id, a log line or the Temporal UI. */
export const idempotencyKey = z
  .string()
  .regex(/^[\x20-\x7e]{1,200}$/, 'use 1 to 200 printable ASCII characters (no control characters)')
  .meta({
    description:
      "Makes a retry safe: a request sent again with the same key (by the same person) changes nothing and answers what the first did. Use a new random value (a UUID) per intended change. The key names the request: on a project, a retry with another body still gets the first answer; creating a project with another body answers 422. Keys are remembered for the life of the project's current workflow run.",
    example: '0b6f5a0e-3f0c-4a56-9d1e-2b7b1f1f6c1a',
  });

export const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKey.optional() });

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Who sent the key: the person behind the API key, so that two API keys of one person share their keys. */
function keyOwner(principal: Principal): string {
  return principal.email;
}

/**
 * The Temporal id (update id or signal request id) of a keyed request: readable prefix, hashed
 * rest, so that neither the caller's address nor the key appears in the workflow history.
 */
export function idempotentId(operationId: string, principal: Principal, key: string): string {
  return `api:${operationId}:${digest(`${keyOwner(principal)}\n${key}`).slice(0, 32)}`;
}

/** JSON with object keys sorted, so that two bodies that mean the same have the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(value: unknown): string {
  return digest(canonicalJson(value)).slice(0, 32);
}

/** What a project remembers (in its memo) about the request that created it. */
export interface CreationMemo {
  /** idempotentId of the creating request's key, when it had one. */
  key?: string;
  /** Fingerprint of the validated body. */
  body: string;
}
