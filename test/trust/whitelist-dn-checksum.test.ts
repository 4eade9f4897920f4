import { describe, expect, it } from 'vitest';
import { checksumValue } from '../../src/probes/trust/whitelist-checksum-probe.js';
import { defect, instancesOf, runOnSandbox, statuses } from '../helpers/sandbox-scenarios.js';

const instances = instancesOf('TRUST-WHITELIST-MTA-DN', 'TRUST-WHITELIST-CHECKSUM');

describe('checksum file forms', () => {
  it('reads the hex SHA-256 as ANS writes it (alone, with a trailing space) and as sha256sum/openssl write it', () => {
    const h = 'fcec0113fe62c11c551882adc97f9eb254665d41fc31404cf984a0672cd9b2b2';
    expect(checksumValue(`${h} `)).toBe(h);
    expect(checksumValue(`${h.toUpperCase()}  listeblanchemssante.xml\n`)).toBe(h);
    expect(checksumValue(`SHA2-256(listeblanchemssante.xml)= ${h}\n`)).toBe(h);
    expect(checksumValue('md5 only: d41d8cd98f00b204e9800998ecf8427e')).toBeUndefined();
  });
});

describe('TRUST-WHITELIST-MTA-DN and TRUST-WHITELIST-CHECKSUM against the sandbox', { timeout: 30_000 }, () => {
  it('pass on the clean sandbox, with the DN compared as evidence', async () => {
    const results = await runOnSandbox(instances);
    expect(statuses(results)).toEqual({ 'TRUST-WHITELIST-MTA-DN': 'pass', 'TRUST-WHITELIST-CHECKSUM': 'pass' });
    const dn = results.find((r) => r.id === 'TRUST-WHITELIST-MTA-DN')!.evidence.find((e) => e.title.startsWith('Whitelist DN'))!.data as { certificateDn: string; domains: { domain: string; includesCertificateDn: boolean }[] };
    expect(dn.certificateDn).toBe('CN=localhost,OU=00000000000000,O=MSSCHECK SANDBOX,ST=Paris (75),C=FR');
    expect(dn.domains).toEqual([expect.objectContaining({ domain: 'sandbox.mssante.test', includesCertificateDn: true })]);
  });

  it.each(['whitelist-foreign-dn', 'whitelist-checksum-mismatch'])('%s fails exactly its scenario', async (name) => {
    const results = await runOnSandbox(instances, [name]);
    expect(results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(defect(name).fails);
    expect(results.filter((r) => r.status !== 'fail').map((r) => r.status)).toEqual(['pass']);
  });

  it('the DN check is skipped, not passed, when none of the domains is listed', async () => {
    const results = await runOnSandbox(instancesOf('TRUST-WHITELIST-MTA-DN'), ['whitelist-missing-domain']);
    expect(results[0]!.status).toBe('skip');
  });
});
