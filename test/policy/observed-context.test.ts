import { describe, expect, it } from 'vitest';
import { judgeTarget, loadPolicy } from '../../src/policy/index.js';

const policy = loadPolicy();
const otp = { means: 'totp', endpoint: 'otpWeb 127.0.0.1:1', detail: 'TOTP login accepted' };

describe('observed means are judged in the context their endpoint serves', () => {
  it('a TOTP login for professionals on a sensitive service is forbidden from 2026-01-01', () => {
    const before = judgeTarget({ policy, declared: ['psc'], observed: [otp], context: 'sensitive-service', asOf: '2025-12-31' });
    const after = judgeTarget({ policy, declared: ['psc'], observed: [otp], context: 'sensitive-service', asOf: '2026-01-01' });
    expect(before.verdict).toBe('compliant');
    expect(after.verdict).toBe('non-compliant');
    expect(after.firstNonCompliantDate).toBe('2026-01-01');
  });

  it('the same TOTP login serving patients stays allowed, and is labelled with its context', () => {
    const j = judgeTarget({ policy, declared: ['psc'], observed: [{ ...otp, context: 'patient-access' }], context: 'sensitive-service', asOf: '2026-06-01' });
    expect(j.verdict).toBe('compliant');
    const totp = j.means.find((m) => m.means === 'totp')!;
    expect(totp.context).toBe('patient-access');
    expect(totp.declared).toBe(false);
    expect(totp.observed).toHaveLength(1);
    expect(j.means.find((m) => m.means === 'psc')!.context).toBeUndefined();
  });

  it('an unknown context on an observation is an input error', () => {
    expect(() => judgeTarget({ policy, declared: [], observed: [{ ...otp, context: 'nowhere' }], context: 'sensitive-service', asOf: '2026-06-01' })).toThrow(/nowhere/);
  });
});
