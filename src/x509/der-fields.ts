/**
 * The few fields of an X.509 certificate an OCSP CertID is made of (RFC 6960 §4.1.1), read straight
 * from its DER without decoding the rest: the serial number, the subject Name as encoded (what
 * `issuerNameHash` hashes) and the subject public key's bits (what `issuerKeyHash` hashes).
 * A full ASN.1 decode (pkijs) of every certificate and issuer of every OCSP request was most of the
 * client's OCSP time. Malformed DER throws.
 */
import { createHash } from 'node:crypto';

export interface CertIdFields {
  /** Content octets of the serialNumber INTEGER (as encoded, leading 00 included). */
  serial: Buffer;
  /** The whole subject Name (tag, length and content). */
  subject: Buffer;
  /** The subjectPublicKey BIT STRING's bits (without its unused-bits octet). */
  subjectPublicKey: Buffer;
}

interface Tlv {
  tag: number;
  /** Offset of the content octets. */
  start: number;
  /** Offset just past the content octets. */
  end: number;
}

/** The DER element at `at`, within `limit`. */
function tlv(der: Buffer, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error('truncated DER');
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('unexpected multi-octet DER tag');
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new Error('truncated DER');
  return { tag, start, end };
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const VERSION = 0xa0;

function expect(t: Tlv, tag: number, what: string): Tlv {
  if (t.tag !== tag) throw new Error(`not a certificate: ${what} has tag 0x${t.tag.toString(16)}`);
  return t;
}

/** Reads serial, subject and subject public key of a DER certificate. */
export function certIdFields(der: Buffer): CertIdFields {
  const cert = expect(tlv(der, 0, der.length), SEQUENCE, 'Certificate');
  const tbs = expect(tlv(der, cert.start, cert.end), SEQUENCE, 'tbsCertificate');
  let at = tbs.start;
  let t = tlv(der, at, tbs.end);
  if (t.tag === VERSION) {
    at = t.end;
    t = tlv(der, at, tbs.end);
  }
  const serial = expect(t, INTEGER, 'serialNumber');
  const signature = expect(tlv(der, serial.end, tbs.end), SEQUENCE, 'signature');
  const issuer = expect(tlv(der, signature.end, tbs.end), SEQUENCE, 'issuer');
  const validity = expect(tlv(der, issuer.end, tbs.end), SEQUENCE, 'validity');
  const subjectAt = validity.end;
  const subject = expect(tlv(der, subjectAt, tbs.end), SEQUENCE, 'subject');
  const spki = expect(tlv(der, subject.end, tbs.end), SEQUENCE, 'subjectPublicKeyInfo');
  const algorithm = expect(tlv(der, spki.start, spki.end), SEQUENCE, 'algorithm');
  const key = expect(tlv(der, algorithm.end, spki.end), BIT_STRING, 'subjectPublicKey');
  if (key.end <= key.start) throw new Error('not a certificate: empty subjectPublicKey');
  return {
    serial: der.subarray(serial.start, serial.end),
    subject: der.subarray(subjectAt, subject.end),
    subjectPublicKey: der.subarray(key.start + 1, key.end),
  };
}

/** The CertID hashes of an issuer certificate: of its subject Name's DER and of its public key bits. */
export interface IssuerHashes {
  nameHash: Buffer;
  keyHash: Buffer;
}

/** `issuerDer`'s CertID hashes with `algorithm` (`sha1`, what responders expect, or `sha256`). */
export function issuerHashes(issuerDer: Buffer, algorithm: 'sha1' | 'sha256' = 'sha1'): IssuerHashes {
  const f = certIdFields(issuerDer);
  return { nameHash: createHash(algorithm).update(f.subject).digest(), keyHash: createHash(algorithm).update(f.subjectPublicKey).digest() };
}
