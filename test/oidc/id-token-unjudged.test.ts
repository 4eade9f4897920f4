import { describe, expect, it, vi } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { runCibaFlow } from '../../src/probes/oidc/ciba-flow.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { instancesOf, REFERENCE_AS_OF } from '../helpers/sandbox-scenarios.js';

// openid-client stops before it judges the ID token of the replayed raw response (as it does on a
// malformed token response): the library never judged that token.
vi.mock('../../src/probes/oidc/reference-rp.js', async (original) => ({
  ...(await original<typeof import('../../src/probes/oidc/reference-rp.js')>()),
  referenceIdTokenJudgement: vi.fn(async () => undefined),
}));

describe('OIDC-ID-TOKEN on an ID token openid-client never judged', { timeout: 60_000 }, () => {
  it('the fact is absent, the assertion cannot be judged, and the scenario is an error, never a pass', async () => {
    const sb = await startSandbox();
    const t = makeTestContext({ target: sb.target, asOf: new Date() });
    try {
      const facts = await runCibaFlow(t.ctx, { role: 'approve', reuse: false }, { raw: true });
      expect(facts.outcome).toBe('approved');
      expect(facts.idTokenHandle).toMatch(/^vault:/);
      expect('idTokenAccepted' in facts).toBe(false);
      expect(facts.idTokenRefusal).toBeUndefined();
      const [r] = await runInstances(instancesOf('OIDC-ID-TOKEN'), { target: sb.target, asOf: REFERENCE_AS_OF, oidc: t.ctx.oidc, redactor: t.redactor, timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 } });
      expect(t.ctx.oidc.approvalCounts()).toEqual([{ role: 'approve', count: 1 }]);
      expect(r!.status).toBe('error');
      expect(r!.assertions.some((a) => a.fact === 'idTokenAccepted')).toBe(false);
      expect(r!.reason).toMatch(/idTokenAccepted/);
      // The claims themselves were still judged by the scenario's own step.
      expect(r!.assertions.filter((a) => a.step === 'id_token').map((a) => a.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    } finally {
      await sb.stop();
    }
  });
});
