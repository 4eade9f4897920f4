import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** The path built from a leaf to a trust anchor, and what stopped it when there is none. */
export interface ChainPath {
  /** Leaf first; ends with the trust anchor when `trusted`. */
  path: X509Certificate[];
  trusted: boolean;
  anchor?: X509Certificate;
  problems: string[];
}

const MAX_DEPTH = 8;

function subjectLine(c: X509Certificate): string {
  return c.subject.split('\n').join(', ');
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/**
 * Builds the path from `presented[0]` (the leaf) to one of `anchors`, using the presented
 * certificates as intermediates. Names, key identifiers and signatures are checked; dates are not
 * (see `validityOn`), so each finding stays separate.
 */
export function buildChain(presented: X509Certificate[], anchors: X509Certificate[]): ChainPath {
  const leaf = presented[0];
  if (!leaf) return { path: [], trusted: false, problems: ['the server presented no certificate'] };
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  const path = [leaf];
  const problems: string[] = [];
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchorPrints.has(current.fingerprint256)) return { path, trusted: true, anchor: current, problems };
    const issuer =
      anchors.find((a) => issuedBy(current, a)) ??
      presented.find((p) => p !== current && !path.includes(p) && issuedBy(current, p));
    if (!issuer) {
      problems.push(
        current.checkIssued(current)
          ? `self-signed certificate not among the trust anchors: ${subjectLine(current)}`
          : `issuer not found among the presented certificates and the trust anchors: ${current.issuer.split('\n').join(', ')}`,
      );
      return { path, trusted: false, problems };
    }
    if (!issuer.ca) problems.push(`issuer is not a CA (basicConstraints): ${subjectLine(issuer)}`);
    path.push(issuer);
    if (anchorPrints.has(issuer.fingerprint256)) return { path, trusted: problems.length === 0, anchor: issuer, problems };
    current = issuer;
  }
  problems.push(`chain longer than ${MAX_DEPTH} certificates`);
  return { path, trusted: false, problems };
}

export interface Validity {
  /** Every certificate of the path is within its validity period on `on`. */
  valid: boolean;
  expired: string[];
  notYetValid: string[];
}

/** Validity of every certificate of a path on a given date (the as-of date, never the clock). */
export function validityOn(path: X509Certificate[], on: Date): Validity {
  const t = on.getTime();
  const expired = path.filter((c) => new Date(c.validTo).getTime() < t).map(subjectLine);
  const notYetValid = path.filter((c) => new Date(c.validFrom).getTime() > t).map(subjectLine);
  return { valid: path.length > 0 && expired.length === 0 && notYetValid.length === 0, expired, notYetValid };
}

/**
 * Whether the certificate names `host` per RFC 6125: DNS names in subjectAltName (the subject CN
 * only when there is no DNS name), a wildcard only as the whole left-most label; IP addresses
 * against iPAddress entries.
 */
export function namesHost(cert: X509Certificate, host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '');
  if (isIP(name)) return cert.checkIP(name) !== undefined;
  return cert.checkHost(name, { subject: 'default', wildcards: true, partialWildcards: false, multiLabelWildcards: false }) !== undefined;
}
