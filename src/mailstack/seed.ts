/**
 * Puts a message in a test mailbox the way mail arrives: SMTP to the stack's Postfix (its loopback
 * relay port), delivered by Postfix into the Maildir that Dovecot serves. MSG-MAILBOX-CONFORMANT then
 * reads it back over IMAP with a PSC token.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export async function deliverMessage(o: { host: string; port: number; from: string; to: string; emlPath: string; maildir: string; timeoutMs?: number }): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ envelope: { from: o.from, to: [o.to] }, raw: readFileSync(o.emlPath) });
  } finally {
    transport.close();
  }
  const newDir = join(o.maildir, 'new');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(newDir) && readdirSync(newDir).length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`MAILSTACK_DELIVERY: Postfix did not deliver to ${o.to} within ${timeoutMs} ms`);
}
