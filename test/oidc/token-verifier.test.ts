import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForgeProbe, type ForgeFacts, type ForgeKind } from '../../src/probes/oidc/token-forge.js';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startPscAlone, type RunningPsc } from './psc-helpers.js';

const asOf = new Date('2025-06-01T00:00:00Z');
let psc: RunningPsc;

const CASES: { kind: ForgeKind; reason: string; defect: string; input?: Record<string, unknown> }[] = [
  { kind: 'expired', reason: 'expired', defect: 'xoauth2-accepts-expired', input: { maxWaitSeconds: 10 } },
  { kind: 'wrong-audience', reason: 'audience', defect: 'xoauth2-accepts-wrong-audience', input: { audience: 'https://other-service.sandbox.mssante.test/api' } },
  { kind: 'foreign-issuer', reason: 'issuer', defect: 'xoauth2-accepts-foreign-issuer' },
  { kind: 'bad-signature', reason: 'signature', defect: 'xoauth2-accepts-bad-signature' },
  { kind: 'low-acr', reason: 'acr', defect: 'xoauth2-accepts-low-acr' },
  { kind: 'revoked', reason: 'inactive', defect: 'xoauth2-accepts-revoked' },
];

beforeAll(async () => {
  psc = await startPscAlone();
});
afterAll(async () => {
  await psc?.stop();
});

describe('sandbox token verifier and oidc.token-forge', () => {
  it('accepts a good token, refuses each negative one, and accepts it with the matching defect only', async () => {
    const t = makeTestContext({ target: psc.target, asOf, timeouts: { overallMs: 20_000 } });
    const verifier = psc.services.tokenVerifier!;
    const good = await cibaProbe.run({ identity: 0 }, t.ctx);
    const goodToken = t.ctx.oidc.vault.resolve(good.tokenHandle!, t.redactor);
    expect(await verifier.verify(goodToken)).toMatchObject({ ok: true });

    const forged = await Promise.all(CASES.map((c) => tokenForgeProbe.run({ kind: c.kind, ...c.input }, t.ctx)));
    const tokens = forged.map((f: ForgeFacts) => t.ctx.oidc.vault.resolve(f.tokenHandle, t.redactor));
    for (const [i, c] of CASES.entries()) {
      const token = tokens[i]!;
      expect(await verifier.verify(token), c.kind).toMatchObject({ ok: false, reason: c.reason });
      for (const other of CASES) {
        psc.defects.clear();
        psc.defects.add(other.defect);
        const verdict = await verifier.verify(token);
        expect(verdict.ok, `${c.kind} token with ${other.defect}`).toBe(other.defect === c.defect);
      }
      psc.defects.clear();
    }
    expect(await verifier.verify('not-a-token')).toMatchObject({ ok: false, reason: 'malformed' });

    // Facts and evidence carry claims and handles, never a token.
    const everything = JSON.stringify({ good, forged, evidence: t.evidence });
    for (const token of [goodToken, ...tokens]) expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
    expect(forged[5]).toMatchObject({ revocationStatus: 200, activeAfterRevocation: false });
    expect(forged[2]!.claims.iss).toBe('https://msscheck.invalid/foreign-issuer');
    expect(forged[4]!.claims.acr).toBe('eidas0');
  }, 40_000);

  it('skips an expired token it would have to wait too long for', async () => {
    const t = makeTestContext({ target: psc.target, asOf, timeouts: { overallMs: 10_000 } });
    await expect(tokenForgeProbe.run({ kind: 'expired', identity: 0, maxWaitSeconds: 5 }, t.ctx)).rejects.toMatchObject({ code: 'PRECONDITION', outcome: 'skip' });
  }, 15_000);

  it('skips the negative kinds that need a test identity the target does not list', async () => {
    const target = { ...psc.target, profile: { ...psc.profile, mailboxes: psc.profile.mailboxes!.slice(0, 1) } };
    const t = makeTestContext({ target, asOf });
    await expect(tokenForgeProbe.run({ kind: 'low-acr' }, t.ctx)).rejects.toMatchObject({ code: 'PRECONDITION', outcome: 'skip' });
  });
});
