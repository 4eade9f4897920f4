import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { SMTP_DEFECTS } from '../../src/sandbox/smtp/defects.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { REFERENCE_AS_OF, startSmtpSandbox } from './sandbox.js';

/** The SMTP transport instances: the SMTP family, and the TLS/x509 scenarios' MTA and submission variants. */
const SMTP_TRANSPORT = [
  'X509-CERT-HOSTNAME/mta', 'X509-CERT-HOSTNAME/submission', 'X509-CERT-TRUSTED/mta', 'X509-CERT-TRUSTED/submission',
  'X509-CERT-VALID/mta', 'X509-CERT-VALID/submission', 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED',
  'SMTP-NO-AUTH-BEFORE-TLS/mta', 'SMTP-NO-AUTH-BEFORE-TLS/submission', 'SMTP-STARTTLS-OFFERED/mta',
  'SMTP-STARTTLS-OFFERED/submission', 'TLS-VERSIONS/mta', 'TLS-VERSIONS/submission',
];
const { instances: all } = loadScenarios();
const instances = all.filter((i) => SMTP_TRANSPORT.includes(i.id));
const timeouts = { connectMs: 2_000, idleMs: 2_000, overallMs: 10_000 };

async function runAgainst(defects: string[]): Promise<ScenarioResult[]> {
  const sb = await startSmtpSandbox(defects);
  try {
    return await runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, timeouts });
  } finally {
    await sb.stop();
  }
}

const statusOf = (results: ScenarioResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));

describe('SMTP transport scenarios against the sandbox', () => {
  it('the catalogue has the expected instances', () => {
    expect(instances.map((i) => i.id).sort()).toEqual([...SMTP_TRANSPORT].sort());
  });

  it('every instance passes on the clean sandbox', async () => {
    const results = await runAgainst([]);
    for (const r of results) expect({ id: r.id, status: r.status, reason: r.reason }).toEqual({ id: r.id, status: 'pass', reason: undefined });
  });

  // Every defect must make exactly the instances it names fail, and nothing else fail or error.
  for (const defect of SMTP_DEFECTS) {
    it(`defect ${defect.name} fails exactly ${defect.fails.join(', ')}`, async () => {
      const results = await runAgainst([defect.name]);
      const status = statusOf(results);
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
      // Only the SMTP family runs here; test/sandbox/defects.test.ts checks the whole catalogue.
      const expected = defect.fails.filter((id) => id in status);
      expect(failed).toEqual([...expected].sort());
      expect(results.filter((r) => r.status === 'error').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
      for (const id of expected) expect(status[id]).toBe('fail');
    });
  }

  it('without STARTTLS on the MTA, its TLS and certificate scenarios are skip, not fail', async () => {
    const status = statusOf(await runAgainst(['mta-no-starttls']));
    for (const id of ['TLS-VERSIONS/mta', 'X509-CERT-TRUSTED/mta', 'X509-CERT-VALID/mta', 'X509-CERT-HOSTNAME/mta']) expect(status[id]).toBe('skip');
  });

  it('a scenario against an endpoint that never answers is error within its timeout', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as import('node:net').AddressInfo).port;
      const target = { source: 'test', baseDir: process.cwd(), profile: { operator: { name: 'x' }, domains: ['x.test'], endpoints: { smtpMta: { host: '127.0.0.1', port } } } };
      const only = instances.filter((i) => i.id === 'SMTP-STARTTLS-OFFERED/mta');
      const [r] = await runInstances(only, { target, asOf: REFERENCE_AS_OF, timeouts: { connectMs: 1_000, idleMs: 300, overallMs: 5_000 } });
      expect(r!.status).toBe('error');
      expect(r!.steps[0]!.code).toBe('ETIMEDOUT_IDLE');
    } finally {
      silent.close();
    }
  });
});
