/** Dates of the test PKI: an epoch (UTC midnight) plus offsets written `+3y`, `-30d`, `0d`. */
import { InputError } from '../util/input-error.js';

export function parseEpoch(text: string, where: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new InputError({ field: where, message: `"${text}" is not a date`, fix: 'write a calendar date YYYY-MM-DD, e.g. 2025-01-01' });
  }
  return date;
}

/** `base` moved by `offset` (`[+-]N(d|y)`); years keep the month and day (29 Feb → 1 Mar). */
export function addOffset(base: Date, offset: string): Date {
  const m = /^([+-]?)(\d+)([dy])$/.exec(offset);
  if (!m) throw new InputError({ field: 'offset', message: `"${offset}" is not a date offset`, fix: 'write +Ny, -Nd or 0d' });
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const d = new Date(base.getTime());
  if (m[3] === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
  else d.setUTCDate(d.getUTCDate() + n);
  return d;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
