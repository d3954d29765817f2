/**
 * HTML for pages and mails, escaped by default: the `safeHtml` tag escapes every interpolated value
 * unless it is already `SafeHtml` (built by this tag) or an array of it. Dynamic text (names,
 * comments, titles) can only reach a page unescaped through `raw`, which is for trusted constants.
 *
 * The tag is not called `html` because Prettier reformats templates tagged `html` as HTML, which
 * would change the markup that pages and mails send.
 */

/** Not exported: only this module's `safeHtml`, `joinHtml` and `raw` make markup. */
class Markup {
  /** Makes the type nominal, so a plain `{ html: '…' }` object does not pass for markup. */
  declare private readonly brand: never;
  constructor(readonly html: string) {}
}

/** Markup that may be sent as it is: built by `safeHtml` (values escaped) or vouched for with `raw`. */
export type SafeHtml = Markup;

/** What a template may interpolate: text and numbers are escaped, SafeHtml is kept as it is. */
export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function toHtml(value: HtmlValue): string {
  if (value instanceof Markup) return value.html;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(toHtml).join('');
  // Only reachable past the type checker: an object that merely looks like markup is not trusted.
  throw new TypeError('safeHtml`…` takes text, numbers, safeHtml`…` fragments and arrays of them');
}

/** safeHtml`<p>${text}</p>` escapes `text`; nested safeHtml`…` and arrays of it stay as they are. */
export function safeHtml(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += toHtml(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Joins fragments with a separator (e.g. a newline between paragraphs); arrays in a template join with nothing. */
export function joinHtml(parts: readonly SafeHtml[], separator: string): SafeHtml {
  return new Markup(parts.map((part) => part.html).join(escapeHtml(separator)));
}

/** Trusted markup that must not be escaped (a constant, never anything a person typed). */
export const raw = (trustedHtml: string): SafeHtml => new Markup(trustedHtml);
