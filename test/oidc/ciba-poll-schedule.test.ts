import { describe, expect, it } from 'vitest';
import { EXPIRY_POLL_MARGIN_MS, nextPollDelayMs } from '../../src/probes/oidc/ciba-flow.js';

describe('CIBA poll schedule (nextPollDelayMs)', () => {
  it('waits the interval while "pending before expiry" is not known yet, whatever the expiry', () => {
    expect(nextPollDelayMs(1_000, 200, undefined)).toBe(200);
  });
  it('waits the interval when the expiry is not within the next two intervals', () => {
    expect(nextPollDelayMs(0, 200, 1_000)).toBe(200);
    expect(nextPollDelayMs(0, 200, 400)).toBe(200);
  });
  it('moves the poll just after the expiry when it falls before the poll after next, never earlier than the interval', () => {
    // Expiry at 1000 ms; the regular polls would be at 900 (alive) and 1100: one poll at 1050 instead.
    expect(nextPollDelayMs(700, 200, 1_000)).toBe(1_000 + EXPIRY_POLL_MARGIN_MS - 700);
    for (let now = 0; now < 1_200; now += 7) expect(nextPollDelayMs(now, 200, 1_000)).toBeGreaterThanOrEqual(200);
  });
  it('keeps the interval once the expiry has passed', () => {
    expect(nextPollDelayMs(2_000, 200, 1_000)).toBe(200);
  });
  it('applies to a real provider too: interval 5 s, life 120 s, the last poll goes just after the end', () => {
    // From 114 s the regular polls would be 119 s (alive) and 124 s: one poll just after 120 s instead.
    expect(nextPollDelayMs(114_000, 5_000, 120_000)).toBe(6_000 + EXPIRY_POLL_MARGIN_MS);
    // From 116 s, just after 120 s is sooner than the interval allows: the regular poll at 121 s.
    expect(nextPollDelayMs(116_000, 5_000, 120_000)).toBe(5_000);
  });
});
