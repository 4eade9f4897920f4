import { SmtpClient } from '../../src/net/smtp-client.js';
import type { MailEndpoint } from '../../src/target/profile.js';

/**
 * Submits raw messages the way RFC 4954 §4 wants a long token sent: STARTTLS, `AUTH XOAUTH2`, then
 * the response after the empty 334 (a PSC token does not fit in a 512-octet AUTH line). Test-only:
 * it throws on any unexpected reply.
 */
export async function submitWithXoauth2(ep: MailEndpoint, user: string, token: string, envelope: { from: string; to: string[] }, messages: Buffer[]): Promise<void> {
  const timeouts = { connectMs: 3000, idleMs: 5000, overallMs: 15000 };
  const { client, banner } = await SmtpClient.connect({ host: ep.host, port: ep.port, timeouts, signal: new AbortController().signal, label: 'test submission' });
  const expect = async (line: string | null, code: number): Promise<void> => {
    const reply = line === null ? await client.read() : await client.command(line);
    if (reply.code !== code) throw new Error(`${line ?? '(data)'}: expected ${code}, got ${reply.code} ${reply.lines.join(' ')}`);
  };
  try {
    if (banner.code !== 220) throw new Error(`banner ${banner.code}`);
    await expect('EHLO msscheck.test', 250);
    const { reply } = await client.starttls({ servername: ep.serverName ?? ep.host });
    if (reply.code !== 220) throw new Error(`STARTTLS ${reply.code}`);
    await expect('EHLO msscheck.test', 250);
    await expect('AUTH XOAUTH2', 334);
    await expect(Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64'), 235);
    for (const raw of messages) {
      await expect(`MAIL FROM:<${envelope.from}>`, 250);
      for (const to of envelope.to) await expect(`RCPT TO:<${to}>`, 250);
      await expect('DATA', 354);
      for (const line of raw.toString('utf8').replace(/\r?\n$/, '').split(/\r?\n/)) client.conn.writeLine(line.startsWith('.') ? `.${line}` : line);
      await expect('.', 250);
    }
  } finally {
    await client.quit();
  }
}
