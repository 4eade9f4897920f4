import { readdirSync, readFileSync } from 'node:fs';
import { webcrypto, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { x509 } from '../../src/pki/x509-lib.js';
import { describeFromDer } from '../../src/probes/x509/describe-der.js';
import { describeCertificate, describeWithLibrary } from '../../src/probes/x509/describe.js';

const fixtures = (dir: string): { name: string; der: Buffer }[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .flatMap((f) => (readFileSync(join(dir, f), 'latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((pem, i) => ({ name: `${f}#${i}`, der: Buffer.from(new X509Certificate(pem).raw) })));

const pki = join(import.meta.dirname, '../../fixtures/pki');

async function made(options: { name: string | ConstructorParameters<typeof x509.Name>[0]; keyType?: 'rsa' | 'ec384' | 'pss'; extensions?: (keys: webcrypto.CryptoKeyPair) => x509.Extension[] }): Promise<Buffer> {
  const alg =
    options.keyType === 'ec384'
      ? { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' }
      : options.keyType === 'pss'
        ? { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256', saltLength: 32 }
        : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: 'ff01',
    name: options.name,
    notBefore: new Date('2025-03-01T10:20:30Z'),
    notAfter: new Date('2051-01-01T00:00:00Z'),
    keys,
    signingAlgorithm: alg,
    extensions: options.extensions?.(keys) ?? [],
  });
  return Buffer.from(cert.rawData);
}

describe('certificate description read from the DER', () => {
  it('is the library\'s, string for string, for every certificate of the test PKI (and reads them all itself)', () => {
    const all = [...fixtures(join(pki, 'certs')), ...fixtures(join(pki, 'chains'))];
    expect(all.length).toBeGreaterThan(20);
    for (const { name, der } of all) {
      const fast = describeFromDer(der);
      expect(fast, name).toBeDefined();
      expect(fast, name).toEqual(describeWithLibrary(der));
    }
  });

  it('is the library\'s for escaped and multi-valued names, every key usage bit, unknown extended usages, policies, EC P-384 and a GeneralizedTime', async () => {
    const der = await made({
      name: [{ CN: ['a, b + c; "q" <x>\\'] }, { OU: ['x', 'y'] }, { O: [' lead and trail '] }, { L: ['two\nlines\ttab'] }, { E: ['dr@example.test'] }, { DC: ['example'] }, { C: ['FR'] }, { '2.5.4.5': ['123'] }, { ST: ['Île-de-France'] }],
      keyType: 'ec384',
      extensions: () => [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement | x509.KeyUsageFlags.encipherOnly | x509.KeyUsageFlags.decipherOnly, true),
        new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1', '1.3.6.1.4.1.311.20.2.2', '1.2.3.4.5']),
        new x509.CertificatePolicyExtension(['1.2.250.1.213.1.4.5', '2.5.29.32.0']),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'mx.example.test' },
          { type: 'ip', value: '127.0.0.2' },
          { type: 'email', value: 'dr@example.test' },
          { type: 'url', value: 'https://example.test/x' },
        ]),
      ],
    });
    const fast = describeFromDer(der);
    expect(fast).toBeDefined();
    expect(fast).toEqual(describeWithLibrary(der));
    expect(fast!.keyUsage).toEqual(['digitalSignature', 'keyAgreement', 'encipherOnly', 'decipherOnly']);
    expect(fast!.notAfter).toBe('2051-01-01T00:00:00.000Z');
  });

  it('leaves to the library what it does not know (RSA-PSS, an IPv6 or a directory alternative name), and the description is the library\'s', async () => {
    const odd = [
      await made({ name: 'CN=pss', keyType: 'pss' }),
      await made({ name: 'CN=v6', extensions: () => [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '2001:db8::1' }])] }),
      await made({ name: 'CN=bmp', extensions: () => [new x509.SubjectAlternativeNameExtension([{ type: 'dn', value: 'CN=dir' }])] }),
    ];
    for (const der of odd) {
      expect(describeFromDer(der)).toBeUndefined();
      expect(describeCertificate(der)).toEqual(describeWithLibrary(der));
    }
    const rsa = await made({ name: 'CN=rsa' });
    expect(describeFromDer(rsa)).toEqual(describeWithLibrary(rsa));
    expect(describeFromDer(rsa)?.signatureAlgorithm).toBe('RSASSA-PKCS1-v1_5 SHA-512');
  });
});
