import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenForgeProbe } from '../../src/probes/oidc/token-forge.js';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { flowKey, freshToken, redeemRefreshToken } from '../../src/probes/oidc/ciba-flow.js';
import { oidcClient, providerMetadata } from '../../src/probes/oidc/provider-info.js';
import { phrase } from '../../src/i18n/phrase.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { pscForTests } from './psc-helpers.js';

// AUTH-XOAUTH2-WRONG-AUDIENCE needs a token for another service. It comes from the run's one
// approval by RFC 8693 token exchange (as Keycloak, hence Pro Santé Connect, offers it), not from a
// second request to the person; the sandbox provider exchanges only what it should.
const OTHER = 'https://other-service.sandbox.mssante.test/api';
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const AT = 'urn:ietf:params:oauth:token-type:access_token';
const asOf = new Date('2025-06-01T00:00:00Z');
const running = pscForTests();

async function tokenEndpoint(): Promise<string> {
  const doc = (await (await fetch(`${running().profile.endpoints.oidc!.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string; grant_types_supported: string[] };
  expect(doc.grant_types_supported).toContain(EXCHANGE);
  return doc.token_endpoint;
}

async function exchange(subject: string, audience: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const c = running().profile.oidcClient!;
  const secret = readFileSync(c.clientSecret!.replace(/^file:/, ''), 'utf8').trim();
  const res = await fetch(await tokenEndpoint(), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: EXCHANGE, subject_token: subject, subject_token_type: AT, resource: audience }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a token for another audience without a second approval', () => {
  it('wrong-audience comes from the run\'s approval by token exchange: one CIBA request in all', async () => {
    const t = makeTestContext({ target: running().target, asOf, timeouts: { overallMs: 20_000 } });
    const good = await cibaProbe.run({ role: 'approve' }, t.ctx);
    expect(good.outcome).toBe('approved');
    const forged = await tokenForgeProbe.run({ kind: 'wrong-audience', audience: OTHER }, t.ctx);
    expect(forged.claims.aud).toBe(OTHER);
    expect(forged.claims.acr).toBe('eidas1');
    expect(forged.method).toMatch(/token exchange \(RFC 8693\)/);
    expect(t.ctx.oidc.approvalCounts()).toEqual([{ role: 'approve', count: 1 }]);
    expect(await running().services.tokenVerifier!.verify(t.ctx.oidc.vault.resolve(forged.tokenHandle, t.redactor))).toMatchObject({ ok: false, reason: 'audience' });
  }, 30_000);

  it('the sandbox exchanges only an active token of its own, for an audience it knows', async () => {
    const t = makeTestContext({ target: running().target, asOf, timeouts: { overallMs: 20_000 } });
    const good = await cibaProbe.run({ role: 'approve', reuse: false }, t.ctx);
    const subject = t.ctx.oidc.vault.resolve(good.tokenHandle!, t.redactor);
    expect(await exchange(subject, 'https://unknown.example.test/api')).toMatchObject({ status: 400, body: { error: 'invalid_target' } });
    const [h, p, s] = subject.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[0]! ^= 0xff;
    expect(await exchange(`${h}.${p}.${sig.toString('base64url')}`, OTHER)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const ok = await exchange(subject, OTHER);
    expect(ok.status).toBe(200);
    expect(ok.body.issued_token_type).toBe(AT);
  }, 30_000);

  it('the run\'s refresh token is redeemed by one piece of code: refused with an RFC 8707 resource, then a fresh token, and nobody is asked again', async () => {
    const t = makeTestContext({ target: running().target, asOf, timeouts: { overallMs: 20_000 } });
    const good = await cibaProbe.run({ role: 'approve' }, t.ctx);
    expect(good.outcome).toBe('approved');
    const meta = await providerMetadata(t.ctx);
    const key = flowKey(t.ctx, meta, good.identity, { role: 'approve' });
    const first = t.ctx.oidc.vault.refreshToken(key, t.redactor);
    expect(first).toBeTruthy();
    // The sandbox refuses a resource on a refresh (invalid_target): nothing is issued, nothing deposited.
    const claimsShown = t.evidence.filter((e) => e.kind === 'token-claims').length;
    const other = await redeemRefreshToken(t.ctx, meta, oidcClient(t.ctx), key, { resource: OTHER, scope: 'openid scope_all' }, phrase('ev-refresh-resource'), phrase('ev-access-token-claims', { who: OTHER }));
    expect(other).toBeUndefined();
    expect(t.evidence.filter((e) => e.kind === 'token-claims')).toHaveLength(claimsShown);
    // Without one, it issues a fresh token from the same refresh token.
    const fresh = await freshToken(t.ctx, { role: 'approve' });
    expect(fresh.tokenHandle).not.toBe(good.tokenHandle);
    expect(fresh.claims?.acr).toBe('eidas1');
    expect(t.ctx.oidc.approvalCounts()).toEqual([{ role: 'approve', count: 1 }]);
    // No refresh token under a key: nothing is redeemed (the caller then asks the person).
    expect(await redeemRefreshToken(t.ctx, meta, oidcClient(t.ctx), `${key}|none`, {}, phrase('ev-refresh-grant'), phrase('ev-refresh-grant'))).toBeUndefined();
  }, 30_000);
});
