import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { TRUST_DEFECTS } from '../../src/sandbox/smtp/peer-trust.js';
import { loadScenarios } from '../../src/scenarios/loader.js';

const REFERENCE_AS_OF = new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`);
const instances = ['tls', 'x509', 'trust'].flatMap((f) => loadScenarios(fileURLToPath(new URL(`../../scenarios/${f}/`, import.meta.url))).instances);
const timeouts = { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 };

async function runAgainst(defects: string[]): Promise<ScenarioResult[]> {
  const sb = await startSandbox({ defects });
  try {
    return await runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, timeouts });
  } finally {
    await sb.stop();
  }
}

describe('TLS, x509 and trust scenarios against the sandbox', { timeout: 30_000 }, () => {
  it('every instance passes on the clean sandbox, and the evidence has the documented shapes', async () => {
    const results = await runAgainst([]);
    for (const r of results) expect({ id: r.id, status: r.status, reason: r.reason }).toEqual({ id: r.id, status: 'pass', reason: undefined });
    const suites = results.find((r) => r.id === 'TLS-CIPHER-SUITES/mta')!;
    const table = suites.evidence.find((e) => e.kind === 'tls-table')!.data as { endpoint: string; rows: { protocol: string; cipher: string; accepted: boolean; verdict: string }[] };
    expect(table.endpoint).toBe('smtpMta');
    expect(table.rows.some((r) => r.accepted && r.protocol === 'TLSv1.3' && r.verdict === 'ok')).toBe(true);
    expect(table.rows.some((r) => r.accepted && r.cipher === 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')).toBe(true);
    expect(table.rows.filter((r) => r.protocol === 'any').every((r) => !r.accepted && r.verdict === 'n/a')).toBe(true);
    const chain = results.find((r) => r.id === 'X509-CERT-NOT-REVOKED/mta')!.evidence.find((e) => e.kind === 'certificate-chain')!.data as { certificates: { subject: string; sha256: string; serial: string }[]; trusted: boolean };
    expect(chain.trusted).toBe(true);
    expect(chain.certificates[0]).toMatchObject({ serial: '11000001', sha256: pkiManifest().items.find((i) => i.name === 'serv-ssl-sandbox')!.sha256.toLowerCase() });
    // the peer's private key never reaches the result
    const json = JSON.stringify(results);
    expect(json).not.toMatch(/BEGIN PRIVATE KEY/);
  });

  for (const defect of TRUST_DEFECTS) {
    it(`defect ${defect.name} fails exactly ${defect.fails.join(', ')}`, async () => {
      const results = await runAgainst([defect.name]);
      expect(results.filter((r) => r.status === 'fail').map((r) => r.id).sort()).toEqual([...defect.fails].sort());
      const unverifiable = defect.unverifiable ?? [];
      expect(results.filter((r) => unverifiable.includes(r.id) && r.status !== 'error' && r.status !== 'skip').map((r) => `${r.id}: ${r.status}`)).toEqual([]);
      expect(results.filter((r) => r.status === 'error' && !unverifiable.includes(r.id)).map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    });
  }

  it('a CRL mirror that is down makes the revocation scenario an error, never a pass', async () => {
    const sb = await startSandbox({});
    try {
      const target = { ...sb.target, profile: { ...sb.target.profile, endpoints: { ...sb.target.profile.endpoints, crl: { url: 'http://127.0.0.1:1/' } } } };
      const only = instances.filter((i) => i.id === 'X509-CERT-NOT-REVOKED/mta');
      const [r] = await runInstances(only, { target, asOf: REFERENCE_AS_OF, timeouts });
      expect(r!.status).toBe('error');
      expect(r!.reason).toMatch(/could not be established/);
    } finally {
      await sb.stop();
    }
  });
});
