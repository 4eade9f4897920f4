import { readdirSync, readFileSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { certIdFields, issuerHashes } from '../../src/x509/der-fields.js';
import { signedDataCertificates } from '../../src/x509/der.js';
import { x509 } from '../../src/pki/x509-lib.js';

const dir = join(import.meta.dirname, '../../fixtures/pki/certs');
const ders = readdirSync(dir)
  .filter((f) => f.endsWith('.pem'))
  .map((f) => ({ name: f, der: Buffer.from(new X509Certificate(readFileSync(join(dir, f))).raw) }));
const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('certIdFields', () => {
  it('reads the same serial, subject and key bits as a full ASN.1 decode, for every certificate of the test PKI', () => {
    expect(ders.length).toBeGreaterThan(10);
    for (const { name, der } of ders) {
      const c = pkijs.Certificate.fromBER(ab(der));
      const f = certIdFields(der);
      expect(f.serial.toString('hex'), name).toBe(Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'));
      expect(f.subject.toString('hex'), name).toBe(Buffer.from(c.subject.toSchema().toBER()).toString('hex'));
      expect(f.subjectPublicKey.toString('hex'), name).toBe(Buffer.from(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).toString('hex'));
      const sha1 = (b: ArrayBuffer | Uint8Array) => createHash('sha1').update(new Uint8Array(b)).digest('hex');
      const h = issuerHashes(der);
      expect(h.nameHash.toString('hex')).toBe(sha1(c.subject.toSchema().toBER()));
      expect(h.keyHash.toString('hex')).toBe(sha1(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
    }
  });

  it('refuses what is not a certificate: truncated, wrong tags, lengths past the end', () => {
    const der = ders[0]!.der;
    expect(() => certIdFields(der.subarray(0, 40))).toThrow(/truncated|bad DER/);
    expect(() => certIdFields(Buffer.from([0x04, 0x02, 0x00, 0x00]))).toThrow(/not a certificate/);
    expect(() => certIdFields(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toThrow(/truncated|bad DER/);
    expect(() => certIdFields(Buffer.alloc(0))).toThrow(/truncated/);
  });

  it('reads a PKCS#7 bundle\'s certificates as the library does (the IGC-Santé .p7b), and leaves what is not SignedData to it', () => {
    const p7b = readFileSync(join(import.meta.dirname, '../../fixtures/pki/trust/Chaine_de_certification-IGC-Sante-TEST.p7b'));
    const fast = signedDataCertificates(p7b);
    const bundle = new x509.X509Certificates();
    bundle.import(p7b);
    expect(fast?.length).toBeGreaterThan(1);
    expect(fast!.map((c) => Buffer.from(c).toString('hex'))).toEqual(bundle.map((c) => Buffer.from(c.rawData).toString('hex')));
    expect(signedDataCertificates(ders[0]!.der)).toBeUndefined();
    expect(signedDataCertificates(p7b.subarray(0, p7b.length - 10))).toBeUndefined();
  });
});
