/** The nodemailer SMTP transport from config: a pool, so a burst of reminders reuses connections. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../../config/config';

export function createSmtpTransport(smtp: SmtpConfig): Transporter {
  const pool = { pool: true, maxConnections: 3, maxMessages: 100 } as const;
  if (smtp.url)
    return nodemailer.createTransport(
      smtp.url.includes('?') ? `${smtp.url}&pool=true` : `${smtp.url}?pool=true`,
    );
  return nodemailer.createTransport({
    ...pool,
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 587),
    secure: smtp.secure ?? false,
    // Real servers negotiate STARTTLS when they offer it; a local capture or Mailpit speaks plain SMTP.
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
}
