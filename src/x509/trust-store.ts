import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { x509 } from '../pki/x509-lib.js';
import { BoundedMap } from '../util/bounded-map.js';
import { signedDataCertificates } from './der.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PEM_PKCS7 = /-----BEGIN PKCS7-----([\s\S]+?)-----END PKCS7-----/g;

/** Why a certificate bundle could not be read; the message names the file. */
export class BundleError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'BundleError';
  }
}

/**
 * Certificates of a PKCS#7 certs-only bundle (DER), in the order the bundle lists them: read from
 * the DER when it is the plain SignedData a `.p7b` is, else decoded by @peculiar/x509.
 */
export function certificatesOfPkcs7(der: Uint8Array): X509Certificate[] {
  const certs = signedDataCertificates(der);
  if (certs) return certs.map((c) => new X509Certificate(Buffer.from(c)));
  const bundle = new x509.X509Certificates();
  bundle.import(Buffer.from(der));
  return bundle.map((c) => new X509Certificate(Buffer.from(c.rawData)));
}

/**
 * Every certificate of a bundle file: PEM certificates (one or more), a PEM PKCS#7 block, a DER
 * PKCS#7 `.p7b` (the form ANS publishes the IGC-Santé chain in) or one DER certificate.
 */
export function readCertificateBundle(path: string): X509Certificate[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new BundleError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseCertificateBundle(bytes, path);
}

/** Bundles parsed lately, by content: a fleet's targets name the same anchor files, read by every certificate scenario. */
const parsed = new BoundedMap<string, X509Certificate[]>(32);

export function parseCertificateBundle(bytes: Buffer, path = 'bundle'): X509Certificate[] {
  const key = createHash('sha256').update(bytes).digest('base64');
  return [...parsed.getOr(key, () => parseUncached(bytes, path))];
}

function parseUncached(bytes: Buffer, path: string): X509Certificate[] {
  const text = bytes.toString('latin1');
  try {
    if (text.includes('-----BEGIN ')) {
      const certs = (text.match(PEM_CERT) ?? []).map((pem) => new X509Certificate(pem));
      for (const m of text.matchAll(PEM_PKCS7)) certs.push(...certificatesOfPkcs7(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
      if (!certs.length) throw new BundleError(path, 'holds no PEM certificate nor PKCS#7 block');
      return certs;
    }
    if (bytes[0] !== 0x30) throw new BundleError(path, 'is neither PEM nor DER');
    try {
      return certificatesOfPkcs7(bytes);
    } catch {
      return [new X509Certificate(bytes)];
    }
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(path, `holds a malformed certificate or bundle (${(err as Error).message})`);
  }
}

/** The certificates of several bundle files, without duplicates (by SHA-256 fingerprint). */
export function readTrustAnchors(paths: string[]): X509Certificate[] {
  const out = new Map<string, X509Certificate>();
  for (const p of paths) for (const c of readCertificateBundle(p)) out.set(c.fingerprint256, c);
  return [...out.values()];
}
