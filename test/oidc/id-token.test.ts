import { describe, expect, it } from 'vitest';
import { defect, instancesOf, runOnSandbox } from '../helpers/sandbox-scenarios.js';

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
