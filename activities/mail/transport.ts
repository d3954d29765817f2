/**
 * The nodemailer SMTP transport from config. Every send is bounded by the SMTP timeouts, so it ends
 * before the mail activity's attempt times out (config/config.ts, MAIL_ATTEMPT_TIMEOUT_MS): a send
 * still going when Temporal retries the activity would deliver the same message twice.
 *
 * A pool, so a burst of reminders reuses connections (a new one costs a handshake, and servers often
 * delay their greeting). A pooled transport queues a send while all its connections are busy, and
 * no timeout bounds that queue: a send could start after its activity attempt had timed out. So the
 * pool has a connection for every activity the worker runs at once (MAX_SMTP_CONNECTIONS, which
 * worker/main.ts uses as its activity slots), and a send never waits in the queue.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig, SmtpTimeouts } from '../../config/config';

/** The defaults of config/config.ts (SMTP_*_TIMEOUT_MS), for callers without a parsed config. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
};

/** The longest one send can take: reaching the server, its greeting, then its longest silence. */
export function sendWorstCaseMs(timeouts: SmtpTimeouts): number {
  return timeouts.connectionTimeout + timeouts.greetingTimeout + timeouts.socketTimeout;
}

/** Connections of the pool, and the worker's activity slots: at most this many sends at once. */
export const MAX_SMTP_CONNECTIONS = 20;

const POOLED = { pool: true, maxConnections: MAX_SMTP_CONNECTIONS, maxMessages: 100 } as const;

/**
 * `pool: false` for a sender of rare single mails (the API's sign-in links): a connection per
 * message, closed after it, so nothing stays open between them.
 */
export function createSmtpTransport(
  smtp: SmtpConfig,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
  { pool = true }: { pool?: boolean } = {},
): Transporter {
  const POOL = pool ? POOLED : ({ pool: false } as const);
  if (smtp.url) {
    // nodemailer lets a URL's query override options: the bounds come from SMTP_*_TIMEOUT_MS only.
    const url = new URL(smtp.url);
    for (const key of [...Object.keys(POOLED), ...Object.keys(timeouts)]) url.searchParams.delete(key);
    return nodemailer.createTransport({ url: url.toString(), ...POOL, ...timeouts });
  }
  return nodemailer.createTransport({
    ...POOL,
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 587),
    secure: smtp.secure ?? false,
    // Real servers negotiate STARTTLS when they offer it; a local capture or Mailpit speaks plain SMTP.
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    ...timeouts,
  });
}

/** The configured SMTP server, or the local capture that `npm start` runs when none is configured. */
export function smtpSettings(config: { smtp?: SmtpConfig; mail: { captureSmtpPort: number } }): SmtpConfig {
  return config.smtp ?? { host: '127.0.0.1', port: config.mail.captureSmtpPort, secure: false };
}
