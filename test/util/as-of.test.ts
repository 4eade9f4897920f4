import { describe, expect, it } from 'vitest';
import { formatAsOf, parisDay, parseAsOf } from '../../src/util/as-of.js';
import { InputError } from '../../src/util/input-error.js';

const clock = (iso: string) => () => new Date(iso);

describe('the as-of instant', () => {
  it('no --as-of: the injected clock\'s instant, not today at midnight', () => {
    const at = parseAsOf(undefined, clock('2026-02-01T10:37:12.345Z'));
    expect(at.toISOString()).toBe('2026-02-01T10:37:12.345Z');
    expect(formatAsOf(at)).toBe('2026-02-01T11:37:12.345+01:00');
  });

  it('--as-of DAY: the start of that day in Europe/Paris, winter (+01:00) and summer (+02:00)', () => {
    expect(parseAsOf('2026-01-01', clock('2030-01-01T00:00:00Z')).toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(formatAsOf(parseAsOf('2026-01-01', clock('2030-01-01T00:00:00Z')))).toBe('2026-01-01T00:00:00+01:00');
    expect(parseAsOf('2026-07-14', clock('2030-01-01T00:00:00Z')).toISOString()).toBe('2026-07-13T22:00:00.000Z');
    // the days daylight saving starts and ends: midnight is still +01:00 / +02:00
    expect(formatAsOf(parseAsOf('2026-03-29', clock('2030-01-01T00:00:00Z')))).toBe('2026-03-29T00:00:00+01:00');
    expect(formatAsOf(parseAsOf('2026-10-25', clock('2030-01-01T00:00:00Z')))).toBe('2026-10-25T00:00:00+02:00');
  });

  it('a date-time is accepted: with Z or an offset as given, without one in Paris time', () => {
    expect(parseAsOf('2026-01-01T09:30:00Z', clock('2030-01-01T00:00:00Z')).toISOString()).toBe('2026-01-01T09:30:00.000Z');
    expect(parseAsOf('2026-01-01T09:30:00+05:00', clock('2030-01-01T00:00:00Z')).toISOString()).toBe('2026-01-01T04:30:00.000Z');
    expect(parseAsOf('2026-06-01T12:00', clock('2030-01-01T00:00:00Z')).toISOString()).toBe('2026-06-01T10:00:00.000Z');
  });

  it('the policy day is the Paris day of the instant', () => {
    expect(parisDay(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
    expect(parisDay(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
  });

  it('malformed or impossible values are input errors naming --as-of', () => {
    for (const bad of ['2026-02-30', '01/01/2026', '2026-01-01T25:00', 'tomorrow', '2026-1-1']) {
      expect(() => parseAsOf(bad, clock('2030-01-01T00:00:00Z')), bad).toThrow(InputError);
    }
    try {
      parseAsOf('2026-02-30', clock('2030-01-01T00:00:00Z'));
    } catch (err) {
      expect((err as InputError).problems[0]).toMatchObject({ field: '--as-of' });
    }
  });
});

describe('the Paris offset by the EU rule gives what the tz database (Intl) gives', () => {
  const intl = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' });
  /** `formatAsOf`'s text, computed from Intl alone. */
  const reference = (at: Date): string => {
    const v: Record<string, string> = {};
    for (const p of intl.formatToParts(at)) v[p.type] = p.value;
    const ms = at.getTime() % 1000;
    const off = v.timeZoneName === 'GMT' ? '+00:00' : v.timeZoneName!.slice(3);
    return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}:${v.second}${ms ? `.${String(ms).padStart(3, '0')}` : ''}${off}`;
  };

  it('hour by hour over the last eight days of March, September and October (every change falls there), 1990 to 2100 (before 1996, Intl itself), and at odd instants', () => {
    let checked = 0;
    for (let y = 1990; y <= 2100; y++) {
      for (const month of [2, 8, 9]) {
        for (let d = 24; d <= 31; d++) {
          const start = Date.UTC(y, month, d, 0, 0, 0);
          for (let h = 0; h < 24; h++) {
            for (const dt of [0, 59 * 60_000 + 59_999]) {
              const at = new Date(start + h * 3_600_000 + dt);
              expect(formatAsOf(at), at.toISOString()).toBe(reference(at));
              checked++;
            }
          }
        }
      }
      for (const iso of [`${y}-01-01T00:00:00.000Z`, `${y}-06-30T23:59:59.999Z`, `${y}-12-31T22:59:59.001Z`, `${y}-12-31T23:00:00.000Z`]) {
        expect(formatAsOf(new Date(iso)), iso).toBe(reference(new Date(iso)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120_000);
  });
});
