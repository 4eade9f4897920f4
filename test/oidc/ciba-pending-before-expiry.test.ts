import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { startStubOidcProvider, stubProviderContext } from '../helpers/stub-oidc-provider.js';

/**
 * OIDC-CIBA-EXPIRED's "pending before it expires" (CIBA §11) is judged only when our first poll came
 * early in the request's life: a provider that answers expired_token to an early poll is wrong
 * (false); one whose first answer comes after our late first poll cannot be judged (the fact is
 * absent: our client's limit, an error, never a verdict).
 */
const asOf = new Date('2025-06-01T00:00:00Z');
let provider: Awaited<ReturnType<typeof startStubOidcProvider>>;
let base = '';
let ciba: { expires_in: number; interval: number } = { expires_in: 30, interval: 0.05 };
let answers: object[] = [];

beforeAll(async () => {
  provider = await startStubOidcProvider({
    '/realm/ciba': () => [200, { auth_req_id: 'req-123456', ...ciba }],
    '/realm/token': () => [400, answers.length > 1 ? answers.shift() : answers[0]],
  });
  base = provider.base;
});
afterAll(() => provider.close());

const PENDING = { error: 'authorization_pending' };
const EXPIRED = { error: 'expired_token' };

async function runCiba() {
  const t = stubProviderContext(`${base}/realm`, asOf, { pscTestRole: 'ignore' });
  return cibaProbe.run({ role: 'ignore', intent: 'ignore', reuse: false }, t.ctx);
}

describe('oidc.ciba: pending before expiry', () => {
  it('pending, then expired_token: true', async () => {
    ciba = { expires_in: 30, interval: 0.05 };
    answers = [PENDING, EXPIRED];
    expect(await runCiba()).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: true });
  });

  it('expired_token to a poll sent early in the request\'s life: false (the provider is wrong)', async () => {
    ciba = { expires_in: 30, interval: 0.05 };
    answers = [EXPIRED];
    expect(await runCiba()).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: false });
  });

  it('expired_token to our first poll sent late in the request\'s life: absent (cannot be judged)', async () => {
    ciba = { expires_in: 1, interval: 0.7 };
    answers = [EXPIRED];
    const facts = await runCiba();
    expect(facts).toMatchObject({ outcome: 'expired' });
    expect(facts).not.toHaveProperty('pendingBeforeExpiry');
  });
});
