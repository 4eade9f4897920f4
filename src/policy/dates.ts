import { parisDay } from '../util/as-of.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings. The policy speaks in plain calendar days (no time of day,
 * no time zone: "1 January 2026" is the day, wherever the reader is), so dates are compared as
 * strings and day arithmetic is done in UTC, where every day has 24 hours.
 */
export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * The as-of date from a flag (`--as-of 2026-01-01`) or a `Date` (its calendar day in Europe/Paris:
 * the deadlines are French dates).
 * A malformed string is an InputError naming `field`.
 */
export function asOfDate(value: string | Date, field = '--as-of'): IsoDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InputError({ field, ...saying(phrase('date-invalid'), phrase('date-fix')) });
    return parisDay(value);
  }
  if (!isIsoDate(value)) {
    throw new InputError({ field, ...saying(phrase('date-not-calendar', { value }), phrase('date-fix')) });
  }
  return value;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** True when `date` lies in the inclusive range [from, to]; a missing bound is open. */
export function inRange(date: IsoDate, from?: IsoDate, to?: IsoDate): boolean {
  return (from === undefined || from <= date) && (to === undefined || date <= to);
}
