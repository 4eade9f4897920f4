/**
 * Who wrote a message: the client software under test, or a server or robot (a DSN or MDN as
 * `multipart/report`, an `Auto-Submitted` auto-reply, a bounce with a null return path, an operator
 * notice). The client rules (REF2 §3.8 and neighbours) apply only to what the client wrote; the
 * others are `not-applicable`, with the reason. The signs are data (`notClientWritten` in the
 * rules file); this module only reads them.
 */
import { header, type MessageView } from './view.js';
import type { MessageRules } from './rules-data.js';

/** Who wrote a message: the client (`client`), or a report (`dsn`, `mdn`), an automatic reply, a notice. */
export type AuthorKind = 'client' | 'dsn' | 'mdn' | 'auto' | 'notice';

export interface Authorship {
  kind: AuthorKind;
  clientWritten: boolean;
  /** Why the message is, or is not, judged as written by the client. */
  reason: string;
}

/** The address inside `Name <addr>` or a bare address, lower-cased. */
function bareAddress(value: string): string {
  const m = /<([^>]*)>/.exec(value);
  return (m ? m[1] : value).trim().toLowerCase();
}

export function authorshipOf(v: MessageView, rules: MessageRules): Authorship {
  const signs = rules.notClientWritten;
  if (!signs) return { kind: 'client', clientWritten: true, reason: 'no sign of another author is configured' };
  const top = v.scanned.parts[0]?.contentType;
  if (top && top.mediaType === 'multipart/report') {
    const type = (top.params['report-type'] ?? '').toLowerCase();
    if (signs.reportTypes.includes(type)) return { kind: type === 'disposition-notification' ? 'mdn' : 'dsn', clientWritten: false, reason: `multipart/report; report-type=${type}: ${signs.reportTypeMeaning[type] ?? 'a report'} written by a server or a mail agent, not by the client (RFC 6522)` };
  }
  const auto = header(v, signs.autoSubmittedHeader).map((x) => x.trim().toLowerCase());
  if (auto.some((x) => x !== '' && !x.startsWith('no'))) return { kind: 'auto', clientWritten: false, reason: `${signs.autoSubmittedHeader}: ${auto.join(', ')}: an automatic message (RFC 3834 §5), not written by the client` };
  if (signs.nullReturnPath && header(v, 'return-path').some((x) => x.replace(/\s/g, '') === '<>')) {
    return { kind: 'auto', clientWritten: false, reason: 'Return-Path: <> (null reverse-path): a bounce or notification (RFC 5321 §4.5.5), not written by the client' };
  }
  const from = header(v, 'from').map(bareAddress);
  for (const p of signs.senderPatterns) {
    const re = new RegExp(p, 'i');
    const hit = from.find((f) => re.test(f));
    if (hit) return { kind: 'notice', clientWritten: false, reason: `From ${hit} matches the operator/robot sender pattern ${p}: a notice, not written by the client` };
  }
  return { kind: 'client', clientWritten: true, reason: 'no report type, no Auto-Submitted, a non-null return path and a personal sender: judged as written by the client' };
}
