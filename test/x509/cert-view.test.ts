import { readdirSync, readFileSync } from 'node:fs';
import { sign, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewFromDerOnly, viewWithLibrary } from '../../src/x509/cert-view.js';
import { crlViewFromDerOnly, crlViewWithLibrary } from '../../src/x509/crl-view.js';
import { children, tlv } from '../../src/x509/der.js';

const pki = join(import.meta.dirname, '../../fixtures/pki');
const certs = ['certs', 'chains'].flatMap((dir) =>
  readdirSync(join(pki, dir))
    .filter((f) => f.endsWith('.pem'))
    .flatMap((f) => (readFileSync(join(pki, dir, f), 'latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((pem, i) => ({ name: `${f}#${i}`, der: Buffer.from(new X509Certificate(pem).raw) }))),
);
const crls = readdirSync(join(pki, 'crl'))
  .filter((f) => f.endsWith('.crl'))
  .map((f) => ({ name: f, der: readFileSync(join(pki, 'crl', f)) }));

describe('what the checks read of certificates and CRLs, from the DER', () => {
  it('is the library\'s for every test-PKI certificate (serial, names, subject types, issuer CN, CA, CRL and OCSP URLs), and reads them all itself', () => {
    expect(certs.length).toBeGreaterThan(20);
    for (const { name, der } of certs) {
      const fast = viewFromDerOnly(der);
      expect(fast, name).toBeDefined();
      expect(fast, name).toEqual(viewWithLibrary(der));
    }
    expect(certs.some((c) => viewFromDerOnly(c.der)!.ocspResponders.length > 0)).toBe(true);
    expect(certs.some((c) => viewFromDerOnly(c.der)!.isCa)).toBe(true);
  });

  it('is the library\'s for every test-PKI CRL (issuer, dates, entries with their reasons), and its signature verifies as the library\'s does', async () => {
    expect(crls.length).toBeGreaterThan(3);
    let revoked = 0;
    for (const { name, der } of crls) {
      const fast = crlViewFromDerOnly(der);
      const lib = crlViewWithLibrary(der);
      expect(fast, name).toBeDefined();
      const { verify: _a, ...f } = fast!;
      const { verify: _b, ...l } = lib;
      expect(f, name).toEqual(l);
      revoked += f.entries.length;
      // the issuing CA verifies it; another CA does not (both readers agree)
      const issuer = certs.find((c) => viewFromDerOnly(c.der)!.subject === f.issuer)!.der;
      const other = certs.find((c) => viewFromDerOnly(c.der)!.subject !== f.issuer && viewFromDerOnly(c.der)!.isCa)!.der;
      expect(await fast!.verify(issuer), name).toBe(true);
      expect(await lib.verify(issuer), name).toBe(true);
      expect(await fast!.verify(other), name).toBe(false);
      expect(await lib.verify(other), name).toBe(false);
    }
    expect(revoked).toBeGreaterThan(0);
    // a CRL whose signature does not match its bytes is refused by both
    const { der } = crls.find((c) => crlViewFromDerOnly(c.der)!.entries.length > 0)!;
    const tampered = Buffer.from(der);
    tampered[tampered.length - 20] ^= 0x01;
    const issuerName = crlViewFromDerOnly(der)!.issuer;
    const issuer = certs.find((c) => viewFromDerOnly(c.der)!.subject === issuerName)!.der;
    expect(await crlViewFromDerOnly(tampered)!.verify(issuer)).toBe(false);
    expect(await crlViewWithLibrary(tampered).verify(issuer)).toBe(false);
  });
  it('a CRL signature verifies only as the algorithm the CRL declares, and a CRL whose two algorithm fields differ goes to the library', async () => {
    // ACI-ST-ORG-TEST's CRL, re-signed by its CA's RSA key over a tbsCertList that declares
    // ecdsa-with-SHA256 (inner and outer): the RSA signature is genuine over those bytes, yet the
    // declared algorithm needs an EC key.
    const der = readFileSync(join(pki, 'crl', 'ACI-ST-ORG-TEST.crl'));
    const caKey = readFileSync(join(pki, 'keys', 'aci-st-org-test.key.pem'));
    const issuer = certs.find((c) => c.name.startsWith('aci-st-org-test'))!.der;
    const len = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
    const wrap = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
    const ECDSA_SHA256 = wrap(0x30, Buffer.from('06082a8648ce3d040302', 'hex'));
    const [tbs, alg] = children(der, tlv(der, 0, der.length));
    const fields = children(der, tbs!);
    const inner = fields[0]!.tag === 0x02 ? 1 : 0;
    const rebuild = (innerAlg: Buffer): Buffer => wrap(0x30, Buffer.concat(fields.map((f, i) => (i === inner ? innerAlg : der.subarray(f.at, f.end)))));
    const crl = (tbsBytes: Buffer, outer: Buffer, key: Buffer | undefined): Buffer =>
      wrap(0x30, Buffer.concat([tbsBytes, outer, wrap(0x03, Buffer.concat([Buffer.from([0]), sign('sha256', tbsBytes, key ?? caKey)]))]));
    // Control: re-signed as it declares (sha256WithRSA), it verifies.
    const same = rebuild(der.subarray(fields[inner]!.at, fields[inner]!.end));
    expect(await crlViewFromDerOnly(crl(same, der.subarray(alg!.at, alg!.end), undefined))!.verify(issuer)).toBe(true);
    const declaredEc = rebuild(ECDSA_SHA256);
    expect(await crlViewFromDerOnly(crl(declaredEc, ECDSA_SHA256, undefined))!.verify(issuer)).toBe(false);
    // Outer algorithm differing from the tbsCertList's: not read here (the library decides).
    expect(crlViewFromDerOnly(crl(same, ECDSA_SHA256, undefined))).toBeUndefined();
  });
});
