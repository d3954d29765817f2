/** Cross-site request forgery: what a browser tells about where a form POST comes from. */
import type { Request } from 'express';

/**
 * A POST that a browser says comes from another site: `Sec-Fetch-Site` other than same-origin (or
 * `none`, typed by the user); without that header, an `Origin` other than the public base URL's
 * (`null` included: sandboxed frames, data: URLs, some redirects).
 *
 * A POST with neither header is let through. Every browser of the last years sends `Origin` on a
 * form POST, so such a request comes from a program (curl, a script) or a very old browser, and
 * cross-site request forgery does not apply to it: the pages keep no session or cookie to ride on,
 * the token in the URL is the only authority, and whoever can send it holds the capability anyway.
 * (A program holding a token can decide without any page; refusing header-less posts would only
 * break such clients.) What the check does stop is a page elsewhere making a reader's browser post
 * a token it learned (a forwarded or leaked link) as if the reader had clicked; the real form always
 * posts same-origin, so it costs nothing.
 */
export function isCrossSitePost(req: Request, ownOrigin: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  return origin !== undefined && origin !== ownOrigin;
}
