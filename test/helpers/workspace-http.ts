/**
 * The workspace over plain HTTP, as its HTTP tests use it: a fetch from our own pages (same
 * origin, redirects not followed) and signing a person in through a link from the real SMTP
 * capture. Faster than a browser; the browser tests use workspace-browser.ts.
 */
import { SESSION_COOKIE } from '../../api/session/sessions';
import type { Harness } from './harness';

export interface WorkspaceRequest {
  method?: string;
  cookie?: string;
  form?: Record<string, string>;
  origin?: string;
}

/** Over a harness, or any server with the mail capture its sign-in mail goes to (the benchmarks). */
export function workspaceHttp(h: Pick<Harness, 'baseUrl' | 'mail'>) {
  function send(path: string, init: WorkspaceRequest = {}) {
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

  /** Signs in through a fresh mailed link; the session cookie as a Cookie header. */
  async function signIn(email: string): Promise<string> {
    const before = h.mail.messages.length;
    const asked = await send('/sign-in', { method: 'POST', form: { email } });
    if (asked.status !== 200) throw new Error(`asking for a sign-in link: ${asked.status}`);
    const [mail] = await h.mail.waitFor((m) => h.mail.messages.indexOf(m) >= before && m.to.includes(email));
    const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
    if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
    const confirmed = await send(new URL(link).pathname, { method: 'POST' });
    const cookie = confirmed.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
    if (confirmed.status !== 303 || !cookie)
      throw new Error(`signing in: ${confirmed.status}, no session cookie`);
    return cookie.split(';')[0] as string;
  }

  return { send, signIn };
}
