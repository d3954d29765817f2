/**
 * The workspace over plain HTTP, as a browser without script would use it: sign in through the
 * mailed link from the real SMTP capture and send requests with the session cookie.
 */
import { SESSION_COOKIE } from '../../api/session/sessions';
import type { Harness } from './harness';

/** A request to the workspace with a session cookie, without following redirects. */
export function sendWithCookie(h: Harness, path: string, cookie: string, init: RequestInit = {}) {
  return fetch(`${h.baseUrl}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { cookie, ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Signs `email` (a person of the harness's PEOPLE) in through a fresh mailed link: the Cookie header. */
export async function signInOverHttp(h: Harness, email: string): Promise<string> {
  const before = h.mail.messages.length;
  const asked = await fetch(`${h.baseUrl}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.baseUrl },
    body: new URLSearchParams({ email }).toString(),
  });
  if (asked.status !== 200) throw new Error(`asking a sign-in link for ${email}: ${asked.status}`);
  // The person may be mailed about projects meanwhile: wait for the mail with the link.
  const [mail] = await h.mail.waitFor(
    (m) =>
      h.mail.messages.indexOf(m) >= before &&
      m.to.includes(email) &&
      m.links.some((url) => url.includes('/sign-in/link/')),
  );
  const link = mail?.links.find((url) => url.includes('/sign-in/link/'));
  if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
  const signedIn = await fetch(`${h.baseUrl}${new URL(link).pathname}`, {
    method: 'POST',
    headers: { origin: h.baseUrl },
    redirect: 'manual',
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  if (signedIn.status !== 303 || !cookie) throw new Error(`signing ${email} in: ${signedIn.status}`);
  return cookie.split(';')[0] as string;
}
