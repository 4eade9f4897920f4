/**
 * @peculiar/x509, ready to use: the Reflect metadata shim it needs is loaded first and its crypto
 * provider is Node's WebCrypto. Import x509 from here, never from '@peculiar/x509' directly.
 *
 * The library (its CommonJS build, the one Node's `import` resolves to as well) is loaded at the
 * first use of `x509.<anything>`, not with the modules that import this one: the probe registry
 * reaches it, and `msscheck list` must not pay for it.
 */
import './reflect-metadata-shim.js';
import { createHash, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as X509 from '@peculiar/x509';
import { BoundedMap } from '../util/bounded-map.js';
import { requireWithCodeCache } from '../util/code-cache.js';

let lib: typeof X509 | undefined;
function load(): typeof X509 {
  if (!lib) {
    // The compiled package carries the library bundled into one file (scripts/build.mjs); under tsx, node_modules.
    const bundled = fileURLToPath(new URL('../vendor/peculiar-x509.cjs', import.meta.url));
    const req = createRequire(import.meta.url);
    lib = (existsSync(bundled) ? requireWithCodeCache(bundled, req) : req('@peculiar/x509')) as typeof X509;
    lib.cryptoProvider.set(webcrypto as unknown as Parameters<typeof lib.cryptoProvider.set>[0]);
  }
  return lib;
}

export const x509: typeof X509 = new Proxy({} as typeof X509, {
  get: (_t, key) => (load() as unknown as Record<string | symbol, unknown>)[key],
  has: (_t, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});

const certificates = new BoundedMap<string, X509.X509Certificate>(256);
const crls = new BoundedMap<string, X509.X509Crl>(32);

/**
 * `der` parsed by the library, kept by content: a run meets the same few certificates in dozens of
 * handshakes, profiles and revocation checks, and decoding one costs milliseconds. Shared by every
 * caller: read it, never change it.
 */
export function parsedCertificate(der: Uint8Array): X509.X509Certificate {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  return certificates.getOr(bytes.toString('base64'), () => new x509.X509Certificate(bytes));
}

/** A CRL parsed by the library, kept by content (its SHA-256: a CRL may be large), shared like `parsedCertificate`'s. */
export function parsedCrl(der: Uint8Array): X509.X509Crl {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  return crls.getOr(createHash('sha256').update(bytes).digest('base64'), () => new x509.X509Crl(bytes));
}

/** The library's types under the same name (`x509.X509Certificate` in a type position). */
export declare namespace x509 {
  export type X509Certificate = X509.X509Certificate;
  export type X509Certificates = X509.X509Certificates;
  export type X509Crl = X509.X509Crl;
  export type X509CrlReason = X509.X509CrlReason;
  export type PublicKey = X509.PublicKey;
  export type Extension = X509.Extension;
  export type Name = X509.Name;
  export type KeyUsageFlags = X509.KeyUsageFlags;
  export type SubjectAlternativeNameExtension = X509.SubjectAlternativeNameExtension;
  export type BasicConstraintsExtension = X509.BasicConstraintsExtension;
  export type KeyUsagesExtension = X509.KeyUsagesExtension;
  export type ExtendedKeyUsageExtension = X509.ExtendedKeyUsageExtension;
  export type CRLDistributionPointsExtension = X509.CRLDistributionPointsExtension;
  export type AuthorityKeyIdentifierExtension = X509.AuthorityKeyIdentifierExtension;
  export type SubjectKeyIdentifierExtension = X509.SubjectKeyIdentifierExtension;
  export type CertificatePolicyExtension = X509.CertificatePolicyExtension;
  export type AuthorityInfoAccessExtension = X509.AuthorityInfoAccessExtension;
}
