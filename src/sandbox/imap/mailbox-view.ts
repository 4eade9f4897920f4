/**
 * What the sandbox IMAP server shows a user in INBOX: a seed message, then every message the SMTP
 * sandbox stored for that address (live view of `services.messageStore`, append-only, so UIDs are
 * stable: the seed is UID 1, stored message i is UID i + 2).
 */
import type { StoredMessage } from '../types.js';

export interface ImapMessage {
  uid: number;
  raw: Buffer;
  internalDate: Date;
  flags: string[];
}

export const UID_VALIDITY = 1;

/** RFC 5322 date-time of `date` in UTC (`Tue, 03 Feb 2026 08:05:01 +0000`). */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

export function seedMessage(address: string, date: Date): Buffer {
  const lines = [
    `From: MSSCHECK Sandbox <postmaster@sandbox.mssante.test>`,
    `To: <${address}>`,
    `Subject: Bienvenue dans la messagerie sandbox`,
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: <seed-${address.replace(/[^A-Za-z0-9]/g, '.')}@sandbox.mssante.test>`,
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    `Content-Transfer-Encoding: 8bit`,
    ``,
    `Message de démarrage de la boîte ${address} (sandbox msscheck).`,
    ``,
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The messages of `address`'s INBOX, oldest first. */
export function inboxOf(address: string, store: readonly StoredMessage[] | undefined, seedDate: Date, seed: (address: string, date: Date) => Buffer | Buffer[] = seedMessage): ImapMessage[] {
  const want = address.toLowerCase();
  const seeds = [seed(address, seedDate)].flat();
  const out: ImapMessage[] = seeds.map((raw, i) => ({ uid: i + 1, raw, internalDate: seedDate, flags: [] }));
  (store ?? []).forEach((m, i) => {
    if (m.to.some((t) => t.toLowerCase() === want)) out.push({ uid: i + 1 + seeds.length, raw: m.raw, internalDate: new Date(m.receivedAt), flags: [] });
  });
  return out;
}

/** Splits a raw message at the first empty line: header block (with its CRLFCRLF) and body. */
export function splitMessage(raw: Buffer): { header: Buffer; body: Buffer } {
  let idx = raw.indexOf('\r\n\r\n');
  let sep = 4;
  if (idx < 0) {
    idx = raw.indexOf('\n\n');
    sep = 2;
  }
  if (idx < 0) return { header: raw, body: Buffer.alloc(0) };
  return { header: raw.subarray(0, idx + sep), body: raw.subarray(idx + sep) };
}

/** Header fields as [name, unfolded value], in order. */
export function headerFields(header: Buffer): [string, string][] {
  const text = header.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) out.push([line.slice(0, c).trim(), line.slice(c + 1).trim()]);
  }
  return out;
}

/** The header lines whose names are (or, with `not`, are not) in `names`, plus the closing CRLF. */
export function headerSubset(header: Buffer, names: string[], not: boolean): Buffer {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const text = header.toString('utf8');
  const blocks = text.split(/\r?\n(?![ \t])/).filter((b) => b.length > 0);
  const kept = blocks.filter((b) => {
    const name = b.slice(0, Math.max(0, b.indexOf(':'))).trim().toLowerCase();
    return name && wanted.has(name) !== not;
  });
  return Buffer.from(kept.map((b) => `${b}\r\n`).join('') + '\r\n', 'utf8');
}
