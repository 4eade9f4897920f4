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
