/** Every text a person reads exists in Dutch and English; the person's locale picks one. */
import type { Locale } from '../domain/catalogue';

/** The text in the reader's language: `t(locale, 'Goedkeuren', 'Approve')`. */
export const t = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);
