import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { instancesOf, REFERENCE_AS_OF } from '../helpers/sandbox-scenarios.js';

/**
 * A provider that refuses msscheck's own client (invalid_client: a wrong secret in the profile) or
 * the profile's test identity (unknown_user_id) never ran the CIBA flow: the scenarios are `error`
 * naming the fix (protocol/oauth-client-errors.yaml), never a `fail` of the provider.
 */
describe('CIBA scenarios when the provider refuses our client', { timeout: 60_000 }, () => {
  it('invalid_client (wrong client secret): OIDC-CIBA-APPROVE, -DENIED and -EXPIRED are error ECLIENT_REFUSED, not fail', async () => {
    const sb = await startSandbox();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'msscheck-wrong-secret-'));
      writeFileSync(join(dir, 'secret'), 'not-the-client-secret\n');
      const profile = { ...sb.target.profile, oidcClient: { ...sb.target.profile.oidcClient!, clientSecret: `file:${join(dir, 'secret')}` } };
      const results = await runInstances(instancesOf('OIDC-CIBA-APPROVE', 'OIDC-CIBA-DENIED', 'OIDC-CIBA-EXPIRED'), { target: { ...sb.target, profile }, asOf: REFERENCE_AS_OF, timeouts: { overallMs: 20_000 } });
      expect(results.map((r) => [r.id, r.status])).toEqual([['OIDC-CIBA-APPROVE', 'error'], ['OIDC-CIBA-DENIED', 'error'], ['OIDC-CIBA-EXPIRED', 'error']]);
      for (const r of results) expect(r.reason).toMatch(/answered invalid_client.*RFC 6749 §5\.2.*refused msscheck's client.*Fix: check oidcClient/s);
    } finally {
      await sb.stop();
    }
  });

  it("unknown_user_id for the profile's own test identity: error naming the mailbox's nationalId, not fail", async () => {
    const sb = await startSandbox();
    try {
      const mailboxes = (sb.target.profile.mailboxes ?? []).map((m) => (m.pscTestRole === 'approve' ? { ...m, nationalId: '899999999999' } : m));
      const [r] = await runInstances(instancesOf('OIDC-CIBA-APPROVE'), { target: { ...sb.target, profile: { ...sb.target.profile, mailboxes } }, asOf: REFERENCE_AS_OF, timeouts: { overallMs: 20_000 } });
      expect(r!.status).toBe('error');
      expect(r!.reason).toMatch(/answered unknown_user_id.*never ran.*nationalId/s);
    } finally {
      await sb.stop();
    }
  });
});
