/** What every digest module writes with: both languages at once, the reader's text, short quotes. */
import type { Locale } from './catalogue';

export type Digest = Record<Locale, string[]>;

export function both(build: (locale: Locale) => string[]): Digest {
  return { nl: build('nl'), en: build('en') };
}

export const t = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);

export function clip(text: string, max = 160): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}
