/**
 * Sessions of the workspace: an opaque random id in a cookie (HttpOnly, SameSite=Lax, Path=/,
 * Secure when PUBLIC_BASE_URL is https), the session itself in the server-side store, ended after
 * SESSION_IDLE_MINUTES without a request or SESSION_ABSOLUTE_HOURS after sign-in, and by sign-out.
 *
 * The person behind a session is looked up in the people directory on every request: someone removed
 * from PEOPLE is signed out at their next click, and a change of their organisations or roles counts
 * at once.
 *
 * Every state-changing form carries the session's CSRF token, and the browser's Origin /
 * Sec-Fetch-Site must say same-origin: either alone would do against today's browsers; together
 * they also hold where one of them is missing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../../config/config';
import type { DirectoryPerson } from '../../config/workspace-config';
import type { Locale } from '../../domain/catalogue';
import type { Principal } from '../auth';
import { isCrossSitePost } from '../cross-site';
import type { Session, SessionStore } from './store';

export const SESSION_COOKIE = 'cpo_session';
/** A session's last-seen time is written at most this often (each write rewrites the store). */
const TOUCH_EVERY_MS = 60_000;

/** Who is signed in, as the pages need it. */
export interface SignedIn {
  session: Session;
  person: DirectoryPerson;
  principal: Principal;
  locale: Locale;
  timeZone: string;
}

export interface Sessions {
  /** The signed-in person of this request, or undefined (no cookie, unknown, expired, removed from PEOPLE). */
  current(req: Request): SignedIn | undefined;
  /** Starts a session for a person of the directory and sets its cookie; a session the request had ends. */
  start(req: Request, res: Response, person: DirectoryPerson, via: Session['via']): void;
  /** Ends the request's session server-side and clears the cookie. */
  end(req: Request, res: Response): void;
  /** Saves a language switch for the rest of the session. */
  setLocale(signedIn: SignedIn, locale: Locale): void;
  /** Finds someone in the people directory by address (case-insensitive). */
  person(email: string): DirectoryPerson | undefined;
  /** Pages for signed-in people: without a session, GET goes to the sign-in page, anything else gets 403. */
  required: RequestHandler;
  /** POSTs of a session: same-origin, with the session's CSRF token in `_csrf`. */
  csrf: RequestHandler;
  /** The cookie attributes, for tests and the README. */
  readonly cookieAttributes: string;
}

/** The value of one cookie from the Cookie header (no dependency for a one-liner). */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export function createSessions({
  config,
  store,
  now = Date.now,
}: {
  config: AppConfig;
  store: SessionStore;
  now?: () => number;
}): Sessions {
  const { idleMs, absoluteMs } = config.workspace.session;
  const secure = new URL(config.api.publicBaseUrl).protocol === 'https:';
  const ownOrigin = new URL(config.api.publicBaseUrl).origin;
  const directory = new Map(config.workspace.people.map((person) => [person.email, person]));
  const expired = (session: Session, at: number) =>
    at - session.lastSeenAt >= idleMs || at - session.createdAt >= absoluteMs;
  const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure } as const;

  // Looked up once per request (the guard, the CSRF check and the page all ask).
  const looked = new WeakMap<Request, SignedIn | null>();
  function current(req: Request): SignedIn | undefined {
    if (!looked.has(req)) looked.set(req, lookUp(req) ?? null);
    return looked.get(req) ?? undefined;
  }

  function lookUp(req: Request): SignedIn | undefined {
    const id = cookieValue(req, SESSION_COOKIE);
    if (!id) return undefined;
    const session = store.get(id);
    if (!session) return undefined;
    const at = now();
    const person = directory.get(session.email);
    if (expired(session, at) || !person) {
      store.delete(id);
      return undefined;
    }
    const seen = at - session.lastSeenAt >= TOUCH_EVERY_MS ? { ...session, lastSeenAt: at } : session;
    if (seen !== session) store.save(seen);
    return {
      session: seen,
      person,
      principal: {
        name: person.name,
        email: person.email,
        roles: person.roles,
        organisations: person.organisations,
      },
      locale: session.locale ?? person.locale ?? config.defaults.locale,
      timeZone: person.timeZone ?? config.defaults.timeZone,
    };
  }

  const refuse = (res: Response) =>
    void res.status(403).type('text/plain').send('Forbidden: this form is no longer valid. Reload the page.');

  return {
    current,
    person: (email) => directory.get(email.toLowerCase()),
    start(req, res, person, via) {
      // A new id at every sign-in: an id planted in the browser before (session fixation) never signs in.
      const previous = cookieValue(req, SESSION_COOKIE);
      if (previous) store.delete(previous);
      const at = now();
      store.prune((session) => expired(session, at), at);
      const { id } = store.create({ email: person.email, via }, at);
      res.cookie(SESSION_COOKIE, id, { ...cookieOptions, maxAge: absoluteMs });
    },
    end(req, res) {
      const id = cookieValue(req, SESSION_COOKIE);
      if (id) store.delete(id);
      res.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    setLocale(signedIn, locale) {
      signedIn.session.locale = locale;
      signedIn.locale = locale;
      store.save(signedIn.session);
    },
    required(req: Request, res: Response, next: NextFunction) {
      if (current(req)) return void next();
      if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, '/sign-in');
      refuse(res);
    },
    csrf(req: Request, res: Response, next: NextFunction) {
      const signedIn = current(req);
      const presented = (req.body as Record<string, unknown> | undefined)?._csrf;
      const valid =
        signedIn !== undefined &&
        !isCrossSitePost(req, ownOrigin) &&
        typeof presented === 'string' &&
        sameSecret(presented, signedIn.session.csrfToken);
      if (valid) return void next();
      refuse(res);
    },
    cookieAttributes: `HttpOnly; SameSite=Lax; Path=/${secure ? '; Secure' : ''}`,
  };
}
