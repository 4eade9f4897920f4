import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemRefreshToken } from '../../src/probes/oidc/ciba-flow.js';
import { oidcClient, type ProviderMetadata } from '../../src/probes/oidc/provider-info.js';
import { phrase } from '../../src/i18n/phrase.js';
import { makeTestContext } from '../helpers/probe-context.js';

// A provider that rotates refresh tokens and refuses a used one (RFC 9700 §4.14.2), as Keycloak does
// with "Revoke Refresh Token" on: several scenarios refreshing the run's approval at once must not
// present the same refresh token twice.
let server: Server;
let base = '';
let current = 'rt-1';
let issued = 0;
let refusedReuse = 0;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/introspect') {
        res.end(JSON.stringify({ active: true, iss: base, aud: 'mail', acr: 'eidas1', exp: 4_102_444_800 }));
        return;
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (form.get('refresh_token') !== current) {
          refusedReuse++;
          res.statusCode = 400;
          res.end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        issued++;
        current = `rt-${issued + 1}`;
        res.end(JSON.stringify({ access_token: `opaque-access-${issued}`, token_type: 'Bearer', expires_in: 60, refresh_token: current }));
      }, 20);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('refresh-token redemption', () => {
  it('redeems one refresh at a time per approval, each with the token the one before left: four at once all succeed', async () => {
    const t = makeTestContext({ asOf: new Date('2026-06-01T00:00:00Z'), profile: { oidcClient: { clientId: 'msscheck', clientSecret: 'env:SECRET' } }, env: { SECRET: 's3cret' } });
    const meta: ProviderMetadata = { issuer: base, tokenEndpoint: `${base}/token`, backchannelEndpoint: `${base}/ciba`, revocationEndpoint: `${base}/revoke`, introspectionEndpoint: `${base}/introspect`, sources: { token: 'discovery', backchannel: 'discovery', revocation: 'discovery', introspection: 'discovery' } };
    t.ctx.oidc.vault.rememberRefreshToken('approve', 'rt-1', t.redactor);
    const client = oidcClient(t.ctx);
    const got = await Promise.all([1, 2, 3, 4].map(() => redeemRefreshToken(t.ctx, meta, client, 'approve', {}, phrase('ev-refresh-grant'), phrase('ev-refresh-grant'))));
    expect(got.every((g) => g?.tokenHandle)).toBe(true);
    expect(new Set(got.map((g) => g!.tokenHandle)).size).toBe(4);
    expect({ issued, refusedReuse, maxInFlight }).toEqual({ issued: 4, refusedReuse: 0, maxInFlight: 1 });
    // The vault holds the last rotated refresh token.
    expect(t.ctx.oidc.vault.refreshToken('approve', t.redactor)).toBe(current);
  });
});
