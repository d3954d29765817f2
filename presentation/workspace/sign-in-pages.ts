/**
 * The sign-in pages: ask for an address, "check your mail", the page behind a mailed link (a button,
 * since a mail scanner's GET must not sign anyone in), and what a used, expired or unknown link says.
 * Plain server-rendered HTML under the pages' strict CSP, like the decision pages.
 */
import { page, p } from '../../api/pages';
import type { Locale } from '../../domain/catalogue';
import { type SafeHtml, safeHtml } from '../html';
import { t } from '../locale';

/** Links to the same page in the other language, each marked with its own language. */
export function languageSwitch(locale: Locale, path: string): SafeHtml {
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  const name = other === 'nl' ? 'Nederlands' : 'English';
  return safeHtml`<nav aria-label="${t(locale, 'Taal', 'Language')}"><p class="meta"><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${name}</a></p></nav>`;
}

export function signInPage(
  locale: Locale,
  options: { oidc: boolean; email?: string; problems?: string[] },
): string {
  const problems = options.problems ?? [];
  const errorId = 'email-problem';
  return page(locale, {
    title: t(locale, 'Aanmelden', 'Sign in'),
    tone: problems.length > 0 ? 'error' : 'neutral',
    body: safeHtml`${languageSwitch(locale, '/sign-in')}
${p(t(locale, 'We mailen u een link waarmee u zich één keer aanmeldt.', 'We mail you a link that signs you in once.'))}
<form method="post" action="/sign-in?lang=${locale}" novalidate>
<label for="email">${t(locale, 'E-mailadres', 'Email address')}</label>
${problems.length > 0 ? safeHtml`<p class="error" id="${errorId}">${problems.join(' ')}</p>` : safeHtml``}
<input type="email" id="email" name="email" autocomplete="email" required value="${options.email ?? ''}"${
      problems.length > 0 ? safeHtml` aria-invalid="true" aria-describedby="${errorId}"` : safeHtml``
    }>
<div class="buttons"><button class="approve" type="submit">${t(locale, 'Stuur mij een aanmeldlink', 'Send me a sign-in link')}</button></div>
</form>
${
  options.oidc
    ? safeHtml`<p><a href="/sign-in/oidc">${t(locale, 'Aanmelden met het account van uw organisatie', "Sign in with your organisation's account")}</a></p>`
    : safeHtml``
}`,
  });
}

/** The same answer whether or not the address may sign in: it tells nobody who has an account. */
export function checkYourMailPage(locale: Locale, email: string, ttlMinutes: number): string {
  return page(locale, {
    title: t(locale, 'Kijk in uw mailbox', 'Check your mailbox'),
    tone: 'success',
    body: p(
      t(
        locale,
        `Als ${email} zich mag aanmelden, ontvangt u zo een e-mail met een link. De link werkt één keer, ${ttlMinutes} minuten lang.`,
        `If ${email} may sign in, you will receive an email with a link shortly. The link works once, for ${ttlMinutes} minutes.`,
      ),
    ),
  });
}

/** Behind the mailed link: nothing happens until the person presses the button. */
export function confirmSignInPage(locale: Locale, action: string, email: string): string {
  return page(locale, {
    title: t(locale, 'Aanmelden', 'Sign in'),
    body: safeHtml`${p(t(locale, `Aanmelden als ${email}.`, `Sign in as ${email}.`))}
<form method="post" action="${action}"><div class="buttons"><button class="approve" type="submit">${t(locale, 'Aanmelden', 'Sign in')}</button></div></form>`,
  });
}

export type LinkProblem = 'expired' | 'used' | 'invalid';

/** A link that cannot sign in; each says how to get a new one and nothing else. */
export function signInLinkProblemPage(
  locale: Locale,
  problem: LinkProblem,
): { status: number; html: string } {
  const text = {
    expired: t(locale, 'Deze aanmeldlink is verlopen.', 'This sign-in link has expired.'),
    used: t(locale, 'Deze aanmeldlink werd al gebruikt.', 'This sign-in link has been used already.'),
    invalid: t(locale, 'Deze aanmeldlink is niet geldig.', 'This sign-in link is not valid.'),
  }[problem];
  return {
    status: problem === 'invalid' ? 404 : 410,
    html: page(locale, {
      title: t(locale, 'Aanmelden lukt niet met deze link', 'This link does not sign you in'),
      tone: 'warning',
      body: safeHtml`${p(text)}<p><a href="/sign-in">${t(locale, 'Vraag een nieuwe aanmeldlink', 'Ask for a new sign-in link')}</a></p>`,
    }),
  };
}

export function signedOutPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'U bent afgemeld', 'You are signed out'),
    tone: 'success',
    body: safeHtml`<p><a href="/sign-in">${t(locale, 'Opnieuw aanmelden', 'Sign in again')}</a></p>`,
  });
}

export function tooManySignInsPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Even geduld', 'Please wait'),
    tone: 'warning',
    body: p(
      t(
        locale,
        'Te veel aanmeldlinks gevraagd. Probeer het later opnieuw.',
        'Too many sign-in links asked for. Try again later.',
      ),
    ),
  });
}

/** A sign-in that failed at the identity provider or came back altered. */
export function signInFailedPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Aanmelden mislukt', 'Sign-in failed'),
    tone: 'error',
    body: safeHtml`${p(
      t(
        locale,
        'Uw organisatie bevestigde de aanmelding niet, of u staat niet in de lijst van wie zich mag aanmelden.',
        'Your organisation did not confirm the sign-in, or you are not on the list of people who may sign in.',
      ),
    )}<p><a href="/sign-in">${t(locale, 'Opnieuw proberen', 'Try again')}</a></p>`,
  });
}
