/**
 * How the sandbox judges a TLS client certificate presented for SASL EXTERNAL (IMAP and SMTP
 * submission alike): it must chain to the IGC-Santé test CAs, be valid on the server's clock, not
 * be in its issuer's CRL, and name a mailbox (e-mail SAN for an organisation certificate, national
 * identifier CN for a CPS-like person certificate). Each check can be switched off by a defect.
 */
import { X509Certificate } from 'node:crypto';
import { nodeCertificate } from '../x509/node-certificate.js';
import { readFileSync } from 'node:fs';
import { pkiManifest, pkiPath } from '../pki/fixtures.js';
import { certView } from '../x509/cert-view.js';
import { crlView } from '../x509/crl-view.js';
import { BoundedMap } from '../util/bounded-map.js';

export interface TrustMaterial {
  /** IGC-Santé test CAs (roots and intermediates). */
  authorities: X509Certificate[];
  /** CRLs (DER) of those CAs. */
  crls: Buffer[];
}

export interface ClientCertChecks {
  trust: boolean;
  validity: boolean;
  revocation: boolean;
}

export type ClientCertVerdict =
  | { ok: true; subject: string; emails: string[]; commonName: string }
  | { ok: false; reason: 'no-certificate' | 'untrusted' | 'expired' | 'not-yet-valid' | 'revoked'; subject?: string };

function commonNameOf(cert: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
}

function emailsOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('email:'))
    .map((s) => s.slice(6).toLowerCase());
}

/** Builds leaf -> ... -> self-signed anchor from `authorities`; undefined when it does not chain. */
function chainToAnchor(leaf: X509Certificate, authorities: X509Certificate[]): X509Certificate[] | undefined {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 5; depth++) {
    const issuer = authorities.find((ca) => current.checkIssued(ca) && current.verify(ca.publicKey));
    if (!issuer) return undefined;
    if (issuer.fingerprint256 === current.fingerprint256) return chain;
    chain.push(issuer);
    if (issuer.checkIssued(issuer)) return chain;
    current = issuer;
  }
  return undefined;
}

export async function checkClientCertificate(
  peerDer: Buffer | undefined,
  material: TrustMaterial,
  now: Date,
  checks: ClientCertChecks,
): Promise<ClientCertVerdict> {
  if (!peerDer || peerDer.length === 0) return { ok: false, reason: 'no-certificate' };
  const leaf = nodeCertificate(peerDer);
  const subject = leaf.subject.replace(/\n/g, ', ');
  const chain = chainToAnchor(leaf, material.authorities);
  if (checks.trust && !chain) return { ok: false, reason: 'untrusted', subject };
  if (checks.validity) {
    for (const c of chain ?? [leaf]) {
      if (now < new Date(c.validFrom)) return { ok: false, reason: 'not-yet-valid', subject };
      if (now > new Date(c.validTo)) return { ok: false, reason: 'expired', subject };
    }
  }
  if (checks.revocation && chain) {
    for (let i = 0; i + 1 < chain.length; i++) {
      if (await isRevoked(chain[i]!, chain[i + 1]!, material.crls)) return { ok: false, reason: 'revoked', subject };
    }
  }
  return { ok: true, subject, emails: emailsOf(leaf), commonName: commonNameOf(leaf) };
}

async function isRevoked(cert: X509Certificate, issuer: X509Certificate, crls: Buffer[]): Promise<boolean> {
  const serial = normalSerial(cert.serialNumber);
  for (const der of crls) {
    const crl = parsedCrl(der);
    if (!(await crl.signedBy(issuer))) continue;
    if (crl.revoked.has(serial)) return true;
  }
  return false;
}

const normalSerial = (s: string): string => s.toUpperCase().replace(/^0+/, '');

interface ParsedCrl {
  revoked: ReadonlySet<string>;
  /** Whether `issuer` issued and signed this CRL (its answer kept per issuer: the bytes do not change). */
  signedBy(issuer: X509Certificate): Promise<boolean>;
}

/**
 * A CRL read once per content (the IMAP and SMTP components read the same CRLs, and a catalogue
 * run checks dozens of client certificates against them), its signature checked once per issuer.
 */
const crlCache = new BoundedMap<string, ParsedCrl>(64);
function parsedCrl(der: Buffer): ParsedCrl {
  const key = der.toString('base64');
  let parsed = crlCache.get(key);
  if (!parsed) {
    const crl = crlView(der);
    const bySigner = new Map<string, Promise<boolean>>();
    parsed = {
      revoked: new Set(crl.entries.map((e) => normalSerial(e.serialNumber))),
      signedBy(issuer) {
        let ok = bySigner.get(issuer.fingerprint256);
        if (!ok) {
          ok = crl.issuer.replace(/\s/g, '') !== certView(Buffer.from(issuer.raw)).subject.replace(/\s/g, '') ? Promise.resolve(false) : crl.verify(Buffer.from(issuer.raw));
          bySigner.set(issuer.fingerprint256, ok);
        }
        return ok;
      },
    };
    crlCache.set(key, parsed);
  }
  return parsed;
}

/**
 * The IGC-Santé test CAs and their CRLs, as the sandbox trusts them. `kinds`: which authorities the
 * trust store holds (a store without the intermediate CAs refuses every valid client certificate).
 */
export function igcTrustMaterial(kinds: readonly ('root' | 'ca')[] = ['root', 'ca']): TrustMaterial {
  const manifest = pkiManifest();
  const authorities = manifest.items
    .filter((i) => (kinds as readonly string[]).includes(i.kind) && i.igc)
    .map((i) => new X509Certificate(readFileSync(pkiPath(i.certPem))));
  const crls = manifest.crls.map((c) => readFileSync(pkiPath(c.path)));
  return { authorities, crls };
}

/** A mailbox as the certificate mapping sees it. */
export interface CertificateAccount {
  address: string;
  /** Identifier a CPS-like person certificate carries in its CN. */
  nationalId?: string;
}

/**
 * The mailbox an accepted certificate logs in to: one whose address is an e-mail SAN of the
 * certificate, or whose national identifier is its CN; with an authorization identity, that
 * mailbox only. Undefined when the certificate names no such mailbox.
 */
export function mailboxForCertificate<A extends CertificateAccount>(
  verdict: Extract<ClientCertVerdict, { ok: true }>,
  accounts: readonly A[],
  authzid: string | undefined,
): A | undefined {
  const candidates = accounts.filter(
    (a) => verdict.emails.includes(a.address.toLowerCase()) || (a.nationalId !== undefined && a.nationalId === verdict.commonName),
  );
  return authzid ? candidates.find((a) => a.address.toLowerCase() === authzid.toLowerCase()) : candidates[0];
}
