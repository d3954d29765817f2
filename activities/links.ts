/**
 * Capability links in emails. A token binds what it may do (decide in one round of one gate of one
 * project, as one approver — or review one follow-up moment) and until when, and is signed with
 * HMAC-SHA256 under a key that has an id: new tokens use the newest key, old tokens verify under
 * any configured key, so keys rotate without breaking links in flight.
 *
 * Tokens are minted inside activities and verified by the API: they never enter workflow history,
 * and the logger redacts them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SigningKey } from '../config/config';
import { gateId } from '../domain/schemas';

const claimsSchema = z.discriminatedUnion('k', [
  z.object({
    k: z.literal('decision'),
    /** project id */
    p: z.string(),
    g: gateId,
    r: z.number().int().min(1),
    /** approver email */
    a: z.string(),
    /** expiry, epoch milliseconds */
    e: z.number().int(),
  }),
  z.object({
    k: z.literal('review'),
    p: z.string(),
    /** follow-up moment id */
    m: z.string(),
    a: z.string(),
    e: z.number().int(),
  }),
  z.object({
    /** A mailed sign-in link to the workspace (api/session/sign-in-links.ts), minted by the API. */
    k: z.literal('sign-in'),
    /** the address it signs in, and the only one */
    a: z.string(),
    /** the link's own id: it signs in once */
    i: z.string(),
    e: z.number().int(),
  }),
]);
/** What any signed link says. */
export type SignedClaims = z.infer<typeof claimsSchema>;
/** The claims of a link into a project (decision, review). */
export type LinkClaims = Exclude<SignedClaims, { k: 'sign-in' }>;
export type SignInClaims = Extract<SignedClaims, { k: 'sign-in' }>;

export type VerifiedLink = { ok: true; claims: SignedClaims; expired: boolean } | { ok: false };

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The bytes of a part written in its one canonical form (base64url alphabet, no padding, unused
 * bits zero), or undefined. Node's own decoder is lenient: it skips characters outside the
 * alphabet, reads `+` and `/` as well, stops at `=` and ignores the trailing bits, so a token could
 * otherwise be written many ways and still open the page.
 */
function decodeCanonical(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

export class LinkSigner {
  private readonly keys: Map<string, Buffer>;
  private readonly newest: SigningKey;

  constructor(keys: SigningKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new Error('at least one link signing key is required (LINK_SIGNING_KEYS)');
    this.newest = newest;
    this.keys = new Map(keys.map((key) => [key.id, Buffer.from(key.secret, 'utf8')]));
  }

  private signature(keyId: string, payload: string): Buffer {
    const secret = this.keys.get(keyId);
    if (!secret) throw new Error(`unknown key ${keyId}`);
    return createHmac('sha256', secret).update(`v1.${keyId}.${payload}`).digest();
  }

  sign(claims: SignedClaims): string {
    const payload = b64(JSON.stringify(claims));
    return `v1.${this.newest.id}.${payload}.${b64(this.signature(this.newest.id, payload))}`;
  }

  /**
   * Anything wrong with the token itself gives `{ ok: false }` and nothing more, by design. Only the
   * token exactly as `sign` wrote it verifies: each part is decoded strictly (see decodeCanonical).
   */
  verify(token: string, nowMs: number): VerifiedLink {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return { ok: false };
    const [, keyId, payload, signature] = parts as [string, string, string, string];
    if (!this.keys.has(keyId)) return { ok: false };
    const claimBytes = decodeCanonical(payload);
    const presented = decodeCanonical(signature);
    if (!claimBytes || !presented) return { ok: false };
    const expected = this.signature(keyId, payload);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false };
    let decoded: unknown;
    try {
      decoded = JSON.parse(claimBytes.toString('utf8'));
    } catch {
      return { ok: false };
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success) return { ok: false };
    return { ok: true, claims: claims.data, expired: claims.data.e <= nowMs };
  }
}

export function decisionUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/d/${token}`;
}

/** The workspace page where the owners answer whether use goes on (behind sign-in: no token in it). */
export function useQuestionUrl(baseUrl: string, projectId: string): string {
  return `${baseUrl}/work/projects/${encodeURIComponent(projectId)}/use`;
}

export function reviewUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}
