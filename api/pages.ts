/**
 * Server-rendered pages for email links: plain HTML with inline CSS, no scripts, no third-party
 * assets, readable on a phone. Every dynamic value is escaped by the `safeHtml` tag.
 */
import type { Locale } from '../domain/catalogue';
import { formatInstant } from '../presentation/dates';
import { type SafeHtml, safeHtml } from '../presentation/html';
import { t } from '../presentation/locale';

export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface PageParts {
  title: string;
  body: SafeHtml;
  tone?: 'neutral' | 'success' | 'warning' | 'error';
  /** Above the title: the workspace's navigation. */
  nav?: SafeHtml;
  /** Tables and forms of the workspace need more room than a decision page. */
  wide?: boolean;
  /** Same-origin scripts (the workspace's CSP allows 'self' only); pages work without them. */
  scripts?: string[];
}

/** A page and the HTTP status to answer with. */
export interface RenderedPage {
  status: number;
  html: string;
}

const TONES = {
  neutral: '#1b5e20',
  success: '#1b5e20',
  warning: '#8a5a00',
  error: '#8b1a1a',
};

/** The whole document, ready to send. */
export function page(
  locale: Locale,
  { title, body, tone = 'neutral', nav, wide = false, scripts = [] }: PageParts,
): string {
  return safeHtml`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow"><title>${title}</title>
<style>
*{box-sizing:border-box}body{margin:0;background:#f4f6f4;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;font-size:16px;line-height:1.5}
main{max-width:640px;margin:0 auto;padding:20px 16px 40px;background:#fff;min-height:100vh}
h1{font-size:22px;margin:8px 0 16px;color:${TONES[tone]}}h2{font-size:17px;margin:24px 0 8px}
.meta{color:#555;font-size:14px;margin:0 0 12px}ul{padding-left:20px}li{margin:4px 0}
label{display:block;font-weight:600;margin:12px 0 4px}textarea,input[type=text],input[type=email],input[type=number]{width:100%;padding:10px;font:inherit;border:1px solid #999;border-radius:6px}
textarea{min-height:96px}.buttons{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}
button{font:inherit;font-weight:600;padding:12px 18px;border-radius:6px;border:2px solid transparent;cursor:pointer;flex:1 1 160px}
.approve{background:#1b5e20;color:#fff}.changes{background:#fff;color:#8a5a00;border-color:#8a5a00}.reject{background:#fff;color:#8b1a1a;border-color:#8b1a1a}
.secondary{background:#eef2ee;color:#1a1a1a;border-color:#c8d2c8}.notice{padding:12px 14px;border-radius:6px;background:#f1f5f1;border-left:4px solid ${TONES[tone]}}
.error{color:#8b1a1a;font-weight:600}details{margin:20px 0}summary{cursor:pointer;font-weight:600}
footer{margin-top:32px;color:#666;font-size:13px}main.wide{max-width:1040px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dde3dd;vertical-align:top}
caption{text-align:left;font-weight:600;padding:4px 0}nav.site{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;margin:0 0 8px}
nav.site a{color:#1b5e20;font-weight:600}nav.site a[aria-current=page]{color:#1a1a1a;text-decoration:none}
a{color:#1b5e20}:focus-visible{outline:3px solid #1565c0;outline-offset:2px}
</style>${scripts.map((src) => safeHtml`<script src="${src}" defer></script>`)}</head>
<body><main${wide ? safeHtml` class="wide"` : ''}>
${nav ?? ''}
<h1>${title}</h1>
${body}
<footer>${t(locale, 'Circulair aankopen', 'Circular procurement')}</footer>
</main></body></html>`.html;
}

export const p = (text: string, className?: string): SafeHtml =>
  safeHtml`<p${className ? safeHtml` class="${className}"` : ''}>${text}</p>`;

export const list = (items: string[]): SafeHtml =>
  items.length === 0 ? safeHtml`` : safeHtml`<ul>${items.map((item) => safeHtml`<li>${item}</li>`)}</ul>`;

export function notFoundPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Link niet gevonden', 'Link not found'),
    tone: 'error',
    body: p(
      t(
        locale,
        'Deze link is niet geldig. Controleer of u de volledige link uit de e-mail gebruikt.',
        'This link is not valid. Check that you used the complete link from the email.',
      ),
    ),
  });
}

/** For an expired link: one button that asks the workflow to mail a fresh one. */
export function renewForm(action: string, locale: Locale): SafeHtml {
  return safeHtml`<form method="post" action="${action}/renew"><div class="buttons">
<button class="approve" type="submit">${t(locale, 'Stuur mij een nieuwe link', 'Send me a new link')}</button></div></form>`;
}

export function expiredLinkPage(locale: Locale, body: SafeHtml): RenderedPage {
  return {
    status: 410,
    html: page(locale, {
      title: t(locale, 'Deze link is verlopen', 'This link has expired'),
      tone: 'warning',
      body,
    }),
  };
}

export function newLinkSentPage(locale: Locale, sentTo: string): string {
  return page(locale, {
    title: t(locale, 'Nieuwe link verstuurd', 'New link sent'),
    tone: 'success',
    body: p(t(locale, `We stuurden een nieuwe link naar ${sentTo}.`, `We sent a new link to ${sentTo}.`)),
  });
}

/** Asked for a fresh link while the one in hand still works: nothing is sent. */
export function linkStillWorksPage(link: {
  locale: Locale;
  timeZone: string;
  action: string;
  claims: { e: number };
}): RenderedPage {
  const { locale, action } = link;
  const validUntil = formatInstant(new Date(link.claims.e).toISOString(), locale, link.timeZone);
  return {
    status: 409,
    html: page(locale, {
      title: t(locale, 'Uw link werkt nog', 'Your link still works'),
      body: safeHtml`${p(
        t(
          locale,
          `Deze link is geldig tot ${validUntil}. Gebruik de link die u hebt; er werd geen nieuwe link verstuurd.`,
          `This link is valid until ${validUntil}. Use the link you have; no new link was sent.`,
        ),
      )}<p><a href="${action}">${t(locale, 'Open de pagina', 'Open the page')}</a></p>`,
    }),
  };
}

/** Temporal did not answer in time (no worker, or the cluster unreachable): nothing was recorded. */
export function unavailablePage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Even geduld', 'Please wait'),
    tone: 'warning',
    body: p(
      t(
        locale,
        'De dienst antwoordt nu niet. Er werd niets geregistreerd. Probeer het over enkele ogenblikken opnieuw met dezelfde link.',
        'The service is not answering right now. Nothing was recorded. Try again shortly with the same link.',
      ),
    ),
  });
}

/** Anything else that went wrong behind a link, said without detail. */
export function problemPage(locale: Locale): string {
  return page(locale, {
    title: t(locale, 'Er ging iets mis', 'Something went wrong'),
    tone: 'error',
    body: p(
      t(
        locale,
        'De pagina kon niet worden getoond. Probeer het later opnieuw met dezelfde link.',
        'The page could not be shown. Try again later with the same link.',
      ),
    ),
  });
}
