/**
 * What a server's reply means (protocol/reply-meanings.yaml, schemas/reply-meanings.schema.json):
 * each exchange's rules, first match wins, each with its RFC reference. Probes never keep a list of
 * "refused codes": the accepted answers are named, and everything else is refused or inconclusive
 * by its RFC meaning.
 */
import { fileURLToPath } from 'node:url';
import { parseDuration } from '../../engine/durations.js';
import { YamlFile } from '../../util/yaml-file.js';
import { phrase, renderPhrase, type Phrase } from '../../i18n/phrase.js';

export type ReplyOutcome = 'accepted' | 'refused' | 'deferred' | 'inconclusive';
export type SmtpExchange = 'smtp-auth' | 'smtp-auth-before-tls' | 'smtp-mail-before-tls' | 'smtp-starttls' | 'smtp-peer';

interface SmtpRule {
  code: string;
  enhanced?: string;
  closed?: boolean;
  outcome: ReplyOutcome;
  ref: string;
  meaning: string;
}

interface ImapRule {
  status: 'OK' | 'NO' | 'BAD';
  responseCode?: string;
  outcome: ReplyOutcome;
  ref: string;
  meaning: string;
}

interface ReplyMeaningsFile {
  retry: { pause: string; times: number };
  unmatched: { outcome: 'inconclusive'; ref: string; meaning: string };
  exchanges: Record<SmtpExchange, SmtpRule[]> & { 'imap-auth': ImapRule[] };
}

/** A classified reply: the outcome, why (meaning and source), and the server's own words. */
export interface ReplyVerdict {
  outcome: ReplyOutcome;
  /** The server's words (reply code and text, or a description of how the session ended). */
  reply: string;
  meaning: string;
  /** The meaning as a phrase, when the code (not the data file) says it: readable reports say it in the reader's language. */
  meaningPhrase?: Phrase;
  ref: string;
}

export interface ReplyMeanings {
  retryPauseMs: number;
  retryTimes: number;
  smtp(exchange: SmtpExchange, reply: { code: number; lines: string[] }, closed: boolean): ReplyVerdict;
  imap(reply: { status: 'OK' | 'NO' | 'BAD'; text: string }): ReplyVerdict;
}

export const REPLY_MEANINGS_FILE = fileURLToPath(new URL('../../../protocol/reply-meanings.yaml', import.meta.url));

/** The RFC 3463 enhanced status code at the start of an SMTP reply's text, if any. */
export function enhancedCode(lines: readonly string[]): string | undefined {
  return /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(lines[0] ?? '')?.[1];
}

function codeMatches(rule: string, code: number): boolean {
  return /xx$/.test(rule) ? String(code)[0] === rule[0] : Number(rule) === code;
}

/** Loads and checks the reply meanings (bad data is an InputError naming file, line and field). */
export function loadReplyMeanings(path: string = REPLY_MEANINGS_FILE): ReplyMeanings {
  const data = YamlFile.read<ReplyMeaningsFile>(path, 'reply meanings').validate('reply-meanings');
  const unmatched = (reply: string): ReplyVerdict => ({ outcome: 'inconclusive', reply, meaning: data.unmatched.meaning, ref: data.unmatched.ref });
  return {
    retryPauseMs: parseDuration(data.retry.pause, 'retry.pause'),
    retryTimes: data.retry.times,
    smtp(exchange, reply, closed) {
      const words = `${reply.code} ${reply.lines.join(' ')}`.trim() + (closed ? ' (then the server closed the connection)' : '');
      const enhanced = enhancedCode(reply.lines);
      const rule = data.exchanges[exchange].find(
        (r) => codeMatches(r.code, reply.code) && (r.enhanced === undefined || (enhanced ?? '').startsWith(r.enhanced)) && (r.closed === undefined || r.closed === closed),
      );
      return rule ? { outcome: rule.outcome, reply: words, meaning: rule.meaning, ref: rule.ref } : unmatched(words);
    },
    imap(reply) {
      const code = /^(?:OK|NO|BAD)\s+\[([A-Z0-9-]+)/i.exec(reply.text)?.[1]?.toUpperCase();
      const rule = data.exchanges['imap-auth'].find((r) => r.status === reply.status && (r.responseCode === undefined || r.responseCode === code));
      return rule ? { outcome: rule.outcome, reply: reply.text, meaning: rule.meaning, ref: rule.ref } : unmatched(reply.text);
    },
  };
}

let loaded: ReplyMeanings | undefined;

/** The built-in reply meanings, loaded once. */
export function replyMeanings(): ReplyMeanings {
  return (loaded ??= loadReplyMeanings());
}

/** A session that ended in the middle of the exchange being judged: inconclusive, never a refusal. */
export function droppedMidExchange(what: string | Phrase, detail: string): ReplyVerdict {
  const meaningPhrase = phrase('reply-dropped-mid-exchange', { what });
  return { outcome: 'inconclusive', reply: detail, meaning: renderPhrase(meaningPhrase), meaningPhrase, ref: 'RFC 5321 §3.8, RFC 3501 §7.1.5' };
}
