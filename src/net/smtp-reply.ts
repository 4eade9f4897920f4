import { ProbeError } from '../probes/types.js';
import { currentLimits, limitExceeded } from '../limits/limits.js';
import { phrase } from '../i18n/phrase.js';

/** One SMTP reply (RFC 5321 §4.2): a code and the text of each of its lines. */
export interface SmtpReply {
  code: number;
  lines: string[];
}

/** Something that yields lines: a LineConnection, or a test double. */
export interface LineSource {
  readLine(): Promise<string>;
}

const LINE = /^(\d{3})([ -])(.*)$/;
const BARE = /^(\d{3})$/;

/**
 * Reads one (possibly multi-line `250-...`) reply. A malformed line is EPROTOCOL; a reply longer
 * than the `replyLines` limit is ELIMIT (an endless `250-` reply must not exhaust memory).
 */
export async function readSmtpReply(source: LineSource, what = 'SMTP'): Promise<SmtpReply> {
  const lines: string[] = [];
  let code: number | undefined;
  const maxLines = currentLimits().replyLines;
  for (;;) {
    if (lines.length >= maxLines) throw limitExceeded('replyLines', phrase('limit-what-reply-lines', { what }), `${lines.length} lines of code ${code}, the first ${JSON.stringify(lines[0]?.slice(0, 60))}`);
    const line = await source.readLine();
    const bare = BARE.exec(line);
    const m = bare ? [line, bare[1], ' ', ''] : LINE.exec(line);
    if (!m) throw new ProbeError('EPROTOCOL', phrase('pe-smtp-not-reply', { what, line: JSON.stringify(line.slice(0, 80)) }));
    const lineCode = Number(m[1]);
    if (code === undefined) code = lineCode;
    else if (lineCode !== code) throw new ProbeError('EPROTOCOL', phrase('pe-smtp-code-changed', { what, first: `${code}`, then: `${lineCode}` }));
    lines.push(m[3] ?? '');
    if (m[2] === ' ') return { code, lines };
  }
}

/** `2`, `3`, `4` or `5`: the reply's class. */
export function replyClass(reply: SmtpReply): number {
  return Math.floor(reply.code / 100);
}

/** EHLO keywords, upper case, from a 250 reply (its first line is the greeting). */
export function ehloKeywords(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.trim().split(/\s+/)[0]!.toUpperCase()).filter(Boolean);
}

/** EHLO extensions as written (keyword and parameters), upper-cased keyword. */
export function ehloExtensions(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => {
    const [kw, ...params] = l.trim().split(/\s+/);
    return [kw!.toUpperCase(), ...params].join(' ');
  }).filter(Boolean);
}

/** SASL mechanisms advertised by the `AUTH` extension (and the old `AUTH=` form). */
export function authMechanisms(reply: SmtpReply): string[] {
  const out = new Set<string>();
  for (const l of reply.lines.slice(1)) {
    const [kw, ...params] = l.trim().split(/[\s=]+/);
    if (kw?.toUpperCase() === 'AUTH') params.forEach((p) => p && out.add(p.toUpperCase()));
  }
  return [...out];
}
