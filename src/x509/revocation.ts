import { x509 } from '../pki/x509-lib.js';
import { ProbeError, type Timeouts } from '../probes/types.js';
import { httpGet } from './http-fetch.js';

/** Where CRLs come from: a mirror serving them by file name (the profile's `endpoints.crl.url`), else the distribution point URL. */
export interface CrlSourceOptions {
  mirrorBase?: string;
  timeouts: Timeouts;
  signal?: AbortSignal;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

export interface CrlCheck {
  /** Distribution point URL named by the certificate. */
  url: string;
  /** URL actually fetched (the mirror's when there is one). */
  fetchedFrom: string;
  thisUpdate?: string;
  nextUpdate?: string;
  signatureValid?: boolean;
  error?: { code: string; message: string };
}

export interface RevocationResult {
  serial: string;
  status: RevocationStatus;
  /** How the status was established. */
  method: 'crl' | 'none';
  revokedOn?: string;
  reason?: string;
  crls: CrlCheck[];
  /** OCSP responders the certificate names; OCSP is not queried by this version (reported as not tested). */
  ocspResponders: string[];
  ocsp: 'not-tested';
  problems: string[];
}

/** CRL downloads kept for the whole process, keyed by the URL fetched. */
const cache = new Map<string, Promise<Buffer>>();

/** For tests: forget every cached CRL. */
export function clearCrlCache(): void {
  cache.clear();
}

/** The URL to fetch for a distribution point: the mirror's file of the same name when a mirror is given. */
export function crlFetchUrl(dpUrl: string, mirrorBase?: string): string {
  if (!mirrorBase) return dpUrl;
  const file = new URL(dpUrl).pathname.split('/').pop() ?? '';
  return new URL(encodeURIComponent(decodeURIComponent(file)), mirrorBase.endsWith('/') ? mirrorBase : `${mirrorBase}/`).toString();
}

function fetchCrlBytes(url: string, options: CrlSourceOptions): Promise<Buffer> {
  let p = cache.get(url);
  if (!p) {
    p = httpGet(url, { timeouts: options.timeouts, signal: options.signal });
    cache.set(url, p);
    p.catch(() => cache.delete(url)); // a failed download is retried next time
  }
  return p;
}

export function distributionPoints(cert: x509.X509Certificate): string[] {
  const ext = cert.getExtension(x509.CRLDistributionPointsExtension);
  return (ext?.distributionPoints ?? []).flatMap((dp) =>
    (dp.distributionPoint?.fullName ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string'),
  );
}

export function ocspResponders(cert: x509.X509Certificate): string[] {
  const ext = cert.getExtension(x509.AuthorityInfoAccessExtension);
  return (ext?.ocsp ?? []).filter((g) => g.type === 'url').map((g) => String(g.value));
}

const REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'unused', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise'];

/**
 * Revocation status of `certDer` on `asOf` by the CRLs its distribution points name, each CRL
 * checked against the issuer: signature, issuer name, thisUpdate <= asOf <= nextUpdate. No usable
 * CRL gives `unknown` (never `good`). OCSP is not queried: responders are listed as not tested.
 */
export async function checkRevocation(certDer: Buffer, issuerDer: Buffer | undefined, asOf: Date, options: CrlSourceOptions): Promise<RevocationResult> {
  const cert = new x509.X509Certificate(certDer);
  const issuer = issuerDer ? new x509.X509Certificate(issuerDer) : undefined;
  const result: RevocationResult = { serial: cert.serialNumber, status: 'unknown', method: 'none', crls: [], ocspResponders: ocspResponders(cert), ocsp: 'not-tested', problems: [] };
  const dps = distributionPoints(cert);
  if (!dps.length) result.problems.push('the certificate names no CRL distribution point');
  if (!issuer) result.problems.push('the issuer certificate is unknown, so no CRL signature can be checked');
  for (const url of dps) {
    const fetchedFrom = crlFetchUrl(url, options.mirrorBase);
    const check: CrlCheck = { url, fetchedFrom };
    result.crls.push(check);
    let crl: x509.X509Crl;
    try {
      crl = new x509.X509Crl(await fetchCrlBytes(fetchedFrom, options));
    } catch (err) {
      const pe = err instanceof ProbeError ? err : new ProbeError('EPROTOCOL', `${fetchedFrom}: not a CRL (${(err as Error).message})`);
      check.error = { code: pe.code, message: pe.message };
      result.problems.push(pe.message);
      continue;
    }
    check.thisUpdate = crl.thisUpdate.toISOString();
    check.nextUpdate = crl.nextUpdate?.toISOString();
    if (!issuer) continue;
    check.signatureValid = await crl.verify({ publicKey: await issuer.publicKey.export() }).catch(() => false);
    const problems: string[] = [];
    if (!check.signatureValid) problems.push(`${fetchedFrom}: CRL signature does not verify with the issuer's key`);
    if (crl.issuer !== issuer.subject) problems.push(`${fetchedFrom}: CRL issued by ${crl.issuer}, not by ${issuer.subject}`);
    if (crl.thisUpdate.getTime() > asOf.getTime()) problems.push(`${fetchedFrom}: CRL issued after the as-of date (${check.thisUpdate})`);
    if (crl.nextUpdate && crl.nextUpdate.getTime() < asOf.getTime()) problems.push(`${fetchedFrom}: CRL outdated on the as-of date (next update ${check.nextUpdate})`);
    if (problems.length) {
      result.problems.push(...problems);
      continue;
    }
    const entry = crl.entries.find((e) => e.serialNumber.toLowerCase() === cert.serialNumber.toLowerCase());
    result.method = 'crl';
    if (entry && entry.revocationDate.getTime() <= asOf.getTime()) {
      result.status = 'revoked';
      result.revokedOn = entry.revocationDate.toISOString();
      result.reason = REASONS[entry.reason ?? 0] ?? String(entry.reason);
      return result;
    }
    result.status = 'good';
  }
  return result;
}

/**
 * Revocation of `certDer` by one CRL held locally (an operator's own copy, as the sandbox keeps):
 * `revoked`, `good`, or `unknown` when the CRL does not verify or is not current on `asOf`.
 */
export async function judgeWithLocalCrl(certDer: Buffer, issuerDer: Buffer, crlDer: Buffer, asOf: Date): Promise<RevocationStatus> {
  const cert = new x509.X509Certificate(certDer);
  const issuer = new x509.X509Certificate(issuerDer);
  const crl = new x509.X509Crl(crlDer);
  const ok = await crl.verify({ publicKey: await issuer.publicKey.export() }).catch(() => false);
  if (!ok || crl.issuer !== issuer.subject || crl.thisUpdate > asOf || (crl.nextUpdate && crl.nextUpdate < asOf)) return 'unknown';
  const entry = crl.entries.find((e) => e.serialNumber.toLowerCase() === cert.serialNumber.toLowerCase());
  return entry && entry.revocationDate <= asOf ? 'revoked' : 'good';
}
