import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pkiItem } from '../../src/pki/fixtures.js';
import { checkCertProfile, loadCertProfile } from '../../src/x509/cert-profile.js';
import { x509 } from '../../src/pki/x509-lib.js';
import { defect, instancesOf, REFERENCE_AS_OF, runOnSandbox, statuses } from '../helpers/sandbox-scenarios.js';

const der = (item: string) => Buffer.from(new x509.X509Certificate(readFileSync(pkiItem(item).certPath, 'utf8')).rawData);

describe('the SERV SSL profile rule crlDistributionPoints', () => {
  it('holds for a certificate with an HTTP distribution point and names what is missing otherwise', () => {
    const profile = loadCertProfile('serv-ssl');
    const ok = checkCertProfile(der('serv-ssl-sandbox'), profile, REFERENCE_AS_OF).findings.find((f) => f.rule === 'crlDistributionPoints')!;
    expect(ok).toMatchObject({ ok: true, detail: expect.stringContaining('http://igc-sante.esante.gouv.fr/CRL/ACI-EL-ORG-TEST.crl') });
    const missing = checkCertProfile(der('serv-ssl-no-crl-dp'), profile, REFERENCE_AS_OF);
    expect(missing.failedRules).toEqual(['crlDistributionPoints']);
    const ldapOnly = checkCertProfile(der('serv-ssl-sandbox'), { ...profile, crlDistributionPoints: { requiredSchemes: ['http', 'ldap'] } }, REFERENCE_AS_OF);
    expect(ldapOnly.violations).toEqual([expect.stringMatching(/no ldap URI/)]);
  });
});

describe('X509-CERT-CRL-DP against the sandbox', { timeout: 30_000 }, () => {
  const instances = instancesOf('X509-CERT-CRL-DP');
  it('passes on every endpoint of the clean sandbox', async () => {
    expect(Object.values(statuses(await runOnSandbox(instances)))).toEqual(['pass', 'pass', 'pass']);
  });
  it.each(['smtp-cert-no-crl-dp', 'imap-cert-no-crl-dp'])('fails exactly the endpoints presenting serv-ssl-no-crl-dp under %s', async (name) => {
    const results = await runOnSandbox(instances, [name]);
    expect(results.filter((r) => r.status === 'fail').map((r) => r.id).sort()).toEqual([...defect(name).fails].sort());
    expect(results.filter((r) => r.status !== 'fail').every((r) => r.status === 'pass')).toBe(true);
  });
});
