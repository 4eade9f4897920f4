import { describe, expect, it } from 'vitest';
import { reserveFreshStep } from '../../src/probes/otp/code-source.js';

describe('fresh TOTP steps', () => {
  it('are spent per run: within a run 0, then 1, then none; another run (even on the same endpoint) starts afresh', () => {
    const run1 = {};
    const run2 = {};
    const key = 'http://127.0.0.1:40000|dr@x.test';
    expect(reserveFreshStep(run1, key, 1000)).toBe(0);
    expect(reserveFreshStep(run1, key, 1000)).toBe(1);
    expect(reserveFreshStep(run1, key, 1000)).toBeUndefined();
    expect(reserveFreshStep(run1, key, 1002)).toBe(0); // a later server step is fresh again
    expect(reserveFreshStep(run2, key, 1000)).toBe(0);
    expect(reserveFreshStep(run1, 'http://127.0.0.1:40001|dr@x.test', 1000)).toBe(0);
  });
});
