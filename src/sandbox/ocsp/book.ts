/**
 * What the sandbox OCSP responder knows: the authorities of the test PKI (their certificate, key
 * and CertID hashes) and, per authority, the status of every serial it issued, taken from the
 * manifest's CRL data (revoked serials, revocation date and reason).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PkiManifest } from '../../pki/manifest.js';
import { issuerHashes } from '../../x509/der-fields.js';

export type SerialStatus = { status: 'good' } | { status: 'revoked'; date: Date; reason?: string };

export interface OcspAuthority {
  name: string;
  certDer: Buffer;
  /** PKCS#8 PEM of the authority's key (a TEST key). */
  keyPem: string;
  /** SHA-1 CertID hashes of the authority (issuerNameHash, issuerKeyHash). */
  sha1: { nameHash: Buffer; keyHash: Buffer };
  /** SHA-256 variant, for clients that ask with SHA-256 CertIDs. */
  sha256: { nameHash: Buffer; keyHash: Buffer };
  /** Validity window of the answers: the authority's CRL thisUpdate and nextUpdate. */
  thisUpdate: Date;
  nextUpdate: Date;
  /** Upper-case hexadecimal serial (no leading zeros) => status; a serial not listed is `unknown`. */
  serials: Map<string, SerialStatus>;
}

export const normalizeSerial = (hex: string): string => hex.toUpperCase().replace(/^(00)+(?=.)/, '');

/** Every authority (root or CA) of the manifest that publishes a CRL, with the statuses of what it issued. */
export function ocspBook(manifest: PkiManifest, pkiDir: string): OcspAuthority[] {
  return manifest.items
    .filter((i) => (i.kind === 'root' || i.kind === 'ca') && i.crl)
    .map((auth) => {
      const certDer = Buffer.from(new X509Certificate(readFileSync(join(pkiDir, auth.certPem))).raw);
      const crl = manifest.crls.find((c) => c.issuer === auth.name);
      const serials = new Map<string, SerialStatus>();
      for (const item of manifest.items) {
        if (item.issuerName !== auth.name || item.name === auth.name) continue;
        serials.set(normalizeSerial(item.serial), item.revoked ? { status: 'revoked', date: new Date(item.revoked.date), reason: item.revoked.reason } : { status: 'good' });
      }
      for (const s of crl?.revokedSerials ?? []) {
        const key = normalizeSerial(s);
        if (serials.get(key)?.status !== 'revoked') serials.set(key, { status: 'revoked', date: new Date(crl!.thisUpdate) });
      }
      return {
        name: auth.name,
        certDer,
        keyPem: readFileSync(join(pkiDir, auth.keyPem), 'utf8'),
        sha1: issuerHashes(certDer, 'sha1'),
        sha256: issuerHashes(certDer, 'sha256'),
        thisUpdate: new Date(crl?.thisUpdate ?? auth.notBefore),
        nextUpdate: new Date(crl?.nextUpdate ?? auth.notAfter),
        serials,
      };
    });
}
