import { describe, expect, it } from 'vitest';
import { RequestExpiry } from '../../src/sandbox/psc/request-expiry.js';

// The sandbox expires an unanswered CIBA request 1 s after it received it (not at oidc-provider's
// next whole second), and never answers authorization_pending past that instant.
const PENDING = { error: 'authorization_pending' };

describe('sandbox CIBA request expiry', () => {
  it('answers pending until the request\'s life is over, then expired_token for good', () => {
    let now = 10_000;
    const e = new RequestExpiry(() => now);
    e.opened('r1', 1);
    now += 200;
    expect(e.answer('r1', PENDING)).toEqual(PENDING);
    now += 799;
    expect(e.answer('r1', PENDING)).toEqual(PENDING);
    now += 1;
    expect(e.answer('r1', PENDING)).toMatchObject({ error: 'expired_token' });
    now += 5_000;
    expect(e.answer('r1', PENDING)).toMatchObject({ error: 'expired_token' });
  });

  it('a first poll that comes after the request\'s life gets expired_token, never a late pending', () => {
    let now = 0;
    const e = new RequestExpiry(() => now);
    e.opened('late', 1);
    now = 1_500;
    expect(e.answer('late', PENDING)).toMatchObject({ error: 'expired_token' });
    now = 1_700;
    expect(e.answer('late', PENDING)).toMatchObject({ error: 'expired_token' });
  });

  it('leaves other answers and unknown requests alone', () => {
    const e = new RequestExpiry(() => 0);
    e.opened('ok', 1);
    const token = { access_token: 'x', token_type: 'Bearer' };
    expect(e.answer('ok', token)).toBe(token);
    expect(e.answer('unknown', PENDING)).toBe(PENDING);
  });
});
