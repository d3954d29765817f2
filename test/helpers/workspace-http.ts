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
  form?: Record<string, string>;
  origin?: string;
}

/** A fetch from our own pages (same origin), without following redirects. */
export function send(h: Pick<Harness, 'baseUrl'>, path: string, init: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (init.method === 'POST') headers.origin = init.origin ?? h.baseUrl;
  return fetch(`${h.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  });
}

/** A signed-in person: their session cookie (as a Cookie header) and the session's CSRF token. */
export interface WorkspaceSession {
  email: string;
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  /** A form post with the CSRF token (unless `withoutCsrf`). */
  post(path: string, form?: Record<string, string>, withoutCsrf?: boolean): Promise<Response>;
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
  const [mail] = await h.mail.waitFor((m) => h.mail.messages.indexOf(m) >= before && m.to.includes(email));
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
  const confirmed = await send(h, new URL(link).pathname, { method: 'POST' });
  const cookie = confirmed.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`))
    ?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  const html = await (await send(h, landing, { cookie })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('no CSRF token on the page');
  return {
    email,
    cookie,
    csrf,
    get: (path) => send(h, path, { cookie }),
    post: (path, form = {}, withoutCsrf = false) =>
      send(h, path, { method: 'POST', cookie, form: withoutCsrf ? form : { ...form, _csrf: csrf } }),
  };
}
