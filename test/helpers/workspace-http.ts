/**
 * The workspace over plain HTTP, as a browser would use it: fetches from our own origin (no
 * redirects followed), a sign-in through the mailed link that gives the session cookie, the CSRF
 * token of the session's pages, and a form posted as application/x-www-form-urlencoded with repeated
 * names (a form's state, presentation/forms/form-state.ts).
 */
import { SESSION_COOKIE } from '../../api/session/sessions';
import type { Harness } from './harness';

export interface Send {
  method?: string;
  cookie?: string;
  /** A form: one value per name, or several under the same name. */
  form?: Record<string, string | string[]>;
  origin?: string;
}

export function send(h: Harness, path: string, init: Send = {}): Promise<Response> {
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

/** Signs `email` in through a fresh mailed link; the session cookie as a Cookie header. */
export async function signIn(h: Harness, email: string): Promise<string> {
  const before = h.mail.messages.length;
  const asked = await send(h, '/sign-in', { method: 'POST', form: { email } });
  if (asked.status !== 200) throw new Error(`sign-in answered ${asked.status}`);
  const [mail] = await h.mail.waitFor((m) => h.mail.messages.indexOf(m) >= before && m.to.includes(email));
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error('no sign-in link in the mail');
  const response = await send(h, new URL(link).pathname, { method: 'POST' });
  if (response.status !== 303) throw new Error(`the sign-in link answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

/** The session's CSRF token, from one of its pages. */
export async function csrfOf(h: Harness, cookie: string): Promise<string> {
  const html = await (await send(h, '/work', { cookie })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}
