/** The language of a page for someone not (yet) known: `?lang=` to switch, then Accept-Language, then the configured one. */
import type { Request } from 'express';
import type { Locale } from '../domain/catalogue';

/** The language asked for with `?lang=nl` or `?lang=en`, if any. */
export function askedLocale(req: Request): Locale | undefined {
  const asked = req.query.lang;
  return asked === 'nl' || asked === 'en' ? asked : undefined;
}

export function requestLocale(req: Request, fallback: Locale): Locale {
  const accepted = req.get('accept-language') ? req.acceptsLanguages('nl', 'en') : false;
  return askedLocale(req) ?? (accepted === 'nl' || accepted === 'en' ? accepted : fallback);
}
