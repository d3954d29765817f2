/** Dates as people read them: in their language, and instants in their own time zone. */
import type { Locale } from '../domain/catalogue';

const intlLocale = (locale: Locale): string => (locale === 'nl' ? 'nl-BE' : 'en-GB');

/**
 * Formatters by locale and time zone. Building an Intl.DateTimeFormat takes far longer than using
 * one (it loads locale data), and every page and mail formats a few dates: a confirmation page
 * built two per request. Bounded, as time zones come from people's settings.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, dateOnly: boolean): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${dateOnly ? 'day' : 'instant'}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'full',
      ...(dateOnly ? {} : { timeStyle: 'short' }),
      timeZone,
    });
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, cached);
  }
  return cached;
}

/** An instant with its time, in the reader's time zone, which is named so nobody has to guess it. */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  return `${formatter(locale, timeZone, false).format(new Date(iso))} (${timeZone})`;
}

/** A calendar day (YYYY-MM-DD): the same day everywhere, so it is formatted in UTC, not in a time zone. */
export function formatDay(date: string, locale: Locale): string {
  return formatter(locale, 'UTC', true).format(new Date(`${date}T00:00:00.000Z`));
}
