/**
 * The nodemailer SMTP transport from config. Every send is bounded by the SMTP timeouts, so it ends
 * before the mail activity's attempt times out (config/config.ts, MAIL_ATTEMPT_TIMEOUT_MS): a send
 * still going when Temporal retries the activity would deliver the same message twice.
 *
 * No connection pool: a pooled transport queues a send while its connections are busy, and time
 * spent in that queue is bounded by no timeout, so a queued send could start after its activity
 * attempt has timed out and race the retry. Mail here is a few messages a day per project; a
 * connection per message costs a handshake and keeps every send's lifetime bounded.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig, SmtpTimeouts } from '../../config/config';

/** The defaults of config/config.ts (SMTP_*_TIMEOUT_MS), for callers without a parsed config. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
};

export function createSmtpTransport(
  smtp: SmtpConfig,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
): Transporter {
  if (smtp.url) {
    // nodemailer lets a URL's query override options: the bounds come from SMTP_*_TIMEOUT_MS only.
    const url = new URL(smtp.url);
    for (const key of ['pool', ...Object.keys(timeouts)]) url.searchParams.delete(key);
    return nodemailer.createTransport({ url: url.toString(), ...timeouts });
  }
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 587),
    secure: smtp.secure ?? false,
    // Real servers negotiate STARTTLS when they offer it; a local capture or Mailpit speaks plain SMTP.
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    ...timeouts,
  });
}
