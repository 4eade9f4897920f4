import { describe, expect, it } from 'vitest';
import { OutOfBandCodes } from '../../src/sandbox/otp-web/out-of-band-codes.js';

describe('the sandbox OTP web login\'s out-of-band codes', () => {
  const t0 = new Date('2025-01-31T10:00:00Z');
  const at = (ms: number): Date => new Date(t0.getTime() + ms);

  function codes(lifetimeMs: number) {
    const sent: string[] = [];
    return { sent, oob: new OutOfBandCodes({ digits: 8, lifetimeMs }, (_login, code) => sent.push(code)) };
  }

  it('sends an 8-digit code, good once, and resends the pending code to a second login', () => {
    const { sent, oob } = codes(60_000);
    oob.send('dr@x.test', t0);
    oob.send('dr@x.test', at(1000));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^\d{8}$/);
    expect(sent[1]).toBe(sent[0]);
    expect(oob.consume('dr@x.test', '00000000' === sent[0] ? '11111111' : '00000000', at(2000))).toBe(false);
    expect(oob.consume('other@x.test', sent[0]!, at(2000))).toBe(false);
    expect(oob.consume('dr@x.test', sent[0]!, at(2000))).toBe(true);
    expect(oob.consume('dr@x.test', sent[0]!, at(3000))).toBe(false); // spent
  });

  it('refuses an expired code and sends a new one after expiry', () => {
    const { sent, oob } = codes(60_000);
    oob.send('dr@x.test', t0);
    expect(oob.consume('dr@x.test', sent[0]!, at(60_000))).toBe(false);
    oob.send('dr@x.test', at(61_000));
    expect(oob.consume('dr@x.test', sent[1]!, at(62_000))).toBe(true);
  });

  it('with a validity of 0 (defect otp-out-of-band-code-expired) no code is ever good', () => {
    const { sent, oob } = codes(0);
    oob.send('dr@x.test', t0);
    expect(oob.consume('dr@x.test', sent[0]!, t0)).toBe(false);
  });
});
