/** The shape of `fixtures/pki/index.json`, the generated list of every PKI item. Paths are relative to the PKI directory. */
import type { ItemKind } from './spec.js';

export interface PkiManifestItem {
  name: string;
  kind: ItemKind;
  /** PEM certificate. */
  certPem: string;
  /** PKCS#8 PEM private key (test key). */
  keyPem: string;
  /** The certificate followed by its intermediate CA(s), without the root. */
  chainPem: string;
  /** PKCS#12 of certificate + key + chain; passphrase in `p12Passphrase`. */
  p12?: string;
  p12Passphrase?: string;
  /** What is wrong on purpose; absent for valid items. */
  defect?: string;
  /** RFC 4514 form, CN first, e.g. `CN=localhost,OU=00000000000000,O=MSSCHECK SANDBOX,ST=Paris (75),C=FR`. */
  subject: string;
  issuer: string;
  /** Name of the issuing item (itself for roots and self-signed certificates). */
  issuerName: string;
  /** True when the certificate chains to a TEST IGC-Santé root. */
  igc: boolean;
  /** Upper-case hexadecimal. */
  serial: string;
  notBefore: string;
  notAfter: string;
  keyBits: number;
  signatureHash: string;
  sha256: string;
  san: string[];
  /** Revocation, as listed in the issuer's CRL. */
  revoked?: { date: string; reason?: string; crl: string };
  /** Authorities: the CRL they publish. */
  crl?: { path: string; file: string; url: string };
}

export interface PkiManifestCrl {
  issuer: string;
  path: string;
  file: string;
  url: string;
  thisUpdate: string;
  nextUpdate: string;
  revokedSerials: string[];
}

export interface PkiManifest {
  generatedBy: string;
  epoch: string;
  /** An as-of date at which every valid item is valid and every date defect shows. */
  referenceAsOf: string;
  trust: {
    /** PEM bundle of the TEST IGC-Santé roots. */
    igcRoots: string;
    /** PEM bundle of the TEST IGC-Santé roots and CAs. */
    igcChain: string;
    /** PKCS#7 (certs-only, DER) of the TEST IGC-Santé roots and CAs, as ANS publishes its chain. */
    igcP7b: string;
    /** PEM bundle of the non-IGC roots and CAs (TEST AUTRE AC). */
    otherChain: string;
  };
  items: PkiManifestItem[];
  crls: PkiManifestCrl[];
}
