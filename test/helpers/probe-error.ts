import { expect } from 'vitest';
import { ProbeError } from '../../src/probes/types.js';

/** The code of the ProbeError that `p` rejects with; the test fails when `p` resolves or rejects with anything else. */
export async function probeErrorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProbeError);
    return (err as ProbeError).code;
  }
  throw new Error('expected a ProbeError');
}
