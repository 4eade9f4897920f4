/**
 * The few fields of an X.509 certificate an OCSP CertID is made of (RFC 6960 §4.1.1), read straight
 * from its DER without decoding the rest: the serial number, the subject Name as encoded (what
 * `issuerNameHash` hashes) and the subject public key's bits (what `issuerKeyHash` hashes).
 * A full ASN.1 decode (pkijs) of every certificate and issuer of every OCSP request was most of the
 * client's OCSP time. Malformed DER throws.
 */
import { createHash } from 'node:crypto';
import { BIT_STRING, SEQUENCE, tbsFields, tlv, expectTag } from './der.js';

export interface CertIdFields {
  /** Content octets of the serialNumber INTEGER (as encoded, leading 00 included). */
  serial: Buffer;
  /** The whole subject Name (tag, length and content). */
  subject: Buffer;
  /** The subjectPublicKey BIT STRING's bits (without its unused-bits octet). */
  subjectPublicKey: Buffer;
}

/** Reads serial, subject and subject public key of a DER certificate. */
export function certIdFields(der: Buffer): CertIdFields {
  const f = tbsFields(der);
  const algorithm = expectTag(tlv(der, f.spki.start, f.spki.end), SEQUENCE, 'algorithm');
  const key = expectTag(tlv(der, algorithm.end, f.spki.end), BIT_STRING, 'subjectPublicKey');
  if (key.end <= key.start) throw new Error('not a certificate: empty subjectPublicKey');
  return {
    serial: der.subarray(f.serial.start, f.serial.end),
    subject: der.subarray(f.subject.at, f.subject.end),
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
