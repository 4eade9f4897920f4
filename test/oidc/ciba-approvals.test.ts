import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { OidcRun } from '../../src/probes/oidc/oidc-run.js';
import { Redactor } from '../../src/util/redact.js';

// Against a real Pro Santé Connect every CIBA request is a person acting on a phone or a card: a run
// asks each test identity at most once and shares the token (and the flow's observations) across
// every scenario that needs it, and the report says how many requests each role received.
describe('CIBA approvals per run', () => {
  it('asks each identity role once across every scenario that needs a PSC token, and says so in the report', async () => {
    const r = await runCli(['run', '--only', 'OIDC-CIBA-*,AUTH-XOAUTH2-*,AUTH-OAUTHBEARER*,MSG-MAILBOX-CONFORMANT', '--quiet', '--out', 'out', '--as-of', '2026-02-01']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8')) as {
      cibaApprovals: { role: string; count: number }[];
      scenarios: { id: string; status: string; evidence: { title: string }[] }[];
    };
    expect(report.scenarios.filter((s) => s.status !== 'pass').map((s) => `${s.id}: ${s.status}`)).toEqual([]);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(10);
    // One approval per identity role: AUTH-XOAUTH2-WRONG-AUDIENCE gets its token for another service
    // by token exchange (RFC 8693) of the approve role's token, REVOKED a fresh token through the
    // refresh token, and both AUTH-XOAUTH2-EXPIRED variants share the short-lived role's one
    // (already expired) token. The ignore role is asked again only when our first poll came too late
    // to judge its request (a loaded machine), and the scenario's evidence then says so.
    const askedAgain = report.scenarios.find((s) => s.id === 'OIDC-CIBA-EXPIRED')!.evidence.filter((e) => /asked again/.test(e.title)).length;
    expect(report.cibaApprovals).toEqual([
      { role: 'approve', count: 1 },
      { role: 'deny', count: 1 },
      { role: 'ignore', count: 1 + askedAgain },
      { role: 'low-acr', count: 1 },
      { role: 'short-lived', count: 1 },
    ]);
    expect(r.code).toBe(0);
  });

  it('keeps tokens per run: a handle from one run means nothing in another (fleet runs share a process)', () => {
    const a = new OidcRun();
    const b = new OidcRun();
    const handle = a.vault.deposit('token-of-run-a', { exp: 2_000_000_000 }, new Redactor());
    expect(a.vault.resolve(handle, new Redactor())).toBe('token-of-run-a');
    expect(() => b.vault.resolve(handle, new Redactor())).toThrow(/no token behind handle/);
    a.countRequest('approve');
    expect(b.approvalCounts()).toEqual([]);
    expect(a.approvalCounts()).toEqual([{ role: 'approve', count: 1 }]);
  });
});
