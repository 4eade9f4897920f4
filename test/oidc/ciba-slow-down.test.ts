import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { makeTestContext } from '../helpers/probe-context.js';

/**
 * A stub provider that answers the first poll with slow_down and then issues an opaque token: the
 * probe must wait 5 s more before polling again (CIBA §11) and read the claims by introspection.
 */
const asOf = new Date('2025-06-01T00:00:00Z');
const polls: number[] = [];
let server: Server;
let base = '';
const TOKEN = 'opaque-token-value-0123456789';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      if (req.url === '/realm/.well-known/openid-configuration') return json(200, { issuer: `${base}/realm`, token_endpoint: `${base}/realm/token`, backchannel_authentication_endpoint: `${base}/realm/ciba` });
      if (req.url === '/realm/ciba') return json(200, { auth_req_id: 'req-123456', expires_in: 30, interval: 0.05 });
      if (req.url === '/realm/token') {
        polls.push(Date.now());
        return polls.length === 1 ? json(400, { error: 'slow_down' }) : json(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 60 });
      }
      if (req.url === '/realm/protocol/openid-connect/token/introspect') return json(200, { active: true, iss: `${base}/realm`, acr: 'eidas1', exp: 2_000_000_000 });
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('oidc.ciba polling', () => {
  it('honours slow_down by adding 5 s to the interval, and never exposes an opaque token', async () => {
    const t = makeTestContext({
      asOf,
      timeouts: { overallMs: 15_000 },
      env: { PSC_SECRET: 'stub-client-secret' },
      profile: {
        endpoints: { oidc: { issuer: `${base}/realm` } },
        oidcClient: { clientId: 'c', clientSecret: 'env:PSC_SECRET' },
        mailboxes: [{ address: 'a@op.test', type: 'PER', nationalId: '810000000009' }],
      },
    });
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
