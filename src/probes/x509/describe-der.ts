/**
 * The certificate description (describe.ts) read straight from the DER, for the certificates made
 * of what it knows: names in UTF8String, PrintableString or IA5String; RSA or EC P-256/384/521 keys;
 * PKCS#1 v1.5 or ECDSA signatures; DNS, e-mail, URI, IPv4 and UPN alternative names. Every string is
 * written exactly as @peculiar/x509 writes it (the library's Name.toString escaping, key and
 * signature algorithm names, serial without the sign octet), so the evidence is the same either way.
 * Anything else (an unusual string type, RSA-PSS, an IPv6 or directory name...) returns undefined,
 * and the library describes the certificate: loading and decoding with it costs tens of
 * milliseconds, most of a TLS battery's certificate work.
 */
import { createHash } from 'node:crypto';
import { BIT_STRING, children, expectTag, extensionEntries, INTEGER, nameString, OID, oidString, SEQUENCE, serialHex, SIGNATURE_ALGORITHMS, tbsFields, text, timeString, tlv, Unsupported, type Tlv } from '../../x509/der.js';
import type { CertificateDescription } from './describe.js';

const CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const UPN = '1.3.6.1.4.1.311.20.2.3';

/** Key usage bits in the library's order (its KeyUsageFlags: bit n of the BIT STRING is 2^n). */
const KEY_USAGES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** Extended key usages by OID, as the library names them (its ExtendedKeyUsage), else the OID. */
export const EXT_KEY_USAGES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'ocspSigning',
  '1.3.6.1.4.1.311.20.2.2': 'msSmartcardLogin',
};

function publicKey(der: Buffer, spki: Tlv): { keyAlgorithm: string; keyBits: number | null } {
  const [alg, key] = children(der, spki);
  if (!alg || !key || key.tag !== BIT_STRING) throw new Unsupported();
  const [algOid, params] = children(der, expectTag(alg, SEQUENCE, 'algorithm'));
  if (!algOid || algOid.tag !== OID) throw new Unsupported();
  const oid = oidString(der, algOid);
  if (oid === RSA_ENCRYPTION) {
    const rsa = tlv(der, key.start + 1, key.end);
    const modulus = expectTag(tlv(der, rsa.start, rsa.end), INTEGER, 'modulus');
    const bytes = modulus.end - modulus.start - (der[modulus.start] === 0 ? 1 : 0);
    return { keyAlgorithm: 'RSA', keyBits: bytes << 3 };
  }
  if (oid === EC_PUBLIC_KEY && params?.tag === OID) {
    const curve = CURVES[oidString(der, params)];
    if (curve) return { keyAlgorithm: `EC ${curve}`, keyBits: Number(curve.slice(2)) };
  }
  throw new Unsupported();
}

interface Extensions {
  keyUsage: string[];
  extKeyUsage: string[];
  policies: string[];
  san: string[];
}

function extensionsOf(der: Buffer, wrapper: Tlv | undefined): Extensions {
  const out: Extensions = { keyUsage: [], extKeyUsage: [], policies: [], san: [] };
  if (!wrapper) return out;
  for (const { oid, value: inner } of extensionEntries(der, tlv(der, wrapper.start, wrapper.end))) {
    switch (oid) {
      case '2.5.29.15': {
        expectTag(inner, BIT_STRING, 'keyUsage');
        let bits = 0;
        for (let i = inner.start + 1, n = 0; i < inner.end; i++, n++) for (let b = 0; b < 8; b++) if (der[i]! & (0x80 >> b)) bits |= 1 << (n * 8 + b);
        if (bits >> KEY_USAGES.length) throw new Unsupported();
        out.keyUsage = KEY_USAGES.filter((_, n) => bits & (1 << n));
        break;
      }
      case '2.5.29.37':
        out.extKeyUsage = children(der, expectTag(inner, SEQUENCE, 'extKeyUsage')).map((o) => {
          const oid = oidString(der, expectTag(o, OID, 'KeyPurposeId'));
          return EXT_KEY_USAGES[oid] ?? oid;
        });
        break;
      case '2.5.29.32':
        out.policies = children(der, expectTag(inner, SEQUENCE, 'certificatePolicies')).map((p) => oidString(der, expectTag(children(der, expectTag(p, SEQUENCE, 'PolicyInformation'))[0] ?? p, OID, 'policyIdentifier')));
        break;
      case '2.5.29.17':
        out.san = children(der, expectTag(inner, SEQUENCE, 'subjectAltName')).map((g) => {
          const v = der.toString('latin1', g.start, g.end);
          if (g.tag === 0x82) return `dns:${v}`;
          if (g.tag === 0x81) return `email:${v}`;
          if (g.tag === 0x86) return `url:${v}`;
          if (g.tag === 0x87 && g.end - g.start === 4) return `ip:${[...der.subarray(g.start, g.end)].join('.')}`;
          if (g.tag === 0xa0) {
            // otherName: a Microsoft UPN (as smart-card certificates carry it); other kinds are the library's
            const [typeId, explicit] = children(der, g);
            if (typeId?.tag === OID && oidString(der, typeId) === UPN && explicit?.tag === 0xa0) return `upn:${text(der, tlv(der, explicit.start, explicit.end))}`;
          }
          throw new Unsupported();
        });
        break;
    }
  }
  return out;
}

/** The description of `der`, or undefined when it holds something only the library describes. */
export function describeFromDer(der: Buffer): CertificateDescription | undefined {
  try {
    const f = tbsFields(der);
    const [notBefore, notAfter] = children(der, f.validity);
    const [sigOid] = children(der, f.signatureAlgorithm);
    const signatureAlgorithm = sigOid?.tag === OID ? SIGNATURE_ALGORITHMS[oidString(der, sigOid)]?.name : undefined;
    if (!notBefore || !notAfter || !signatureAlgorithm) return undefined;
    const ext = extensionsOf(der, f.extensions);
    return {
      subject: nameString(der, f.subject),
      issuer: nameString(der, f.issuer),
      serial: serialHex(der, f.serial),
      notBefore: timeString(der, notBefore),
      notAfter: timeString(der, notAfter),
      ...publicKey(der, f.spki),
      signatureAlgorithm,
      sha256: createHash('sha256').update(der).digest('hex'),
      san: ext.san,
      keyUsage: ext.keyUsage,
      extKeyUsage: ext.extKeyUsage,
      policies: ext.policies,
    };
  } catch {
    // Unsupported, or DER this reader does not follow: the library decides (and says why it fails).
    return undefined;
  }
}
