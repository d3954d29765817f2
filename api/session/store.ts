/**
 * Server-side state of the workspace: sessions, and the sign-in links already used (remembered until
 * they expire, so a link signs in once). The cookie holds only a random session id; the store keeps
 * its SHA-256 digest, so a copy of the store opens no session.
 *
 * `createFileSessionStore` keeps everything in memory and writes it to one JSON file under DATA_DIR
 * on every change (write to a temporary file, then rename), so sessions survive a restart of the API.
 * It serves one API process: several instances behind a load balancer need a store they share (a
 * database or Redis table behind this same interface), or sign-ins and sign-outs of one instance
 * stay unknown to the others.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Locale } from '../../domain/catalogue';
import { readJsonFile, writeJsonFileAtomically } from '../json-file';

export interface Session {
  /** SHA-256 of the cookie's id (base64url). */
  digest: string;
  email: string;
  /** How the person signed in. */
  via: 'link' | 'oidc';
  createdAt: number;
  lastSeenAt: number;
  /** The token every state-changing form of this session carries. */
  csrfToken: string;
  /** The language the person switched to, if they did. */
  locale?: Locale;
}

export interface SessionStore {
  /** A new session; the id to put in the cookie is returned, never stored. */
  create(fields: Pick<Session, 'email' | 'via'>, nowMs: number): { id: string; session: Session };
  get(id: string): Session | undefined;
  /** Saves a session's changes (last seen, locale). */
  save(session: Session): void;
  delete(id: string): void;
  /** True when a sign-in link id was used already (and has not expired since). */
  wasUsed(linkId: string, nowMs: number): boolean;
  /** True the first time a sign-in link id is used; false for every later use until `expiresAt`. */
  useOnce(linkId: string, expiresAt: number, nowMs: number): boolean;
  /** Drops what has expired. */
  prune(isExpired: (session: Session) => boolean, nowMs: number): void;
}

const digestOf = (id: string): string => createHash('sha256').update(id).digest('base64url');

interface Snapshot {
  sessions: Session[];
  usedLinks: [string, number][];
}

export function createMemorySessionStore(
  persist: (snapshot: Snapshot) => void = () => undefined,
  initial?: Snapshot,
): SessionStore {
  const sessions = new Map<string, Session>((initial?.sessions ?? []).map((s) => [s.digest, s]));
  const usedLinks = new Map<string, number>(initial?.usedLinks ?? []);
  const changed = () => persist({ sessions: [...sessions.values()], usedLinks: [...usedLinks] });
  return {
    create(fields, nowMs) {
      const id = randomBytes(32).toString('base64url');
      const session: Session = {
        ...fields,
        digest: digestOf(id),
        createdAt: nowMs,
        lastSeenAt: nowMs,
        csrfToken: randomBytes(32).toString('base64url'),
      };
      sessions.set(session.digest, session);
      changed();
      return { id, session };
    },
    get: (id) => sessions.get(digestOf(id)),
    save(session) {
      sessions.set(session.digest, session);
      changed();
    },
    delete(id) {
      if (sessions.delete(digestOf(id))) changed();
    },
    wasUsed: (linkId, nowMs) => (usedLinks.get(linkId) ?? 0) > nowMs,
    useOnce(linkId, expiresAt, nowMs) {
      if ((usedLinks.get(linkId) ?? 0) > nowMs) return false;
      usedLinks.set(linkId, expiresAt);
      changed();
      return true;
    },
    prune(isExpired, nowMs) {
      let removed = false;
      for (const [digest, session] of sessions)
        if (isExpired(session)) removed = sessions.delete(digest) || removed;
      for (const [linkId, until] of usedLinks)
        if (until <= nowMs) removed = usedLinks.delete(linkId) || removed;
      if (removed) changed();
    },
  };
}

/** The store in DATA_DIR/sessions.json (mode 0600): one API process, see above. */
export function createFileSessionStore(dataDir: string): SessionStore {
  const file = path.resolve(dataDir, 'sessions.json');
  // Absent on the first start; unreadable means every session is gone, which only signs people out.
  const initial = readJsonFile<Snapshot>(file);
  return createMemorySessionStore((snapshot) => writeJsonFileAtomically(file, snapshot), initial);
}
