import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { discoveryProbe } from '../../src/probes/oidc/discovery.js';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { PSC_DEFECTS } from '../../src/sandbox/psc/defects.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startPscAlone, type RunningPsc } from './psc-helpers.js';

const asOf = new Date('2025-06-01T00:00:00Z');
let psc: RunningPsc;

beforeAll(async () => {
  psc = await startPscAlone();
});
afterAll(async () => {
  await psc?.stop();
});

describe('sandbox Pro Santé Connect', () => {
  it('contributes the issuer under the realm path, the client, the audience and one mailbox per identity', () => {
    expect(psc.profile.endpoints.oidc?.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/realms\/esante-wallet$/);
    expect(psc.profile.oidcClient?.clientSecret).toMatch(/^file:/);
    expect(psc.profile.auth?.expectedAudience).toBe('https://sandbox.mssante.test/mail');
    expect(psc.profile.auth?.declared).toContain('psc');
    expect(psc.profile.mailboxes?.map((m) => m.nationalId)).toEqual(['810000000001', '810000000002', '810000000003', '810000000004', '810000000005']);
    expect(psc.services.tokenVerifier).toBeDefined();
  });

  it('serves a conformant discovery document under both names', async () => {
    const t = makeTestContext({ target: psc.target, asOf });
    const facts = await discoveryProbe.run({}, t.ctx);
    expect(facts.documents.standard.status).toBe(200);
    expect(facts.documents.wallet.status).toBe(200);
    expect(facts.issuerMatches).toBe(true);
    expect(facts.walletIssuerMatches).toBe(true);
    expect(facts.documentsAgree).toBe(true);
    expect(facts.nonHttpsEndpoints).toEqual([]);
    expect(facts.loopbackHttpEndpoints.length).toBeGreaterThan(0);
    expect(facts.jwks.signingKeyCount).toBeGreaterThan(0);
    expect(facts.endpoints.token_endpoint).toMatch(/\/auth\/realms\/esante-wallet\/protocol\/openid-connect\/token$/);
    expect(facts.endpoints.introspection_endpoint).toMatch(/\/protocol\/openid-connect\/token\/introspect$/);
    expect(facts.ciba).toMatchObject({ pollSupported: true, grantTypeAdvertised: true, userCodeParameterSupported: true });
    expect(facts.ciba.endpoint).toMatch(/\/protocol\/openid-connect\/ext\/ciba\/auth$/);
    expect(facts.acrValues).toContain('eidas1');
    expect(facts.scopes).toContain('scope_all');
  });

  it('runs CIBA to approval, refusal and expiry with the short interval, never exposing the token', async () => {
    const t = makeTestContext({ target: psc.target, asOf, timeouts: { overallMs: 20_000 } });
    const [approved, denied, expired] = await Promise.all([
      cibaProbe.run({ identity: 0, reuse: false }, t.ctx),
      cibaProbe.run({ identity: 1, reuse: false }, t.ctx),
      cibaProbe.run({ identity: 2, reuse: false }, t.ctx),
    ]);
    expect(approved).toMatchObject({ outcome: 'approved', interval: 0.2, slowDownCount: 0 });
    expect(approved.errorCodesSeen.every((c) => c === 'authorization_pending')).toBe(true);
    expect(approved.claims).toMatchObject({ acr: 'eidas1', iss: psc.profile.endpoints.oidc!.issuer, aud: 'https://sandbox.mssante.test/mail' });
    expect(approved.tokenHandle).toMatch(/^vault:/);
    expect(denied).toMatchObject({ outcome: 'denied' });
    expect(denied.errorCodesSeen).toContain('access_denied');
    expect(denied.tokenHandle).toBeUndefined();
    expect(expired).toMatchObject({ outcome: 'expired', expiresIn: 1, pendingBeforeExpiry: true });
    expect(expired.errorCodesSeen).toEqual(['authorization_pending', 'expired_token']);

    const token = t.ctx.oidc.vault.resolve(approved.tokenHandle!, t.redactor);
    const secret = readFileSync(psc.profile.oidcClient!.clientSecret!.slice(5), 'utf8').trim();
    const everything = JSON.stringify({ approved, denied, expired, evidence: t.evidence });
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
    expect(t.evidence.some((e) => e.kind === 'token-claims')).toBe(true);
    expect(t.evidence.some((e) => e.kind === 'http-exchange')).toBe(true);
  }, 30_000);

  it('answers slow_down to a client polling faster than the interval', async () => {
    const secret = readFileSync(psc.profile.oidcClient!.clientSecret!.slice(5), 'utf8').trim();
    const auth = `Basic ${Buffer.from(`${psc.profile.oidcClient!.clientId}:${secret}`).toString('base64')}`;
    const issuer = psc.profile.endpoints.oidc!.issuer;
    const post = async (path: string, form: Record<string, string>) => {
      const r = await fetch(`${issuer}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), signal: AbortSignal.timeout(5000) });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const start = await post('/protocol/openid-connect/ext/ciba/auth', { scope: 'openid scope_all', login_hint: '810000000003', binding_message: 'test 1' });
    const id = String(start.body.auth_req_id);
    const poll = { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: id };
    // Two polls at once: whichever the provider sees second came sooner than the (short) interval.
    const answers = await Promise.all([post('/protocol/openid-connect/token', poll), post('/protocol/openid-connect/token', poll)]);
    expect(answers.map((a) => a.body.error).sort()).toEqual(['authorization_pending', 'slow_down']);
    expect(answers.find((a) => a.body.error === 'slow_down')).toMatchObject({ status: 400 });
  });

  it('lists defects with the instance ids agreed in docs/auth-scenario-ids.md', () => {
    const doc = readFileSync(new URL('../../docs/auth-scenario-ids.md', import.meta.url), 'utf8');
    for (const d of PSC_DEFECTS) {
      expect(doc).toContain(`\`${d.name}\``);
      for (const id of d.fails) expect(doc).toContain(id.split('/')[0]);
    }
  });
});

// The positive PSC path (a person who approves) is run by openid-client, the reference relying
// party, through msscheck's transport; refusal and expiry stay on raw HTTP.
const titles = (evidence: { kind: string; title: string }[]) => evidence.filter((e) => e.kind === 'http-exchange').map((e) => e.title);

describe('reference relying party (openid-client) on the positive CIBA path', () => {
  it('obtains the approved token with openid-client, observing its polls, and leaves no token in the evidence', async () => {
    const t = makeTestContext({ target: psc.target, asOf, timeouts: { overallMs: 20_000 } });
    const facts = await cibaProbe.run({ role: 'approve', reuse: false }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'approved', reused: false, claims: { acr: 'eidas1' } });
    expect(facts.pollCount).toBeGreaterThanOrEqual(1);
    const seen = titles(t.evidence);
    expect(seen.some((s) => /^openid-client: POST .*ciba/.test(s))).toBe(true);
    expect(seen.some((s) => /^CIBA token request by openid-client \(poll 1\)$/.test(s))).toBe(true);
    expect(seen).not.toContain('CIBA authentication request');
    const token = t.ctx.oidc.vault.resolve(facts.tokenHandle!, t.redactor);
    expect(JSON.stringify(t.evidence)).not.toContain(token);
  });

  it('keeps raw HTTP for the negative paths (a refusal)', async () => {
    const t = makeTestContext({ target: psc.target, asOf, timeouts: { overallMs: 20_000 } });
    const facts = await cibaProbe.run({ role: 'deny', reuse: false }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'denied' });
    expect(titles(t.evidence)).toContain('CIBA authentication request');
    expect(titles(t.evidence).some((s) => s.startsWith('openid-client'))).toBe(false);
  });
});
