import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedClaims } from '../../src/probes/oidc/token-signature.js';
import type { ProviderMetadata } from '../../src/probes/oidc/provider-info.js';
import { makeTestContext } from '../helpers/probe-context.js';

let server: http.Server;
let base = '';
let token = '';
let jwks: object = {};

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' }] };
  token = await new SignJWT({ acr: 'eidas1', scope: 'openid' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://psc.test').setAudience('mss').setExpirationTime('1h').sign(privateKey);
  server = http.createServer((req, res) => {
    if (req.url === '/certs') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    if (req.url === '/huge') {
      // a 4 MB key set: over the 1 MB body limit
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ keys: [{ kty: 'oct', k: 'A'.repeat(4 * 1024 * 1024) }] }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const meta = (jwksPath: string): ProviderMetadata => ({
  issuer: base,
  document: { jwks_uri: `${base}${jwksPath}` },
  tokenEndpoint: '',
  backchannelEndpoint: '',
  revocationEndpoint: '',
  introspectionEndpoint: '',
  sources: { token: 'discovery', backchannel: 'discovery', revocation: 'discovery', introspection: 'discovery' },
});
const ctx = () => makeTestContext({ asOf: new Date('2026-01-15T00:00:00Z') }).ctx;
const noIntrospection = async () => {
  throw new Error('a JWS is never introspected');
};

describe('token claims are judged only after the signature verifies against the provider JWKS', () => {
  it('a genuine token: its claims', async () => {
    expect(await verifiedClaims(ctx(), meta('/certs'), token, noIntrospection)).toMatchObject({ iss: 'https://psc.test', acr: 'eidas1' });
  });

  it('random bytes as signature: error, the claims are not judged', async () => {
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.from('random bytes, not a signature').toString('base64url')}`;
    const err = await verifiedClaims(ctx(), meta('/certs'), forged, noIntrospection).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ETOKEN_UNVERIFIED', outcome: 'error' });
    expect((err as Error).message).toMatch(/does not verify/);
  });

  it('a JWKS over the 1 MB limit is an error, not a silent skip', async () => {
    const err = await verifiedClaims(ctx(), meta('/huge'), token, noIntrospection).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ETOKEN_UNVERIFIED', outcome: 'error' });
    expect((err as Error).message).toMatch(/could not be read.*larger than/);
  });

  it('an unreachable key set is an error', async () => {
    const err = await verifiedClaims(ctx(), meta('/missing'), token, noIntrospection).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ETOKEN_UNVERIFIED' });
  });

  it('an opaque token is introspected instead', async () => {
    expect(await verifiedClaims(ctx(), meta('/certs'), 'opaque-token-value', async () => ({ active: true, acr: 'eidas1' }))).toEqual({ active: true, acr: 'eidas1' });
  });
});
