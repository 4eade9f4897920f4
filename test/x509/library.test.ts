import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkiItem, pkiManifest, pkiTrust, PKI_DIR } from '../../src/pki/fixtures.js';
import { startCrlMirror, type RunningCrlMirror } from '../../src/sandbox/crl/index.js';
import { InputError } from '../../src/util/input-error.js';
import { checkCertProfile, loadCertProfile } from '../../src/x509/cert-profile.js';
import { checkRevocation, crlFetchUrl } from '../../src/x509/revocation.js';
import { CrlCache } from '../../src/x509/crl-cache.js';
import { liveClock } from '../../src/x509/live-clock.js';
import { readCertificateBundle } from '../../src/x509/trust-store.js';
import { loadTrustAnchors } from '../../src/probes/x509/trust-anchors.js';

const AS_OF = new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`);
const der = (name: string): Buffer => new X509Certificate(pkiItem(name).cert).raw;
const timeouts = { connectMs: 1_000, idleMs: 500, overallMs: 3_000 };

describe('trust bundles', () => {
  it('reads the PKCS#7 .p7b bundle as the same certificates as the PEM chain', () => {
    const p7b = readCertificateBundle(pkiTrust().igcP7b).map((c) => c.fingerprint256).sort();
    const pem = readCertificateBundle(pkiTrust().igcChain).map((c) => c.fingerprint256).sort();
    expect(p7b.length).toBe(6);
    expect(p7b).toEqual(pem);
  });
  it('a target profile may give its trust anchors as the ANS .p7b bundle', () => {
    const target = { source: 't', baseDir: PKI_DIR, profile: { operator: { name: 'o' }, domains: ['d.test'], endpoints: {}, trustAnchors: [pkiTrust().igcP7b] } };
    expect(loadTrustAnchors(target).map((c) => c.subject.split('\n').pop())).toContain('CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS');
  });
  it('names the file of a bundle that holds no certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-x509-'));
    writeFileSync(join(dir, 'empty.pem'), 'nothing here\n');
    expect(() => readCertificateBundle(join(dir, 'empty.pem'))).toThrow(/empty\.pem.*neither PEM nor DER|empty\.pem/);
  });
});

describe('certificate profiles as data', () => {
  const serv = loadCertProfile('serv-ssl');
  const cases: [string, string[]][] = [
    ['serv-ssl-sandbox', []],
    ['serv-ssl-peer', []],
    ['serv-ssl-wrong-key-usage', ['keyUsage']],
    ['serv-ssl-wrong-eku', ['extKeyUsage']],
    ['serv-ssl-rsa1024', ['key']],
    ['serv-ssl-sha1', ['signature']],
    ['serv-ssl-expired', ['validity']],
    ['serv-ssl-not-yet-valid', ['validity']],
    ['serv-ssl-non-igc', ['issuer']],
  ];
  for (const [item, failed] of cases) {
    it(`${item} against serv-ssl fails ${failed.join(', ') || 'nothing'}`, () => {
      expect(checkCertProfile(der(item), serv, AS_OF).failedRules).toEqual(failed);
    });
  }
  it('the organisation client profile accepts app-client and refuses a server-only EKU', () => {
    const org = loadCertProfile('org-client');
    expect(checkCertProfile(der('app-client'), org, AS_OF).failedRules).toEqual([]);
    expect(checkCertProfile(der('cps-person'), org, AS_OF).failedRules).toContain('issuer');
  });
  it('a malformed profile is an input error naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-profile-'));
    const p = join(dir, 'bad.yaml');
    writeFileSync(p, 'id: bad\ntitle: t\nsource: s\nkeyUsage: { required: [flying] }\n');
    try {
      loadCertProfile(p);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems[0]).toMatchObject({ file: p, line: 4 });
    }
  });
});

describe('revocation by CRL', () => {
  let mirror: RunningCrlMirror;
  const issuer = () => der('aci-el-org-test');
  beforeAll(async () => {
    mirror = await startCrlMirror(join(PKI_DIR, 'crl'), '127.0.0.1');
  });
  afterAll(() => mirror.close());

  it('maps a distribution point to the mirror by file name', () => {
    expect(crlFetchUrl('http://igc-sante.esante.gouv.fr/CRL/ACI-EL-ORG-TEST.crl', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/ACI-EL-ORG-TEST.crl');
    expect(crlFetchUrl('http://x.test/a.crl')).toBe('http://x.test/a.crl');
  });
  it('finds serv-ssl-revoked revoked and serv-ssl-sandbox good, OCSP reported as not tested', async () => {
    const revoked = await checkRevocation(der('serv-ssl-revoked'), issuer(), AS_OF, { mirrorBase: mirror.url, timeouts });
    expect(revoked).toMatchObject({ status: 'revoked', method: 'crl', reason: 'keyCompromise', ocsp: 'not-tested', ocspResponders: ['http://ocsp.esante.gouv.fr'] });
    const good = await checkRevocation(der('serv-ssl-sandbox'), issuer(), AS_OF, { mirrorBase: mirror.url, timeouts });
    expect(good.status).toBe('good');
  });
  it('a CRL issued today is current with the as-of at midnight: freshness is judged by the real clock', async () => {
    // The CRL's thisUpdate is 2025-01-02T00:00Z; a run that morning with the as-of at midnight the day before.
    const r = await checkRevocation(der('serv-ssl-sandbox'), issuer(), new Date('2025-01-01T23:00:00Z'), { mirrorBase: mirror.url, timeouts, clock: liveClock(new Date('2025-01-02T00:03:00Z')) });
    expect(r).toMatchObject({ status: 'good', crl: 'good' });
    const early = await checkRevocation(der('serv-ssl-sandbox'), issuer(), new Date('2025-01-01T23:00:00Z'), { mirrorBase: mirror.url, timeouts, clock: liveClock(new Date('2025-01-01T23:50:00Z')) });
    expect(early.status).toBe('unknown');
    expect(early.problems.join(' ')).toMatch(/not yet valid: thisUpdate .* clock skew allowed/);
  });

  it('before the revocation date, the certificate is not revoked yet; a CRL past its nextUpdate by the real clock is outdated (unknown)', async () => {
    const before = await checkRevocation(der('serv-ssl-revoked'), issuer(), new Date('2025-01-01T12:00:00Z'), { mirrorBase: mirror.url, timeouts, clock: liveClock(new Date('2025-01-02T08:00:00Z')) });
    expect(before.status).toBe('good');
    const late = await checkRevocation(der('serv-ssl-sandbox'), issuer(), new Date('2036-01-01T00:00:00Z'), { mirrorBase: mirror.url, timeouts, clock: liveClock(new Date('2036-01-01T00:00:00Z')) });
    expect(late.status).toBe('unknown');
    expect(late.problems.join(' ')).toMatch(/outdated/);
  });
  it('a CRL signed by another CA does not count (unknown, not good)', async () => {
    const r = await checkRevocation(der('serv-ssl-sandbox'), der('aci-st-org-test'), AS_OF, { mirrorBase: mirror.url, timeouts });
    expect(r.status).toBe('unknown');
  });
  it('a silent CRL server gives an idle timeout; a download is cached by the run\'s cache only, until its nextUpdate', async () => {
    let hits = 0;
    const body = readFileSync(join(PKI_DIR, 'crl', 'ACI-EL-ORG-TEST.crl'));
    const server = http.createServer((req, res) => {
      hits++;
      if (req.url?.includes('ACI-EL-ORG')) res.end(body); // others: never answer
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      // Without a cache (no run), every check fetches: nothing is kept in the process.
      await checkRevocation(der('serv-ssl-sandbox'), issuer(), AS_OF, { mirrorBase: base, timeouts });
      await checkRevocation(der('serv-ssl-peer'), issuer(), AS_OF, { mirrorBase: base, timeouts });
      expect(hits).toBe(2);
      // One run's cache: fetched once for both certificates of the same CA.
      let now = AS_OF.getTime();
      const cache = new CrlCache(() => now);
      await checkRevocation(der('serv-ssl-sandbox'), issuer(), AS_OF, { mirrorBase: base, timeouts, cache });
      await checkRevocation(der('serv-ssl-peer'), issuer(), AS_OF, { mirrorBase: base, timeouts, cache });
      expect(hits).toBe(3);
      // Another run (another target) has its own cache: it fetches for itself.
      await checkRevocation(der('serv-ssl-peer'), issuer(), AS_OF, { mirrorBase: base, timeouts, cache: new CrlCache(() => now) });
      expect(hits).toBe(4);
      // Past the CRL's nextUpdate (a long fleet process), the run fetches the CRL again.
      now = new Date('2040-01-01T00:00:00Z').getTime();
      await checkRevocation(der('serv-ssl-peer'), issuer(), AS_OF, { mirrorBase: base, timeouts, cache });
      expect(hits).toBe(5);
      const silent = await checkRevocation(der('aci-el-org-test') /* names ACR-EL-TEST.crl, never answered */, der('acr-el-test'), AS_OF, { mirrorBase: base, timeouts });
      expect(silent.status).toBe('unknown');
      expect(silent.crls[0]!.error?.code).toBe('ETIMEDOUT_IDLE');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
