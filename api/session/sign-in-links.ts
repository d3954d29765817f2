/**
 * Mailed one-time sign-in links. A link is a token of the approval links' kind (activities/links.ts:
 * the same LINK_SIGNING_KEYS, the newest signs, every configured key verifies, so the same rotation
 * holds) that binds one address, a random id and an expiry of SIGN_IN_LINK_TTL_MINUTES. Its id is
 * remembered once used, until it expires, so a link signs in once.
 *
 * The mail is sent from the API (not through a workflow: it belongs to no project) over a connection
 * of its own per message.
 */
import { randomBytes } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { type LinkSigner, type SignInClaims } from '../../activities/links';
import type { DirectoryPerson } from '../../config/workspace-config';
import type { Locale } from '../../domain/catalogue';
import { formatInstant } from '../../presentation/dates';
import { safeHtml } from '../../presentation/html';
import { t } from '../../presentation/locale';

export const SIGN_IN_PATH = '/sign-in/link';

export type CheckedLink =
  | { status: 'valid'; claims: SignInClaims }
  | { status: 'expired' }
  /** Forged, tampered, of another kind, or for an address no longer in the directory. */
  | { status: 'invalid' };

export interface SignInLinks {
  url(person: DirectoryPerson, nowMs: number): { url: string; expiresAt: number };
  check(token: string, nowMs: number, known: (email: string) => boolean): CheckedLink;
  send(person: DirectoryPerson, nowMs: number, defaults: { locale: Locale; timeZone: string }): Promise<void>;
}

export function createSignInLinks({
  signer,
  publicBaseUrl,
  ttlMs,
  transport,
  from,
}: {
  signer: LinkSigner | undefined;
  publicBaseUrl: string;
  ttlMs: number;
  transport: () => Transporter;
  from: string;
}): SignInLinks {
  function url(person: DirectoryPerson, nowMs: number) {
    if (!signer) throw new Error('LINK_SIGNING_KEYS is not set: sign-in links cannot be signed');
    const expiresAt = nowMs + ttlMs;
    const token = signer.sign({
      k: 'sign-in',
      a: person.email,
      i: randomBytes(16).toString('base64url'),
      e: expiresAt,
    });
    return { url: `${publicBaseUrl}${SIGN_IN_PATH}/${token}`, expiresAt };
  }

  return {
    url,
    check(token, nowMs, known) {
      const verified = signer?.verify(token, nowMs);
      if (!verified?.ok || verified.claims.k !== 'sign-in' || !known(verified.claims.a))
        return { status: 'invalid' };
      if (verified.expired) return { status: 'expired' };
      return { status: 'valid', claims: verified.claims };
    },
    async send(person, nowMs, defaults) {
      const locale = person.locale ?? defaults.locale;
      const link = url(person, nowMs);
      const until = formatInstant(
        new Date(link.expiresAt).toISOString(),
        locale,
        person.timeZone ?? defaults.timeZone,
      );
      const intro = t(
        locale,
        `Open deze link om u aan te melden bij Circulair aankopen. Hij werkt één keer, tot ${until}.`,
        `Open this link to sign in to Circular procurement. It works once, until ${until}.`,
      );
      const ignore = t(
        locale,
        'Hebt u dit niet gevraagd? Dan kunt u deze e-mail negeren.',
        'Did not ask for this? Then you can ignore this email.',
      );
      await transport().sendMail({
        from,
        to: { name: person.name, address: person.email },
        subject: t(locale, 'Uw aanmeldlink', 'Your sign-in link'),
        text: `${intro}\n\n${link.url}\n\n${ignore}\n`,
        html: safeHtml`<p>${intro}</p><p><a href="${link.url}">${t(locale, 'Aanmelden', 'Sign in')}</a></p><p>${ignore}</p>`
          .html,
      });
    },
  };
}
