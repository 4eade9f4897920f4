import { SEVERITIES, type Severity } from '../model/result.js';
import { phrase } from '../i18n/phrase.js';
import { parseDuration } from '../engine/durations.js';
import { InputError, saying } from '../util/input-error.js';
import { isResolverAddress } from '../net/dns.js';

/** `--as-of`: now, the start of a day in Europe/Paris, or a date-time (src/util/as-of.ts). */
export { parseAsOf } from '../util/as-of.js';

export function parseSeverity(text: string | undefined, flag: string): Severity {
  if (text === undefined) return 'info';
  if (!(SEVERITIES as readonly string[]).includes(text)) {
    throw new InputError({ field: flag, ...saying(phrase('flag-not-severity', { value: text }), phrase('flag-use-one-of', { values: SEVERITIES.join(', ') })) });
  }
  return text as Severity;
}

/** A comma-separated list (`a,b , c`) with empty items dropped. */
export function parseList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** `--dns-server`: resolver addresses, IP or IP:PORT ([IPv6]:PORT), comma-separated. */
export function parseDnsServers(text: string | undefined): string[] | undefined {
  const list = parseList(text);
  if (list === undefined) return undefined;
  const bad = list.filter((s) => !isResolverAddress(s));
  if (!list.length || bad.length) throw new InputError({ field: '--dns-server', ...saying(phrase('flag-not-resolver', { value: bad[0] ?? text }), phrase('flag-not-resolver-fix')) });
  return list;
}

export function parsePositiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InputError({ field: flag, ...saying(phrase('flag-not-count', { value: text }), phrase('flag-not-count-fix', { flag })) });
  return n;
}

export function parseOptionalDuration(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : parseDuration(text, flag);
}
