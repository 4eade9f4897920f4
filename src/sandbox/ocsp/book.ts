/**
 * What the sandbox OCSP responder knows: the authorities of the test PKI (their certificate, key
 * and CertID hashes) and, per authority, the status of every serial it issued, taken from the
 * manifest's CRL data (revoked serials, revocation date and reason).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import type { PkiManifest } from '../../pki/manifest.js';

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

/** The SHA-1 and SHA-256 CertID hashes of an authority, from one parse of its certificate. */
function certIdHashes(certDer: Buffer): Pick<OcspAuthority, 'sha1' | 'sha256'> {
  const c = pkijs.Certificate.fromBER(certDer.buffer.slice(certDer.byteOffset, certDer.byteOffset + certDer.byteLength) as ArrayBuffer);
  const name = new Uint8Array(c.subject.toSchema().toBER());
  const key = c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const hashes = (alg: string) => ({ nameHash: createHash(alg).update(name).digest(), keyHash: createHash(alg).update(key).digest() });
  return { sha1: hashes('sha1'), sha256: hashes('sha256') };
}

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
        ...certIdHashes(certDer),
        thisUpdate: new Date(crl?.thisUpdate ?? auth.notBefore),
        nextUpdate: new Date(crl?.nextUpdate ?? auth.notAfter),
        serials,
      };
    });
}
