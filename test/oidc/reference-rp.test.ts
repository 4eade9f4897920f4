import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startPscAlone, type RunningPsc } from './psc-helpers.js';

// The positive PSC path (a person who approves) is run by openid-client, the reference relying
// party, through msscheck's transport; refusal and expiry stay on raw HTTP.
const asOf = new Date('2025-06-01T00:00:00Z');
let psc: RunningPsc;

beforeAll(async () => {
  psc = await startPscAlone();
});
afterAll(async () => {
  await psc?.stop();
});

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
