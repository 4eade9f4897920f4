import { createHash } from 'node:crypto';
import { parsedCertificate, x509 } from '../../pki/x509-lib.js';
import { BoundedMap } from '../../util/bounded-map.js';
import { describeFromDer } from './describe-der.js';

/** A certificate as the `certificate-chain` evidence shows it (docs/ARCHITECTURE.md). */
export interface CertificateDescription {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: string;
  keyBits: number | null;
  signatureAlgorithm: string;
  sha256: string;
  san: string[];
  keyUsage: string[];
  extKeyUsage: string[];
  policies: string[];
}

/** Key usage bits and extended key usage OIDs by name (built at first use: x509-lib loads the library lazily). */
let names: { keyUsage: [string, number][]; eku: Map<string, string> } | undefined;
function usageNames(): NonNullable<typeof names> {
  if (!names) {
    const eku = new Map<string, string>(Object.entries(x509.ExtendedKeyUsage).map(([name, oid]) => [oid as string, name]));
    eku.set('1.3.6.1.4.1.311.20.2.2', 'msSmartcardLogin');
    names = { keyUsage: Object.entries(x509.KeyUsageFlags).filter(([, v]) => typeof v === 'number') as [string, number][], eku };
  }
  return names;
}

/** Key size in bits: RSA modulus length or EC curve size. */
function keyBits(alg: { name: string } & { modulusLength?: number; namedCurve?: string }): number | null {
  if (alg.modulusLength) return alg.modulusLength;
  const curve = /(\d{3})$/.exec(alg.namedCurve ?? '');
  return curve ? Number(curve[1]) : null;
}

/**
 * What evidence and facts say of a certificate. A pure function of its bytes, kept for the certificates
 * seen last (a run meets the same few chains in dozens of handshakes): every caller gets its own copy.
 * Read from the DER when it holds only what describe-der.ts knows, else decoded by @peculiar/x509
 * (the same strings either way: test/x509/describe.test.ts).
 */
export function describeCertificate(der: Buffer): CertificateDescription {
  const d = described.getOr(der.toString('base64'), () => describeFromDer(der) ?? describeWithLibrary(der));
  return { ...d, san: [...d.san], keyUsage: [...d.keyUsage], extKeyUsage: [...d.extKeyUsage], policies: [...d.policies] };
}
const described = new BoundedMap<string, CertificateDescription>(256);

/** The description as @peculiar/x509 decodes the certificate. */
export function describeWithLibrary(der: Buffer): CertificateDescription {
  const c = parsedCertificate(der);
  const ku = c.getExtension(x509.KeyUsagesExtension);
  const eku = c.getExtension(x509.ExtendedKeyUsageExtension);
  const pol = c.getExtension(x509.CertificatePolicyExtension);
  const san = c.getExtension(x509.SubjectAlternativeNameExtension);
  const pk = c.publicKey.algorithm as { name: string } & { modulusLength?: number; namedCurve?: string };
  const sig = c.signatureAlgorithm as { name: string } & { hash?: { name: string } };
  return {
    subject: c.subject,
    issuer: c.issuer,
    serial: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    keyAlgorithm: pk.namedCurve ? `EC ${pk.namedCurve}` : /^RSA/.test(pk.name) ? 'RSA' : pk.name,
    keyBits: keyBits(pk),
    signatureAlgorithm: sig.hash ? `${sig.name} ${sig.hash.name}` : sig.name,
    sha256: createHash('sha256').update(der).digest('hex'),
    san: (san?.names.items ?? []).map((n) => `${n.type}:${n.value}`),
    keyUsage: ku ? usageNames().keyUsage.filter(([, bit]) => (ku.usages & bit) !== 0).map(([name]) => name) : [],
    extKeyUsage: (eku?.usages ?? []).map((u) => usageNames().eku.get(String(u)) ?? String(u)),
    policies: [...(pol?.policies ?? [])],
  };
}
