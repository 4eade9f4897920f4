/**
 * Typed access to the committed test PKI (fixtures/pki): `pkiItem('serv-ssl-sandbox')` gives the
 * PEM certificate, key and chain of an item with their absolute paths. TEST KEYS ONLY.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PkiManifest, PkiManifestCrl, PkiManifestItem } from './manifest.js';

export type { PkiManifest, PkiManifestCrl, PkiManifestItem } from './manifest.js';

/** Absolute path of fixtures/pki/, with a trailing separator. */
export const PKI_DIR = fileURLToPath(new URL('../../fixtures/pki/', import.meta.url));

export interface PkiItem extends PkiManifestItem {
  /** PEM text of the certificate. */
  cert: string;
  /** PEM text of the PKCS#8 private key (a test key). */
  key: string;
  /** PEM text of the certificate followed by its intermediate CA(s). */
  chain: string;
  certPath: string;
  keyPath: string;
  chainPath: string;
  /** Absolute paths of the PKCS#12 file and of its passphrase file, when the item has one. */
  p12Path?: string;
  p12PassphrasePath?: string;
}

let cached: PkiManifest | undefined;

/** The manifest fixtures/pki/index.json (read once). */
export function pkiManifest(): PkiManifest {
  cached ??= JSON.parse(readFileSync(join(PKI_DIR, 'index.json'), 'utf8')) as PkiManifest;
  return cached;
}

/** Absolute path of a file of the PKI given relative to fixtures/pki. */
export function pkiPath(relative: string): string {
  return join(PKI_DIR, relative);
}

/** One item by name, e.g. `serv-ssl-sandbox`, `serv-ssl-peer`, `app-client`, `aci-el-org-test`. */
export function pkiItem(name: string): PkiItem {
  const item = pkiManifest().items.find((i) => i.name === name);
  if (!item) {
    throw new Error(`no test PKI item named "${name}" (known: ${pkiManifest().items.map((i) => i.name).join(', ')})`);
  }
  const certPath = pkiPath(item.certPem);
  const keyPath = pkiPath(item.keyPem);
  const chainPath = pkiPath(item.chainPem);
  return {
    ...item,
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    chain: readFileSync(chainPath, 'utf8'),
    certPath,
    keyPath,
    chainPath,
    ...(item.p12 ? { p12Path: pkiPath(item.p12) } : {}),
    ...(item.p12Passphrase ? { p12PassphrasePath: pkiPath(item.p12Passphrase) } : {}),
  };
}

/** Absolute paths of the trust bundles (IGC roots PEM, IGC roots+CAs PEM, IGC .p7b, non-IGC chain PEM). */
export function pkiTrust(): { igcRoots: string; igcChain: string; igcP7b: string; otherChain: string } {
  const t = pkiManifest().trust;
  return { igcRoots: pkiPath(t.igcRoots), igcChain: pkiPath(t.igcChain), igcP7b: pkiPath(t.igcP7b), otherChain: pkiPath(t.otherChain) };
}

/** The CRL an authority publishes, by authority name or CRL file name; `path` is absolute. */
export function pkiCrl(issuerOrFile: string): PkiManifestCrl & { absolutePath: string } {
  const crl = pkiManifest().crls.find((c) => c.issuer === issuerOrFile || c.file === issuerOrFile);
  if (!crl) throw new Error(`no test PKI CRL for "${issuerOrFile}"`);
  return { ...crl, absolutePath: pkiPath(crl.path) };
}

/** Absolute path of the directory holding every CRL by file name (what a CRL mirror serves). */
export const PKI_CRL_DIR = join(PKI_DIR, 'crl');
