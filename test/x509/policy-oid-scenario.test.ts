import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pkiItem } from '../../src/pki/fixtures.js';
import { checkCertProfile, loadCertProfile } from '../../src/x509/cert-profile.js';
import { x509 } from '../../src/pki/x509-lib.js';
import { defect, instancesOf, REFERENCE_AS_OF, runOnSandbox } from '../helpers/sandbox-scenarios.js';

const der = (item: string) => Buffer.from(new x509.X509Certificate(readFileSync(pkiItem(item).certPath, 'utf8')).rawData);

describe('the SERV SSL profile rule policies', () => {
  it('holds for serv-ssl-sandbox and fails, alone, for serv-ssl-no-policy', () => {
    const profile = loadCertProfile('serv-ssl');
    expect(checkCertProfile(der('serv-ssl-sandbox'), profile, REFERENCE_AS_OF).failedRules).toEqual([]);
    expect(checkCertProfile(der('serv-ssl-no-policy'), profile, REFERENCE_AS_OF).failedRules).toEqual(['policies']);
  });
});

describe('X509-CERT-PROFILE under imap-cert-no-policy', { timeout: 30_000 }, () => {
  it('asks for review on IMAP only (the policy OIDs are unconfirmed: ?), on the policy assertion alone', async () => {
    const d = defect('imap-cert-no-policy');
    const results = await runOnSandbox(instancesOf('X509-CERT-PROFILE'), [d.name]);
    expect(results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual(d.reviews);
    const imap = results.find((r) => r.id === 'X509-CERT-PROFILE/imap')!;
    expect(imap.status).toBe('review');
    expect(imap.assertions.filter((a) => a.status !== 'pass').map((a) => a.description)).toEqual([expect.stringMatching(/SERV SSL policy OID/)]);
  });
});
