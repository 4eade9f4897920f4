import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { runCibaFlow } from '../../src/probes/oidc/ciba-flow.js';
import { idTokenProbe } from '../../src/probes/oidc/id-token.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { defect, instancesOf, REFERENCE_AS_OF, runOnSandbox } from '../helpers/sandbox-scenarios.js';

const instances = instancesOf('OIDC-ID-TOKEN');

describe('OIDC-ID-TOKEN against the sandbox Pro Santé Connect', { timeout: 60_000 }, () => {
  it('passes: the ID token verifies against the JWKS and its claims are right; it never reaches the report', async () => {
    const [r] = await runOnSandbox(instances);
    expect({ status: r!.status, reason: r!.reason }).toEqual({ status: 'pass', reason: undefined });
    const claims = r!.evidence.find((e) => e.title === 'ID token claims (signature verified)')!.data as { iss: string; aud: string; sub: string };
    expect(claims.sub).toBeTruthy();
    expect(r!.evidence.some((e) => e.title.startsWith('JWKS'))).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });

  it('fails under psc-id-token-issued-after-expiry (a token that verifies, and that openid-client accepts, issued after it expires)', async () => {
    expect(defect('psc-id-token-issued-after-expiry').fails).toEqual(['OIDC-ID-TOKEN']);
    const [r] = await runOnSandbox(instances, ['psc-id-token-issued-after-expiry']);
    expect(r!.status).toBe('fail');
    expect(r!.assertions.filter((a) => a.status === 'fail').map((a) => a.fact)).toEqual(['expAfterIat']);
  });
});

describe('OIDC-ID-TOKEN under the defects that withhold or spoil the ID token', { timeout: 60_000 }, () => {
  it('psc-no-id-token: no ID token comes with the access token; the claims are not judged', async () => {
    expect(defect('psc-no-id-token').fails).toEqual(['OIDC-ID-TOKEN']);
    const [r] = await runOnSandbox(instances, ['psc-no-id-token']);
    expect(r!.status).toBe('fail');
    expect(r!.assertions.filter((a) => a.status === 'fail').map((a) => a.fact)).toEqual(['idTokenHandle']);
  });

  it('psc-id-token-wrong-claims: openid-client refuses the ID token, the approval stands, and each wrong claim fails', async () => {
    expect(defect('psc-id-token-wrong-claims').fails).toEqual(['OIDC-ID-TOKEN']);
    const results = await runOnSandbox([...instances, ...instancesOf('OIDC-CIBA-APPROVE')], ['psc-id-token-wrong-claims']);
    const r = results.find((x) => x.id === 'OIDC-ID-TOKEN')!;
    expect(r.status).toBe('fail');
    expect(r.assertions.filter((a) => a.status === 'fail').map((a) => a.fact).sort()).toEqual(['audIncludesClient', 'idTokenAccepted', 'issMatchesIssuer', 'missingClaims']);
    // The access token of the same answer is judged as usual: the approval is not an error.
    expect(results.find((x) => x.id === 'OIDC-CIBA-APPROVE')!.status).toBe('pass');
    expect(JSON.stringify(results)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});

describe('a token msscheck received by raw HTTP is judged by openid-client too (the same response handed to it)', { timeout: 60_000 }, () => {
  const rawFlow = async (defects: string[]) => {
    const sb = await startSandbox({ defects });
    const t = makeTestContext({ target: sb.target, asOf: new Date() });
    try {
      const facts = await runCibaFlow(t.ctx, { role: 'approve', reuse: false }, { raw: true });
      const after = await runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, oidc: t.ctx.oidc, redactor: t.redactor, timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 } });
      // The scenario reused the raw flow's approval: the person was asked once.
      expect(t.ctx.oidc.approvalCounts()).toEqual([{ role: 'approve', count: 1 }]);
      return { facts, scenario: after[0]! };
    } finally {
      await sb.stop();
    }
  };

  it('clean provider: openid-client accepts the raw flow\'s ID token, and OIDC-ID-TOKEN reusing that approval passes', async () => {
    const { facts, scenario } = await rawFlow([]);
    expect(facts).toMatchObject({ outcome: 'approved', idTokenAccepted: true });
    expect(facts.idTokenRefusal).toBeUndefined();
    expect({ status: scenario.status, reason: scenario.reason }).toEqual({ status: 'pass', reason: undefined });
  });

  it('psc-id-token-wrong-claims: openid-client refuses the raw flow\'s ID token, and OIDC-ID-TOKEN reusing it fails on that', async () => {
    const { facts, scenario } = await rawFlow(['psc-id-token-wrong-claims']);
    expect(facts).toMatchObject({ outcome: 'approved', idTokenAccepted: false });
    expect(facts.idTokenRefusal).toBeTruthy();
    expect(scenario.status).toBe('fail');
    expect(scenario.assertions.find((a) => a.fact === 'idTokenAccepted')).toMatchObject({ status: 'fail', found: false });
  });
});

describe('oidc.id-token judges no claim of a token that does not verify', () => {
  it('an ID token signed by another key is an error ETOKEN_UNVERIFIED, never claims', async () => {
    const sb = await startSandbox();
    try {
      const t = makeTestContext({ target: sb.target, asOf: new Date() });
      const issuer = sb.target.profile.endpoints.oidc!.issuer;
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT({ sub: 'psc-1' }).setProtectedHeader({ alg: 'RS256', kid: 'not-the-provider' }).setIssuer(issuer).setAudience(sb.target.profile.oidcClient!.clientId).setIssuedAt().setExpirationTime('5m').sign(privateKey);
      const handle = t.ctx.oidc.vault.deposit(forged, {}, t.redactor, 'id token');
      await expect(idTokenProbe.run({ token: handle }, t.ctx)).rejects.toMatchObject({ code: 'ETOKEN_UNVERIFIED', outcome: 'error' });
      expect(t.evidence.some((e) => e.kind === 'token-claims')).toBe(false);
    } finally {
      await sb.stop();
    }
  });
});
