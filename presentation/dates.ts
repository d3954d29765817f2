/** Dates as people read them: in their language, and instants in their own time zone. */
import type { Locale } from '../domain/catalogue';

const intlLocale = (locale: Locale): string => (locale === 'nl' ? 'nl-BE' : 'en-GB');

/** An instant with its time, in the reader's time zone, which is named so nobody has to guess it. */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
  return `${formatted} (${timeZone})`;
}

/** A calendar day (YYYY-MM-DD): the same day everywhere, so it is formatted in UTC, not in a time zone. */
export function formatDay(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00.000Z`));
}
