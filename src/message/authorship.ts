/**
 * Who wrote a message: the client software under test, or a server or robot (a DSN or MDN as
 * `multipart/report`, an `Auto-Submitted` auto-reply, a bounce with a null return path, an operator
 * notice). The client rules (REF2 §3.8 and neighbours) apply only to what the client wrote; the
 * others are `not-applicable`, with the reason. The signs are data (`notClientWritten` in the
 * rules file); this module only reads them.
 */
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import { header, type MessageView } from './view.js';
import type { MessageRules } from './rules-data.js';

/** Who wrote a message: the client (`client`), or a report (`dsn`, `mdn`), an automatic reply, a notice. */
export type AuthorKind = 'client' | 'dsn' | 'mdn' | 'auto' | 'notice';

export interface Authorship {
  kind: AuthorKind;
  clientWritten: boolean;
  /** Why the message is, or is not, judged as written by the client. */
  reason: string;
  /** `reason` as a message of the catalogue. */
  reasonPhrase: Phrase;
}

function judged(kind: AuthorKind, clientWritten: boolean, reasonPhrase: Phrase): Authorship {
  return { kind, clientWritten, reason: renderPhrase(reasonPhrase), reasonPhrase };
}

/** The address inside `Name <addr>` or a bare address, lower-cased. */
function bareAddress(value: string): string {
  const m = /<([^>]*)>/.exec(value);
  return (m ? m[1] : value).trim().toLowerCase();
}

export function authorshipOf(v: MessageView, rules: MessageRules): Authorship {
  const signs = rules.notClientWritten;
  if (!signs) return judged('client', true, phrase('author-no-signs'));
  const top = v.scanned.parts[0]?.contentType;
  if (top && top.mediaType === 'multipart/report') {
    const type = (top.params['report-type'] ?? '').toLowerCase();
    if (signs.reportTypes.includes(type)) return judged(type === 'disposition-notification' ? 'mdn' : 'dsn', false, phrase('author-report', { type, meaning: signs.reportTypeMeaning[type] ?? phrase('author-a-report') }));
  }
  const auto = header(v, signs.autoSubmittedHeader).map((x) => x.trim().toLowerCase());
  if (auto.some((x) => x !== '' && !x.startsWith('no'))) return judged('auto', false, phrase('author-auto', { header: signs.autoSubmittedHeader, values: auto.join(', ') }));
  if (signs.nullReturnPath && header(v, 'return-path').some((x) => x.replace(/\s/g, '') === '<>')) {
    return judged('auto', false, phrase('author-null-return-path'));
  }
  const from = header(v, 'from').map(bareAddress);
  for (const { pattern, re } of rules.re.notClientSenders) {
    const hit = from.find((f) => re.test(f));
    if (hit) return judged('notice', false, phrase('author-robot-sender', { from: hit, pattern }));
  }
  return judged('client', true, phrase('author-client'));
}
