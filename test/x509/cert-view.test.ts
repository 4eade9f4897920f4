import { readdirSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewFromDerOnly, viewWithLibrary } from '../../src/x509/cert-view.js';
import { crlViewFromDerOnly, crlViewWithLibrary } from '../../src/x509/crl-view.js';

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
});
