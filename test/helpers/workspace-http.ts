/**
 * The workspace over plain HTTP, as a browser without script uses it: a person signs in through
 * the link mailed to the real SMTP capture and keeps the session cookie; same-origin form posts
 * carry the session's CSRF token (read from a page, as a form would carry it).
 */
import { SESSION_COOKIE } from '../../api/session/sessions';
import type { Harness } from './harness';

export interface SendOptions {
  method?: 'GET' | 'POST';
  cookie?: string;
  /** A form: one value per name, or several under the same name (presentation/forms/form-state.ts). */
  form?: Record<string, string | string[]>;
  origin?: string;
}

/** A fetch from our own pages (same origin), without following redirects. */
export function send(h: Pick<Harness, 'baseUrl'>, path: string, init: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (init.method === 'POST') headers.origin = init.origin ?? h.baseUrl;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(init.form ?? {}))
    for (const one of [value].flat()) body.append(name, one);
  return fetch(`${h.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(init.form ? { body: body.toString() } : {}),
  });
}

/** A request to the workspace with a session cookie (any method, body, signal), without following redirects. */
export function sendWithCookie(h: Harness, path: string, cookie: string, init: RequestInit = {}) {
  return fetch(`${h.baseUrl}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { cookie, ...(init.headers as Record<string, string> | undefined) },
  });
}

/** A signed-in person: their session cookie (as a Cookie header) and the session's CSRF token. */
export interface WorkspaceSession {
  email: string;
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  /** A form post with the CSRF token (unless `withoutCsrf`). */
  post(path: string, form?: Record<string, string | string[]>, withoutCsrf?: boolean): Promise<Response>;
}

/**
 * Signs in through a fresh mailed link, the way a person does; the CSRF token is read from
 * `landing` (My work by default; a server without visibility, the time-skipping one, names a page
 * that needs none).
 */
export async function signInOverHttp(
  h: Pick<Harness, 'baseUrl' | 'mail'>,
  email: string,
  landing = '/work',
): Promise<WorkspaceSession> {
  const before = h.mail.messages.length;
  const asked = await send(h, '/sign-in', { method: 'POST', form: { email } });
  if (asked.status !== 200) throw new Error(`sign-in for ${email}: ${asked.status}`);
  // The person may be mailed about projects meanwhile: wait for the mail with the link.
  const [mail] = await h.mail.waitFor(
    (m) =>
      h.mail.messages.indexOf(m) >= before &&
      m.to.includes(email) &&
      m.links.some((url) => url.includes('/sign-in/link/')),
  );
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
  const confirmed = await send(h, new URL(link).pathname, { method: 'POST' });
  const cookie = confirmed.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`))
    ?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  const csrf = await csrfOf(h, cookie, landing);
  return {
    email,
    cookie,
    csrf,
    get: (path) => send(h, path, { cookie }),
    post: (path, form = {}, withoutCsrf = false) =>
      send(h, path, { method: 'POST', cookie, form: withoutCsrf ? form : { ...form, _csrf: csrf } }),
  };
}

/** The session cookie alone (a Cookie header), for tests that send their own requests. */
export async function signIn(h: Harness, email: string): Promise<string> {
  return (await signInOverHttp(h, email)).cookie;
}

/** The session's CSRF token, from one of its pages (as a form carries it). */
export async function csrfOf(
  h: Pick<Harness, 'baseUrl'>,
  cookie: string,
  landing = '/work',
): Promise<string> {
  const html = await (await send(h, landing, { cookie })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}
