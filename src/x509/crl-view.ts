/**
 * What the revocation checks read of a CRL (RFC 5280 §5), read straight from its DER when it holds
 * only what der.ts knows (names in UTF8/Printable/IA5 strings, PKCS#1 v1.5 or ECDSA signatures),
 * else from @peculiar/x509: the same values either way (test/x509/cert-view.test.ts). The signature
 * is checked over the tbsCertList's own bytes with the issuer's public key, by Node's crypto.
 * Kept per content; shared: never change it.
 */
import { createHash, verify as verifySignature } from 'node:crypto';
import { parsedCertificate, parsedCrl } from '../pki/x509-lib.js';
import { children, derFirst, expectTag, extensionEntries, INTEGER, nameString, OID, oidString, SEQUENCE, serialHex, SIGNATURE_ALGORITHMS, timeString, tlv, Unsupported, type Tlv } from './der.js';
import { nodeCertificate } from './node-certificate.js';

export interface CrlEntryView {
  /** Lower-case hex, as the library writes it. */
  serialNumber: string;
  revocationDate: Date;
  /** CRLReason code, when the entry gives one. */
  reason?: number;
}

export interface CrlView {
  issuer: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  entries: CrlEntryView[];
  /** Whether the CRL's signature verifies with the public key of `issuerDer`. */
  verify(issuerDer: Buffer): Promise<boolean>;
}

const REASON_CODE = '2.5.29.21';
const ENUMERATED = 0x0a;
const isTime = (t: Tlv | undefined): t is Tlv => t?.tag === 0x17 || t?.tag === 0x18;

function entryOf(der: Buffer, e: Tlv): CrlEntryView {
  const [serial, date, extensions] = children(der, expectTag(e, SEQUENCE, 'revokedCertificate'));
  if (!serial || serial.tag !== INTEGER || !isTime(date)) throw new Unsupported();
  const entry: CrlEntryView = { serialNumber: serialHex(der, serial), revocationDate: new Date(timeString(der, date)) };
  for (const { oid, value: code } of extensions ? extensionEntries(der, extensions) : []) {
    if (oid !== REASON_CODE) continue;
    if (code.tag !== ENUMERATED || code.end !== code.start + 1) throw new Unsupported();
    entry.reason = der[code.start]!;
  }
  return entry;
}

function viewFromDer(der: Buffer): CrlView {
  const list = expectTag(tlv(der, 0, der.length), SEQUENCE, 'CertificateList');
  const [tbs, algorithm, signature] = children(der, list);
  if (!tbs || tbs.tag !== SEQUENCE || !algorithm || algorithm.tag !== SEQUENCE || !signature || signature.tag !== 0x03) throw new Unsupported();
  const algOid = children(der, algorithm)[0];
  const alg = algOid?.tag === OID ? SIGNATURE_ALGORITHMS[oidString(der, algOid)] : undefined;
  if (!alg || der[signature.start] !== 0) throw new Unsupported();
  const fields = children(der, tbs);
  let i = fields[0]?.tag === INTEGER ? 1 : 0;
  const sigInTbs = fields[i++];
  const issuer = fields[i++];
  const thisUpdate = fields[i++];
  if (!sigInTbs || sigInTbs.tag !== SEQUENCE || !issuer || issuer.tag !== SEQUENCE || !isTime(thisUpdate)) throw new Unsupported();
  // RFC 5280 §5.1.1.2: the tbsCertList's signature field names the same algorithm as the outer one.
  // A CRL where they differ is left to the library, as is anything else unusual.
  if (!der.subarray(sigInTbs.at, sigInTbs.end).equals(der.subarray(algorithm.at, algorithm.end))) throw new Unsupported();
  const nextUpdate = isTime(fields[i]) ? fields[i++] : undefined;
  const revoked = fields[i]?.tag === SEQUENCE ? fields[i++] : undefined;
  if (fields[i] && fields[i]!.tag !== 0xa0) throw new Unsupported();
  const tbsBytes = der.subarray(tbs.at, tbs.end);
  const sig = der.subarray(signature.start + 1, signature.end);
  return {
    issuer: nameString(der, issuer),
    thisUpdate: new Date(timeString(der, thisUpdate)),
    ...(nextUpdate ? { nextUpdate: new Date(timeString(der, nextUpdate)) } : {}),
    entries: revoked ? children(der, revoked).map((e) => entryOf(der, e)) : [],
    verify: async (issuerDer) => {
      try {
        const key = nodeCertificate(issuerDer).publicKey;
        // The signature verifies only as the algorithm the CRL declares: an RSA signature under an
        // ECDSA algorithm (or the reverse) does not.
        if (key.asymmetricKeyType !== alg.keyType) return false;
        return verifySignature(alg.hash, tbsBytes, key, sig);
      } catch {
        return false;
      }
    },
  };
}

/** The same view, as the library decodes the CRL. */
export function crlViewWithLibrary(der: Buffer): CrlView {
  const crl = parsedCrl(der);
  return {
    issuer: crl.issuer,
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
    entries: crl.entries.map((e) => ({ serialNumber: e.serialNumber, revocationDate: e.revocationDate, ...(e.reason !== undefined ? { reason: e.reason } : {}) })),
    verify: async (issuerDer) => crl.verify({ publicKey: await parsedCertificate(issuerDer).publicKey.export() }).catch(() => false),
  };
}

const reader = derFirst(viewFromDer, crlViewWithLibrary, 32, (der) => createHash('sha256').update(der).digest('base64'));

/** The view of `der` from the DER alone, or undefined when it holds something only the library reads. */
export const crlViewFromDerOnly = reader.fromDerOnly;

/** What the checks read of the CRL `der` (see the file's comment). Throws as the library does on what is not a CRL. */
export const crlView = reader.view;
