/**
 * The as-of instant. MSSanté deadlines are French dates ("1 January 2026"), so a day given on the
 * command line means the start of that day in French legal time (Europe/Paris, CET/CEST); a
 * date-time is taken as given (Paris time when it has no offset); no flag means now. Reports show
 * the instant with its Paris offset; policy logic that needs a calendar day takes the Paris day.
 * The offset follows the EU summer-time rule (Directive 2000/84/EC: last Sunday of March to last Sunday of
 * October, 01:00 UTC), which France has applied since 1996 and which the tz database of Node's ICU
 * repeats; earlier instants ask Intl. Intl's first time-zone formatter costs some 10 ms of a short run's
 * start; test/util/as-of.test.ts checks the rule gives what Intl gives, hour by hour around every change.
 */
import { phrase } from '../i18n/phrase.js';
import { InputError, saying } from './input-error.js';
import { BoundedMap } from './bounded-map.js';

export const AS_OF_ZONE = 'Europe/Paris';

// Built at first use, for instants before the EU rule only (building it loads ICU's time zone data).
let parts: Intl.DateTimeFormat | undefined;
const formatter = (): Intl.DateTimeFormat =>
  (parts ??= new Intl.DateTimeFormat('en-US', { timeZone: AS_OF_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }));

type Fields = { y: number; m: number; d: number; h: number; mi: number; s: number };
/** Fields of recent instants (a run asks for the same as-of instant many times). */
const recent = new BoundedMap<number, Fields>(64);

/** The first year of the EU rule in France (1976–1995 ended summer time in September). */
const EU_RULE_SINCE = 1996;

/** The instant of 01:00 UTC on the last Sunday of a month (0-based). */
function lastSundayAt1Utc(y: number, month: number): number {
  const last = new Date(Date.UTC(y, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/** Paris's offset in minutes by the EU rule, or undefined before France applied it. */
function ruleOffsetMinutes(t: number): number | undefined {
  const y = new Date(t).getUTCFullYear();
  if (!(y >= EU_RULE_SINCE)) return undefined;
  return t >= lastSundayAt1Utc(y, 2) && t < lastSundayAt1Utc(y, 9) ? 120 : 60;
}

/** Paris wall-clock fields of an instant. */
function parisFields(at: Date): Fields {
  return recent.getOr(at.getTime(), () => {
    const t = at.getTime();
    const offset = ruleOffsetMinutes(t);
    if (offset !== undefined) {
      const w = new Date(Math.floor(t / 1000) * 1000 + offset * 60_000);
      return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate(), h: w.getUTCHours(), mi: w.getUTCMinutes(), s: w.getUTCSeconds() };
    }
    const v: Record<string, number> = {};
    for (const p of formatter().formatToParts(at)) if (p.type !== 'literal') v[p.type] = Number(p.value);
    return { y: v.year!, m: v.month!, d: v.day!, h: v.hour!, mi: v.minute!, s: v.second! };
  });
}

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(at: Date): number {
  const f = parisFields(at);
  const wall = Date.UTC(f.y, f.m - 1, f.d, f.h, f.mi, f.s);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Paris wall-clock time. */
export function parisInstant(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi, s, ms);
  let t = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  const again = wall - parisOffsetMinutes(new Date(t)) * 60_000;
  if (again !== t) t = again;
  return new Date(t);
}

/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
export function parisDay(at: Date): string {
  const f = parisFields(at);
  return `${String(f.y).padStart(4, '0')}-${pad(f.m)}-${pad(f.d)}`;
}

/** An instant written in Paris time with its offset: `2026-01-01T00:00:00+01:00` (milliseconds when any). */
export function formatAsOf(at: Date): string {
  const f = parisFields(at);
  const off = parisOffsetMinutes(at);
  const ms = at.getTime() % 1000;
  const frac = ms ? `.${String((ms + 1000) % 1000).padStart(3, '0')}` : '';
  const sign = off >= 0 ? '+' : '-';
  return `${parisDay(at)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}${frac}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `--as-of`: absent → now; `YYYY-MM-DD` → 00:00 that day in Paris; a date-time → that instant
 * (Paris time when it carries no `Z` or offset). Anything else is an InputError naming `field`.
 */
export function parseAsOf(text: string | undefined, now: () => Date, field = '--as-of'): Date {
  if (text === undefined) return now();
  const bad = (): InputError =>
    new InputError({ field, ...saying(phrase('flag-not-date', { value: text }), phrase('flag-not-date-fix', { zone: AS_OF_ZONE, flag: field })) });
  const day = DAY.exec(text);
  const dt = day ? undefined : DATE_TIME.exec(text);
  const m = day ?? dt;
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) throw bad();
  if (day) return parisInstant(y, mo, d);
  const [h, mi, s] = [Number(dt![4]), Number(dt![5]), Number(dt![6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) throw bad();
  const ms = dt![7] ? Math.round(Number(dt![7]) * 1000) : 0;
  const zone = dt![8];
  if (!zone) return parisInstant(y, mo, d, h, mi, s, ms);
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(s)}.${String(ms).padStart(3, '0')}${zone}`);
  if (Number.isNaN(at.getTime())) throw bad();
  return at;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
