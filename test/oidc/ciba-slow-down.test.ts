import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { startStubOidcProvider, stubProviderContext } from '../helpers/stub-oidc-provider.js';

/**
 * A stub provider that answers the first poll with slow_down and then issues an opaque token: the
 * probe must wait 5 s more before polling again (CIBA §11) and read the claims by introspection.
 */
const asOf = new Date('2025-06-01T00:00:00Z');
const polls: number[] = [];
let provider: Awaited<ReturnType<typeof startStubOidcProvider>>;
let base = '';
const TOKEN = 'opaque-token-value-0123456789';

beforeAll(async () => {
  provider = await startStubOidcProvider({
    '/realm/ciba': () => [200, { auth_req_id: 'req-123456', expires_in: 30, interval: 0.05 }],
    '/realm/token': () => {
      polls.push(Date.now());
      return polls.length === 1 ? [400, { error: 'slow_down' }] : [200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 60 }];
    },
    '/realm/protocol/openid-connect/token/introspect': () => [200, { active: true, iss: `${base}/realm`, acr: 'eidas1', exp: 2_000_000_000 }],
  });
  base = provider.base;
});
afterAll(() => provider.close());

describe('oidc.ciba polling', () => {
  it('honours slow_down by adding 5 s to the interval, and never exposes an opaque token', async () => {
    const t = stubProviderContext(`${base}/realm`, asOf);
    const facts = await cibaProbe.run({ reuse: false }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'approved', slowDownCount: 1, pollCount: 2, errorCodesSeen: ['slow_down'], claims: { acr: 'eidas1' } });
    expect(facts.finalInterval).toBeCloseTo(5.05);
    expect(polls[1]! - polls[0]!).toBeGreaterThanOrEqual(4900);
    expect(facts.endpointSources.introspection).toBe('fallback');
    const text = JSON.stringify({ facts, evidence: t.evidence });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('stub-client-secret');
    expect(text).not.toContain('req-123456');
  }, 15_000);
});
