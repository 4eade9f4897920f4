/**
 * Revocation as a live CA publishes it, for the real mail stack's `revocation: live` variants: every
 * test PKI CRL re-issued when the stack starts (thisUpdate a minute ago, nextUpdate in a week, same
 * entries, signed by the same CA key), and the OCSP answers dated now. msscheck must judge both
 * fresh, whatever the as-of instant of the run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkiCrl, pkiItem, pkiManifest } from '../pki/fixtures.js';
import { signingKey } from '../pki/keys.js';
import { x509 } from '../pki/x509-lib.js';

/** How a live CA dates what it publishes at `now`. */
export function liveValidity(now: Date): { thisUpdate: Date; nextUpdate: Date } {
  return { thisUpdate: new Date(now.getTime() - 60_000), nextUpdate: new Date(now.getTime() + 7 * 86_400_000) };
}

/** Writes every test PKI CRL, re-issued at `now`, into `dir` (served by file name like the fixtures). */
export async function writeLiveCrls(dir: string, now: Date): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const { thisUpdate, nextUpdate } = liveValidity(now);
  for (const entry of pkiManifest().crls) {
    const source = pkiCrl(entry.file);
    const old = new x509.X509Crl(readFileSync(source.absolutePath));
    const ca = pkiItem(entry.issuer);
    const crl = await x509.X509CrlGenerator.create({
      issuer: old.issuer,
      thisUpdate,
      nextUpdate,
      entries: old.entries.map((e) => ({ serialNumber: e.serialNumber, revocationDate: e.revocationDate, reason: e.reason })),
      extensions: old.extensions,
      signingKey: await signingKey({ pem: ca.key } as Parameters<typeof signingKey>[0], 'SHA-256'),
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    });
    writeFileSync(join(dir, entry.file), Buffer.from(crl.rawData));
  }
  return dir;
}
