/**
 * A mail's content as plain text and as HTML. The HTML works without images and with inline styles
 * only, since mail clients drop stylesheets; every value in it is escaped by the `safeHtml` tag.
 */
import type { Locale } from '../../../domain/catalogue';
import { joinHtml, safeHtml } from '../../../presentation/html';
import { t } from '../../../presentation/locale';
import type { Content } from './content';

const signature = (locale: Locale): string =>
  t(locale, 'Circulair aankopen · automatisch bericht', 'Circular procurement · automated message');

export function renderText(c: Content, locale: Locale): string {
  const lines = [c.greeting, '', ...c.paragraphs.flatMap((p) => [p, ''])];
  if (c.list && c.list.length > 0) lines.push(...c.list.map((item) => `  - ${item}`), '');
  if (c.action)
    lines.push(`${c.action.label}:`, c.action.url, '', ...(c.action.note ? [c.action.note, ''] : []));
  if (c.calendarNote) lines.push(c.calendarNote, '');
  lines.push('—', signature(locale));
  return lines.join('\n');
}

export function renderHtml(c: Content, locale: Locale): string {
  const list =
    c.list && c.list.length > 0
      ? safeHtml`<ul style="padding-left:20px;margin:0 0 16px">${c.list.map((item) => safeHtml`<li style="margin:4px 0">${item}</li>`)}</ul>`
      : '';
  const action = c.action
    ? safeHtml`<p style="margin:24px 0"><a href="${c.action.url}" style="background:#1b5e20;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${c.action.label}</a></p>
<p style="font-size:13px;color:#555;margin:0 0 16px">${c.action.url}</p>${
        c.action.note
          ? safeHtml`<p style="font-size:13px;color:#555;margin:0 0 16px">${c.action.note}</p>`
          : ''
      }`
    : '';
  const paragraphs = joinHtml(
    c.paragraphs.map((p) => safeHtml`<p style="margin:0 0 16px">${p}</p>`),
    '\n',
  );
  return safeHtml`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${c.subject}</title></head>
<body style="margin:0;padding:0;background:#f4f6f4">
<div style="max-width:600px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p style="margin:0 0 16px">${c.greeting}</p>
${paragraphs}
${list}
${action}
${c.calendarNote ? safeHtml`<p style="margin:0 0 16px">${c.calendarNote}</p>` : ''}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:12px;color:#666;margin:0">${signature(locale)}</p>
</div></body></html>`.html;
}
