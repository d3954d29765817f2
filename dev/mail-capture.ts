/**
 * A local SMTP capture for the embedded default (and the tests): a real SMTP server (smtp-server)
 * that keeps every message, and an outbox page that lists them with their links, so a new user
 * can approve from the outbox without configuring a mail server.
 */
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import path from 'node:path';
import { type AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMessage {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  text: string;
  html?: string;
  links: string[];
  attachments: { filename?: string; contentType: string; content: string }[];
  /** The raw message as received (RFC 5322). */
  raw: string;
}

export interface MailCaptureOptions {
  smtpPort?: number;
  /** Serve the outbox page on this port; omit for none (tests read `messages`). */
  webPort?: number;
  host?: string;
  /** Keep messages across restarts in this JSON-lines file. */
  storeFile?: string;
  /** Only links under this base are listed as actions on the outbox page. */
  linkBase?: string;
  /**
   * Refuses a recipient at RCPT TO when it returns a reply (tests of undeliverable mail): a 5xx
   * code refuses it for good, a 4xx asks the sender to try again later.
   */
  refuseRecipient?: (address: string) => { code: number; message: string } | undefined;
  /**
   * A slow server (tests of SMTP timeouts): answers the end of a message's data only after the
   * returned number of milliseconds (0: at once). A sender that hangs up before that answer has
   * not handed the message over, so it is not kept (an MTA must not deliver what it never
   * acknowledged) but listed in `abandoned`.
   */
  acceptDelayMs?: (message: CapturedMessage) => number;
}

/** A message whose sender hung up while the server was still deciding to accept it. */
export interface AbandonedMessage {
  messageId?: string;
  to: string[];
  /** How long the sender waited for the server's answer before it hung up. */
  waitedMs: number;
}

export interface MailCapture {
  readonly smtpPort: number;
  readonly webPort?: number;
  readonly messages: CapturedMessage[];
  /** Messages whose sender hung up before a slow accept (see acceptDelayMs). */
  readonly abandoned: AbandonedMessage[];
  waitFor(
    predicate: (message: CapturedMessage) => boolean,
    options?: { timeoutMs?: number; count?: number },
  ): Promise<CapturedMessage[]>;
  clear(): void;
  /** Stops accepting mail (messages so far stay readable). */
  stop(): Promise<void>;
}

const LINK = /https?:\/\/[^\s<>"')\]]+/g;

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function outboxPage(messages: CapturedMessage[], linkBase: string | undefined): string {
  const rows = [...messages]
    .reverse()
    .map((m) => {
      const links = m.links.filter((link) => !linkBase || link.startsWith(linkBase));
      const body = escapeHtml(m.text).replace(
        /https?:\/\/[^\s<>&]+/g,
        (url) => `<a href="${url}">${url}</a>`,
      );
      return `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">#${m.id} · ${escapeHtml(m.receivedAt)} · to ${escapeHtml(m.to.join(', '))}${m.attachments.length ? ` · ${m.attachments.length} attachment(s)` : ''}</p>
${links.map((link) => `<p><a class="action" href="${escapeHtml(link)}">Open link</a></p>`).join('')}
<details><summary>Message</summary><pre>${body}</pre></details>
</article>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="10"><title>Outbox — ${messages.length} message(s)</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:860px;margin:0 auto;padding:16px;color:#1a1a1a}
article{border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin:12px 0}h2{font-size:18px;margin:4px 0}
.meta{color:#666;font-size:13px}.action{background:#1b5e20;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none;display:inline-block}
pre{white-space:pre-wrap;font-size:13px;background:#f6f6f6;padding:8px;border-radius:6px}</style></head>
<body><h1>Outbox</h1><p>Mail captured by the local SMTP server (no real mail leaves this machine). Newest first; the page refreshes every 10 seconds.</p>
${rows || '<p>No messages yet. Create a project and submit a step (or run <code>npm run demo</code>).</p>'}
</body></html>`;
}

export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const host = options.host ?? '127.0.0.1';
  const messages: CapturedMessage[] = [];
  const abandoned: AbandonedMessage[] = [];
  const waiters = new Set<() => void>();
  /** Per SMTP session: called when the sender hangs up (a slow accept waits for either). */
  const hangUps = new Map<string, () => void>();

  /** Waits `ms` before accepting; false if the sender hung up first. */
  function acceptAfter(sessionId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        hangUps.delete(sessionId);
        resolve(true);
      }, ms);
      hangUps.set(sessionId, () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }
  let nextId = 1;

  if (options.storeFile) {
    // A store written by an earlier version may be world-readable: tighten it before reading.
    await chmod(options.storeFile, 0o600).catch(() => undefined);
    const stored = await readFile(options.storeFile, 'utf8').catch(() => '');
    for (const line of stored.split('\n')) {
      if (!line.trim()) continue;
      const message = JSON.parse(line) as CapturedMessage;
      messages.push(message);
      nextId = Math.max(nextId, message.id + 1);
    }
  }

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Senders keep pooled connections open; on stop, close them after a moment instead of 30 s.
    closeTimeout: 500,
    onClose(session) {
      const hangUp = hangUps.get(session.id);
      hangUps.delete(session.id);
      hangUp?.();
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address.toLowerCase());
      if (!refusal) return callback();
      return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then(async (parsed) => {
            const text = parsed.text ?? '';
            const html = typeof parsed.html === 'string' ? parsed.html : undefined;
            const references =
              parsed.references === undefined
                ? []
                : Array.isArray(parsed.references)
                  ? parsed.references
                  : [parsed.references];
            const message: CapturedMessage = {
              id: nextId++,
              receivedAt: new Date().toISOString(),
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
              ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
              references,
              text,
              ...(html ? { html } : {}),
              links: [...new Set(text.match(LINK) ?? [])],
              attachments: parsed.attachments.map((a) => ({
                ...(a.filename ? { filename: a.filename } : {}),
                contentType: a.contentType,
                content: a.content.toString('utf8'),
              })),
              raw: raw.toString('utf8'),
            };
            const delayMs = options.acceptDelayMs?.(message) ?? 0;
            if (delayMs > 0) {
              const started = Date.now();
              if (!(await acceptAfter(session.id, delayMs))) {
                abandoned.push({
                  ...(message.messageId ? { messageId: message.messageId } : {}),
                  to: message.to,
                  waitedMs: Date.now() - started,
                });
                for (const wake of waiters) wake();
                callback(new Error('the sender hung up before the message was accepted'));
                return;
              }
            }
            messages.push(message);
            if (options.storeFile) {
              await mkdir(path.dirname(options.storeFile), { recursive: true });
              // The messages hold live approval links: readable by this user only, like the dev secrets.
              await appendFile(options.storeFile, `${JSON.stringify(message)}\n`, { mode: 0o600 });
            }
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: Server | undefined;
  if (options.webPort !== undefined) {
    web = createServer((req, res) => {
      if (req.url === '/api/messages') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(messages.map(({ raw: _raw, ...rest }) => rest)));
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(outboxPage(messages, options.linkBase));
    });
    const server = web;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.webPort, host, () => resolve());
    });
  }

  return {
    smtpPort,
    ...(web ? { webPort: (web.address() as AddressInfo).port } : {}),
    messages,
    abandoned,
    async waitFor(predicate, { timeoutMs = 20_000, count = 1 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.filter(predicate);
        if (found.length >= count) return found;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `expected ${count} matching message(s), got ${found.length}; captured: ${messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ') || 'none'}`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(left, 500));
          waiters.add(wake);
        });
      }
    },
    clear() {
      messages.length = 0;
      abandoned.length = 0;
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) {
        const server = web;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
